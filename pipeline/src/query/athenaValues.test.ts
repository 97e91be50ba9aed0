import { QueryError } from './engine';
import {
  athenaColumn,
  athenaRow,
  athenaValue,
  baseAthenaType,
  isHeaderRow,
  isoOffset,
} from './athenaValues';

describe('baseAthenaType', () => {
  it('lower-cases and drops type parameters', () => {
    expect(baseAthenaType('DECIMAL(10, 2)')).toBe('decimal');
    expect(baseAthenaType('timestamp(6) with time zone')).toBe(
      'timestamp with time zone',
    );
    expect(baseAthenaType('varchar(255)')).toBe('varchar');
    expect(baseAthenaType('BigInt')).toBe('bigint');
  });
});

describe('athenaColumn', () => {
  it('names the column and upper-cases its type', () => {
    expect(athenaColumn({ Name: 'n', Label: 'n', Type: 'bigint' })).toEqual({
      name: 'n',
      type: 'BIGINT',
    });
    expect(
      athenaColumn({ Name: 't', Type: 'timestamp with time zone' }),
    ).toEqual({ name: 't', type: 'TIMESTAMP WITH TIME ZONE' });
  });

  it("adds a decimal's precision and scale from ColumnInfo", () => {
    expect(
      athenaColumn({
        Name: 'amount',
        Type: 'decimal',
        Precision: 12,
        Scale: 2,
      }),
    ).toEqual({ name: 'amount', type: 'DECIMAL(12, 2)' });
    expect(
      athenaColumn({ Name: 'd', Type: 'decimal(5,1)', Precision: 5 }),
    ).toEqual({ name: 'd', type: 'DECIMAL(5,1)' });
  });

  it('falls back to the label, and to UNKNOWN without a type', () => {
    expect(
      athenaColumn({ Name: undefined, Label: 'x', Type: undefined }),
    ).toEqual({
      name: 'x',
      type: 'UNKNOWN',
    });
  });
});

