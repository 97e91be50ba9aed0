import { coerceValue, fromBytes } from '../conversions';
import {
  isPrimitive,
  type IcebergType,
  type PrimitiveType,
  type StructType,
} from '../types';
import { RowError } from './errors';
import { readDataFile } from './reader';
import { rowsFromTable, type RowValue } from './rows';
import { ALL_TYPES, ALL_TYPES_ROWS } from './testFixtures';
import {
  DataFileWriter,
  toDataFile,
  writeDataFile,
  writeDataFileColumns,
  writerOptionsFromProperties,
} from './writer';

/** What a written value should read back as: the internal representation. */
function expected(type: IcebergType, value: unknown): RowValue {
  if (value === null || value === undefined) return null;
  if (isPrimitive(type)) return coerceValue(type, value);
  if (type.type === 'struct') {
    const v = value as Record<string, unknown>;
    return Object.fromEntries(
      type.fields.map(f => [f.name, expected(f.type, v[f.name])]),
    );
  }
  if (type.type === 'list')
    return (value as unknown[]).map(x => expected(type.element, x));
  const entries =
    value instanceof Map ? [...value] : Object.entries(value as object);
  return new Map(
    entries.map(([k, v]) => [expected(type.key, k), expected(type.value, v)]),
  );
}

const expectedRows = (
  schema: StructType,
  rows: Array<Record<string, unknown>>,
) =>
  rows.map(r =>
    Object.fromEntries(
      schema.fields.map(f => [f.name, expected(f.type, r[f.name])]),
    ),
  );

const bound = (
  bounds: Map<number, Uint8Array>,
  id: number,
  type: PrimitiveType,
) => {
  const b = bounds.get(id);
  return b === undefined ? undefined : fromBytes(type, b);
};