describe('athenaValue', () => {
  it('keeps 64-bit integers and decimals as strings', () => {
    expect(athenaValue('bigint', '9007199254740993')).toBe('9007199254740993');
    expect(athenaValue('bigint', '-42')).toBe('-42');
    expect(
      athenaValue('DECIMAL(38, 9)', '12345678901234567890.123456789'),
    ).toBe('12345678901234567890.123456789');
  });

  it('parses 32-bit and smaller integers and floating point to numbers', () => {
    expect(athenaValue('integer', '2147483647')).toBe(2147483647);
    expect(athenaValue('smallint', '-7')).toBe(-7);
    expect(athenaValue('tinyint', '3')).toBe(3);
    expect(athenaValue('double', '1.5E10')).toBe(1.5e10);
    expect(athenaValue('double', '-0.25')).toBe(-0.25);
    expect(athenaValue('real', '3.25')).toBe(3.25);
    expect(athenaValue('float', '2.0')).toBe(2);
  });

  it('keeps non-finite floating point as strings, as the DuckDB engine does', () => {
    expect(athenaValue('double', 'NaN')).toBe('NaN');
    expect(athenaValue('double', 'Infinity')).toBe('Infinity');
    expect(athenaValue('real', '-Infinity')).toBe('-Infinity');
  });

  it('parses booleans', () => {
    expect(athenaValue('boolean', 'true')).toBe(true);
    expect(athenaValue('boolean', 'false')).toBe(false);
  });

  it('turns dates and timestamps into ISO 8601 strings', () => {
    expect(athenaValue('date', '2026-01-31')).toBe('2026-01-31');
    expect(athenaValue('timestamp', '2026-01-31 10:00:00.000')).toBe(
      '2026-01-31T10:00:00.000',
    );
    // Iceberg timestamps are microseconds: the digits are kept, not rounded to ms.
    expect(athenaValue('timestamp(6)', '2026-01-31 10:00:00.123456')).toBe(
      '2026-01-31T10:00:00.123456',
    );
    expect(
      athenaValue('timestamp with time zone', '2026-01-31 10:00:00.000 UTC'),
    ).toBe('2026-01-31T10:00:00.000Z');
    expect(
      athenaValue('timestamp with time zone', '2026-01-31 10:00:00.000 -03:30'),
    ).toBe('2026-01-31T10:00:00.000-03:30');
  });

  it('resolves named zones to their offset at that time, across DST', () => {
    expect(
      athenaValue(
        'timestamp(3) with time zone',
        '2026-01-31 10:00:00.000 Europe/Berlin',
      ),
    ).toBe('2026-01-31T10:00:00.000+01:00');
    expect(
      athenaValue(
        'timestamp with time zone',
        '2026-07-01 10:00:00.000 Europe/Berlin',
      ),
    ).toBe('2026-07-01T10:00:00.000+02:00');
    expect(isoOffset('America/New_York', '2026-07-01', '23:30:00')).toBe(
      '-04:00',
    );
    expect(isoOffset('Asia/Kolkata', '2026-01-01', '00:00:00')).toBe('+05:30');
    expect(isoOffset('+00:00', '2026-01-01', '00:00:00')).toBe('Z');
  });

  it('passes text types and nested values through as Athena printed them', () => {
    expect(athenaValue('varchar', 'héllo, "world"')).toBe('héllo, "world"');
    expect(athenaValue('char(3)', 'ab ')).toBe('ab ');
    expect(athenaValue('json', '{"a":1}')).toBe('{"a":1}');
    expect(athenaValue('array', '[1, 2]')).toBe('[1, 2]');
    expect(athenaValue('time', '10:00:00.000')).toBe('10:00:00.000');
    expect(athenaValue('varchar', '')).toBe('');
  });

  it('maps a missing VarCharValue to null for every type', () => {
    for (const type of ['bigint', 'integer', 'boolean', 'timestamp', 'varchar'])
      expect(athenaValue(type, undefined)).toBeNull();
  });

  it('rejects text that does not parse as its type', () => {
    expect(() => athenaValue('integer', '1.5')).toThrow(QueryError);
    expect(() => athenaValue('bigint', 'abc')).toThrow(
      'Athena returned "abc", which is not a valid bigint',
    );
    expect(() => athenaValue('double', '')).toThrow(QueryError);
    expect(() => athenaValue('double', 'fast')).toThrow(QueryError);
    expect(() => athenaValue('boolean', 'yes')).toThrow(QueryError);
    expect(() => athenaValue('date', '31.01.2026')).toThrow(QueryError);
    expect(() => athenaValue('timestamp', '2026-01-31 10:00:00 UTC')).toThrow(
      QueryError,
    );
    expect(() =>
      athenaValue('timestamp with time zone', '2026-01-31 10:00:00 Mars/Base'),
    ).toThrow(QueryError);
  });
});

describe('isHeaderRow', () => {
  const columns = [
    { name: 'id', type: 'BIGINT' },
    { name: 'name', type: 'VARCHAR' },
  ];

  it('recognises a row that repeats the column names', () => {
    expect(
      isHeaderRow(
        { Data: [{ VarCharValue: 'id' }, { VarCharValue: 'name' }] },
        columns,
      ),
    ).toBe(true);
  });

  it('does not take data rows for a header', () => {
    expect(
      isHeaderRow(
        { Data: [{ VarCharValue: '1' }, { VarCharValue: 'name' }] },
        columns,
      ),
    ).toBe(false);
    expect(isHeaderRow({ Data: [{ VarCharValue: 'id' }, {}] }, columns)).toBe(
      false,
    );
    expect(isHeaderRow({ Data: [] }, [])).toBe(false);
  });
});

describe('athenaRow', () => {
  it('keys typed values by column name, short rows padded with null', () => {
    const columns = [
      athenaColumn({ Name: 'id', Type: 'bigint' }),
      athenaColumn({ Name: 'n', Type: 'integer' }),
      athenaColumn({ Name: 'ok', Type: 'boolean' }),
      athenaColumn({ Name: 'at', Type: 'timestamp' }),
    ];
    expect(
      athenaRow(
        { Data: [{ VarCharValue: '7' }, {}, { VarCharValue: 'true' }] },
        columns,
      ),
    ).toEqual({ id: '7', n: null, ok: true, at: null });
  });
});