describe('writeDataFile', () => {
  const written = writeDataFile(ALL_TYPES, ALL_TYPES_ROWS);

  it('round-trips every type, nested values, nulls, NaN, -0 and unicode', async () => {
    const table = await readDataFile(written.bytes, { schema: ALL_TYPES });
    expect(table.numRows).toBe(ALL_TYPES_ROWS.length);
    expect(rowsFromTable(table, ALL_TYPES)).toEqual(
      expectedRows(ALL_TYPES, ALL_TYPES_ROWS),
    );
    expect(written.recordCount).toBe(4n);
    expect(written.fileSizeInBytes).toBe(BigInt(written.bytes.length));
  });

  it('keeps microsecond timestamps, extreme longs and decimals exact', async () => {
    const rows = rowsFromTable(
      await readDataFile(written.bytes, { schema: ALL_TYPES }),
      ALL_TYPES,
    );
    expect(rows[0]!.tstz).toBe(1714566896000001n);
    expect(rows[0]!.ts).toBe(1714566896123456n);
    expect(rows[1]!.ts).toBe(-1000n);
    expect(rows[1]!.id).toBe(-9007199254740993n);
    expect(rows[2]!.id).toBe(9223372036854775807n);
    expect(rows[0]!.big).toBe(12345678901234567890123456780123456789n);
    expect(rows[0]!.small).toBe(-1005n);
    expect(rows[1]!.price).toBe(-5n);
    expect(rows[0]!.u).toBe('f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
  });

  it('computes Iceberg column metrics', () => {
    const m = written.metrics;
    expect(m.valueCounts.get(1)).toBe(4n);
    expect(m.nullValueCounts.get(1)).toBe(0n);
    expect(bound(m.lowerBounds, 1, 'long')).toBe(-9007199254740993n);
    expect(bound(m.upperBounds, 1, 'long')).toBe(9223372036854775807n);
    // float: NaN counted, not a bound; -0 is the lower bound
    expect(m.nanValueCounts.get(4)).toBe(1n);
    expect(m.nullValueCounts.get(4)).toBe(1n);
    expect(Object.is(bound(m.lowerBounds, 4, 'float'), -0)).toBe(true);
    expect(bound(m.upperBounds, 4, 'float')).toBe(1.5);
    expect(m.nanValueCounts.get(5)).toBe(0n);
    expect(bound(m.upperBounds, 5, 'double')).toBe(Infinity);
    expect(bound(m.lowerBounds, 6, 'decimal(12, 2)')).toBe(-5n);
    expect(bound(m.upperBounds, 6, 'decimal(12, 2)')).toBe(1234n);
    expect(bound(m.upperBounds, 8, 'decimal(38, 10)')).toBe(
      12345678901234567890123456780123456789n,
    );
    expect(bound(m.lowerBounds, 9, 'date')).toBe(0);
    expect(bound(m.upperBounds, 9, 'date')).toBe(19782);
    expect(bound(m.lowerBounds, 12, 'timestamptz')).toBe(0n);
    expect(bound(m.lowerBounds, 13, 'string')).toBe('');
    expect(bound(m.upperBounds, 13, 'string')).toBe('日本語');
    expect(bound(m.lowerBounds, 14, 'uuid')).toBe(
      '00000000-0000-0000-0000-000000000000',
    );
    expect(bound(m.upperBounds, 14, 'uuid')).toBe(
      'f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
    );
    expect(bound(m.lowerBounds, 2, 'boolean')).toBe(false);
    expect(bound(m.upperBounds, 2, 'boolean')).toBe(true);
    // struct child: a null parent counts as a null child
    expect(m.valueCounts.get(18)).toBe(4n);
    expect(m.nullValueCounts.get(18)).toBe(2n);
    expect(bound(m.lowerBounds, 18, 'string')).toBe('Paris');
    expect(bound(m.upperBounds, 18, 'string')).toBe('Zürich');
    // nothing for list/map contents (as Iceberg Java), nothing for non-leaf fields
    for (const id of [17, 20, 21, 22, 23, 24, 25, 26, 27, 28]) {
      expect(m.valueCounts.has(id)).toBe(false);
      expect(m.lowerBounds.has(id)).toBe(false);
    }
    expect([...m.nanValueCounts.keys()].sort()).toEqual([4, 5]);
    // column sizes for every leaf column, from the footer
    for (const id of [1, 13, 18, 21, 23, 24, 27, 28])
      expect(m.columnSizes.get(id)).toBeGreaterThan(0n);
    expect(m.splitOffsets).toEqual([4n]);
  });

  it('truncates string and binary bounds to 16 characters / bytes', () => {
    const schema: StructType = {
      type: 'struct',
      fields: [
        { id: 1, name: 's', required: true, type: 'string' },
        { id: 2, name: 'b', required: true, type: 'binary' },
      ],
    };
    const long = 'abcdefghijklmnopé-and-more';
    const w = writeDataFile(schema, [
      { s: long, b: new Uint8Array(20).fill(0xff) },
      { s: 'aa', b: new Uint8Array([1, ...new Array(19).fill(0xff)]) },
    ]);
    const m = w.metrics;
    expect(bound(m.lowerBounds, 1, 'string')).toBe('aa');
    expect(bound(m.upperBounds, 1, 'string')).toBe('abcdefghijklmnoq');
    expect(bound(m.lowerBounds, 2, 'binary')).toEqual(
      new Uint8Array([1, ...new Array(15).fill(0xff)]),
    );
    // all 0xff: no upper bound can be shorter, so none is kept
    expect(m.upperBounds.has(2)).toBe(false);
  });

  it('honours metrics modes from table properties', () => {
    const options = writerOptionsFromProperties({
      'write.metadata.metrics.default': 'counts',
      'write.metadata.metrics.column.addr.city': 'full',
      'write.metadata.metrics.column.s': 'none',
    });
    const m = writeDataFile(ALL_TYPES, ALL_TYPES_ROWS, options).metrics;
    expect(m.valueCounts.get(1)).toBe(4n);
    expect(m.lowerBounds.has(1)).toBe(false);
    expect(m.lowerBounds.has(18)).toBe(true);
    expect(m.valueCounts.has(13)).toBe(false);
  });

  it('writes the same file from columns as from rows', () => {
    const columns = Object.fromEntries(
      ALL_TYPES.fields.map(f => [f.name, ALL_TYPES_ROWS.map(r => r[f.name])]),
    );
    const fromColumns = writeDataFileColumns(ALL_TYPES, columns, 4);
    expect(fromColumns.metrics).toEqual(written.metrics);
    expect(fromColumns.bytes).toEqual(written.bytes);
  });

  it('rejects a bad column value and treats a missing column as nulls', async () => {
    expect(() =>
      writeDataFileColumns(ALL_TYPES, { id: [1, 2, 3], i: [1, 'x', 3] }, 3),
    ).toThrow('row 1: field i: expected an int');
    expect(() => writeDataFileColumns(ALL_TYPES, { id: [1] }, 2)).toThrow(
      'row 1: field id: column has only 1 values',
    );
    const w = writeDataFileColumns(ALL_TYPES, { id: [7, 8] }, 2);
    const rows = rowsFromTable(
      await readDataFile(w.bytes, { schema: ALL_TYPES }),
      ALL_TYPES,
    );
    expect(rows.map(r => [r.id, r.s, r.addr])).toEqual([
      [7n, null, null],
      [8n, null, null],
    ]);
  });

  it('builds the DataFile entry', () => {
    const dataFile = toDataFile(written, 's3://b/t/data/f.parquet', [1], 0);
    expect(dataFile).toMatchObject({
      content: 0,
      fileFormat: 'PARQUET',
      recordCount: 4n,
      partition: [1],
      sortOrderId: 0,
    });
    expect(dataFile.lowerBounds).toBe(written.metrics.lowerBounds);
  });
});

describe('bad rows', () => {
  const cases: Array<[string, Record<string, unknown> | number, string]> = [
    [
      'a required field is null',
      { id: null },
      'row 1: field id: required field is null',
    ],
    [
      'a value of the wrong type',
      { id: 1, i: 'x' },
      'row 1: field i: expected an int',
    ],
    [
      'an int out of range',
      { id: 1, i: 2 ** 31 },
      'row 1: field i: expected an int',
    ],
    [
      'a missing required nested field',
      { id: 1, addr: { zip: 1 } },
      'row 1: field addr.city: required field is null',
    ],
    [
      'a bad list element',
      { id: 1, tags: [1] },
      'row 1: field tags.element: expected a string',
    ],
    [
      'a list that is not an array',
      { id: 1, tags: 'a' },
      'row 1: field tags: expected an array',
    ],
    [
      'a bad map value',
      { id: 1, attrs: { k: 'v' } },
      'row 1: field attrs.value: expected a double',
    ],
    [
      'a decimal with too many places',
      { id: 1, price: '1.234' },
      'row 1: field price: 1.234 has more than 2 decimal places',
    ],
    [
      'a timestamptz without offset',
      { id: 1, tstz: '2024-01-01T00:00:00' },
      'row 1: field tstz: timestamptz needs a UTC offset',
    ],
    [
      'a bad uuid',
      { id: 1, u: 'not-a-uuid' },
      'row 1: field u: expected a UUID',
    ],
    [
      'a null element of a required-element list',
      { id: 1, points: [null] },
      'row 1: field points.element: required field is null',
    ],
    ['a row that is not an object', 5, 'row 1: expected an object'],
  ];
  it.each(cases)('rejects %s, naming row and field', (_, bad, message) => {
    const rows = [{ id: 0 }, bad, { id: 2 }];
    expect(() => writeDataFile(ALL_TYPES, rows)).toThrow(RowError);
    expect(() => writeDataFile(ALL_TYPES, rows)).toThrow(message);
  });

  it('reports the first bad row, with its index, path and reason', () => {
    let error: unknown;
    try {
      writeDataFile(ALL_TYPES, [
        { id: 0 },
        { id: 1 },
        { id: 2, i: 1.5 },
        { id: null },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RowError);
    expect(error).toMatchObject({ rowIndex: 2, fieldPath: 'i' });
    expect((error as RowError).reason).toMatch(/expected an int/);
  });
});

describe('DataFileWriter', () => {
  const schema: StructType = {
    type: 'struct',
    fields: [
      { id: 1, name: 'n', required: true, type: 'long' },
      { id: 2, name: 's', required: false, type: 'string' },
    ],
  };
  const batch = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      n: from + i,
      s: `value ${from + i}`,
    }));

  it('rolls to a new file past the target size', async () => {
    const writer = new DataFileWriter(schema, { targetFileSizeBytes: 20_000 });
    const files = [];
    for (let b = 0; b < 20; b++)
      files.push(...writer.write(batch(b * 1000, 1000)));
    files.push(...writer.close());
    expect(files.length).toBeGreaterThan(2);
    expect(files.reduce((n, f) => n + f.recordCount, 0n)).toBe(20_000n);
    const first = rowsFromTable(
      await readDataFile(files[1]!.bytes, { schema }),
      schema,
    );
    expect(first[0]!.n).toBe(BigInt(Number(files[0]!.recordCount)));
    expect(writer.close()).toEqual([]);
  });

  it('takes the target size from table properties', () => {
    const options = writerOptionsFromProperties({
      'write.target-file-size-bytes': '1048576',
      'write.parquet.compression-codec': 'snappy',
    });
    expect(new DataFileWriter(schema, options).targetFileSizeBytes).toBe(
      1048576,
    );
    expect(options.compression).toBe('snappy');
    expect(new DataFileWriter(schema).targetFileSizeBytes).toBe(
      128 * 1024 * 1024,
    );
  });

  it('keeps nothing of a batch with a bad row', () => {
    const writer = new DataFileWriter(schema);
    writer.write(batch(0, 10));
    expect(() => writer.write([...batch(10, 5), { n: 'x' }])).toThrow(
      'row 5: field n',
    );
    expect(writer.bufferedRows).toBe(10);
    const [file] = writer.close();
    expect(file!.recordCount).toBe(10n);
  });

  it('skips and reports bad rows when asked to', async () => {
    const rejected: Array<[number, string]> = [];
    const writer = new DataFileWriter(schema, {
      onInvalidRow: (error, row) =>
        rejected.push([error.rowIndex, JSON.stringify(row)]),
    });
    const rows: unknown[] = [
      { n: 1 },
      { n: null },
      { n: 3, s: 3 },
      'x',
      { n: 5 },
    ];
    writer.write(rows);
    expect(rejected).toEqual([
      [1, '{"n":null}'],
      [2, '{"n":3,"s":3}'],
      [3, '"x"'],
    ]);
    const [file] = writer.close();
    const read = rowsFromTable(
      await readDataFile(file!.bytes, { schema }),
      schema,
    );
    expect(read).toEqual([
      { n: 1n, s: null },
      { n: 5n, s: null },
    ]);
    expect(file!.metrics.valueCounts.get(1)).toBe(2n);
  });
});
