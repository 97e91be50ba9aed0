import { coerceValue, compareValues, type InternalValue } from './conversions';
import {
  applyTransform,
  bindTransform,
  canTransform,
  civilFromDays,
  dedupName,
  humanDecimal,
  type PartitionPredicate,
  parseTransform,
  preservesOrder,
  projectInclusive,
  resultType,
  toHumanString,
  TransformError,
  transformToString,
} from './transforms';
import type { PrimitiveType } from './types';

const ts = (iso: string) => coerceValue('timestamp', iso) as bigint;
const tstz = (iso: string) => coerceValue('timestamptz', iso) as bigint;
const date = (iso: string) => coerceValue('date', iso) as number;

describe('parseTransform', () => {
  it('parses every v2 transform, case-insensitively, to a canonical string', () => {
    for (const name of ['identity', 'year', 'month', 'day', 'hour', 'void']) {
      expect(parseTransform(name)).toEqual({ kind: name });
      expect(parseTransform(name.toUpperCase())).toEqual({ kind: name });
    }
    expect(parseTransform('bucket[16]')).toEqual({
      kind: 'bucket',
      numBuckets: 16,
    });
    expect(parseTransform('Truncate[3]')).toEqual({
      kind: 'truncate',
      width: 3,
    });
    expect(transformToString('BUCKET[16]')).toBe('bucket[16]');
    expect(transformToString({ kind: 'truncate', width: 4 })).toBe(
      'truncate[4]',
    );
    expect(transformToString('Day')).toBe('day');
  });

  it('rejects unknown transforms and bad parameters with a clear error', () => {
    expect(() => parseTransform('zorder')).toThrow(
      'unknown partition transform "zorder": expected identity, year, month, day, hour, bucket[N], truncate[W] or void',
    );
    expect(() => parseTransform('bucket')).toThrow(TransformError);
    expect(() => parseTransform('bucket[16')).toThrow(/unknown/);
    expect(() => parseTransform('bucket[-1]')).toThrow(/unknown/);
    expect(() => parseTransform('truncate[]')).toThrow(/unknown/);
    expect(() => parseTransform(' day')).toThrow(/unknown/);
    expect(() => parseTransform('bucket[0]')).toThrow(
      /parameter must be 1\.\.2147483647/,
    );
    expect(() => parseTransform('truncate[2147483648]')).toThrow(/parameter/);
  });
});

describe('canTransform and resultType', () => {
  const all: PrimitiveType[] = [
    'boolean',
    'int',
    'long',
    'float',
    'double',
    'decimal(9,2)',
    'date',
    'time',
    'timestamp',
    'timestamptz',
    'string',
    'uuid',
    'fixed[16]',
    'binary',
  ];
  const accepted = (transform: string) =>
    all.filter(type => canTransform(transform, type));

  it('follows the spec table of source types', () => {
    expect(accepted('identity')).toEqual(all);
    expect(accepted('void')).toEqual(all);
    expect(accepted('bucket[4]')).toEqual([
      'int',
      'long',
      'decimal(9,2)',
      'date',
      'time',
      'timestamp',
      'timestamptz',
      'string',
      'uuid',
      'fixed[16]',
      'binary',
    ]);
    expect(accepted('truncate[4]')).toEqual([
      'int',
      'long',
      'decimal(9,2)',
      'string',
      'binary',
    ]);
    for (const t of ['year', 'month', 'day']) {
      expect(accepted(t)).toEqual(['date', 'timestamp', 'timestamptz']);
    }
    expect(accepted('hour')).toEqual(['timestamp', 'timestamptz']);
  });

  it('never transforms nested or unknown types, except with void', () => {
    const struct = { type: 'struct' as const, fields: [] };
    expect(canTransform('identity', struct)).toBe(false);
    expect(canTransform('void', struct)).toBe(true);
    expect(canTransform('identity', 'timestamp_ns' as PrimitiveType)).toBe(
      false,
    );
    expect(
      canTransform('identity', { kind: 'decimal', precision: 9, scale: 2 }),
    ).toBe(true);
  });

  it('gives the result types of the spec (day → date)', () => {
    expect(resultType('year', 'timestamp')).toBe('int');
    expect(resultType('month', 'date')).toBe('int');
    expect(resultType('day', 'timestamptz')).toBe('date');
    expect(resultType('day', 'date')).toBe('date');
    expect(resultType('hour', 'timestamp')).toBe('int');
    expect(resultType('bucket[8]', 'string')).toBe('int');
    expect(resultType('truncate[8]', 'decimal(9,2)')).toBe('decimal(9,2)');
    expect(
      resultType('identity', { kind: 'decimal', precision: 9, scale: 2 }),
    ).toBe('decimal(9, 2)');
    expect(resultType('identity', 'fixed[16]')).toBe('fixed[16]');
    expect(resultType('void', 'long')).toBe('long');
    expect(() => resultType('hour', 'date')).toThrow(
      'transform hour cannot be applied to date values',
    );
  });

  it('knows which transforms preserve order and which are redundant together', () => {
    expect(
      ['identity', 'year', 'month', 'day', 'hour', 'truncate[3]'].every(t =>
        preservesOrder(t),
      ),
    ).toBe(true);
    expect(preservesOrder('bucket[3]')).toBe(false);
    expect(preservesOrder('void')).toBe(false);
    expect(dedupName('day')).toBe('time');
    expect(dedupName('hour')).toBe('time');
    expect(dedupName('bucket[16]')).toBe('bucket[16]');
  });
});

describe('civilFromDays', () => {
  it('agrees with the JavaScript calendar across eras and leap days', () => {
    for (const days of [
      -719162, -141428, -1, 0, 59, 365, 10956, 11016, 17486, 2932896,
    ]) {
      const d = new Date(days * 86_400_000);
      expect(civilFromDays(days)).toEqual({
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
      });
    }
  });
});

describe('applyTransform: time transforms', () => {
  it('counts years, months, days and hours since 1970', () => {
    const v = ts('2026-11-27T10:30:00');
    expect(applyTransform('year', 'timestamp', v)).toBe(56);
    expect(applyTransform('month', 'timestamp', v)).toBe(56 * 12 + 10);
    expect(applyTransform('day', 'timestamp', v)).toBe(20784);
    expect(applyTransform('hour', 'timestamp', v)).toBe(20784 * 24 + 10);
    // PyIceberg docstring examples.
    expect(applyTransform('year', 'timestamp', 1512151975038194n)).toBe(47);
    expect(applyTransform('hour', 'timestamp', 1512151975038194n)).toBe(420042);
    expect(applyTransform('month', 'date', 17501)).toBe(575);
    expect(applyTransform('day', 'date', 17501)).toBe(17501);
  });

  it('uses floor division before 1970', () => {
    const v = ts('1969-12-31T23:59:59.999999');
    expect(v).toBe(-1n);
    for (const t of ['year', 'month', 'day', 'hour']) {
      expect(applyTransform(t, 'timestamp', v)).toBe(-1);
      expect(applyTransform(t, 'timestamptz', v)).toBe(-1);
    }
    expect(applyTransform('day', 'timestamp', ts('1969-12-31T00:00:00'))).toBe(
      -1,
    );
    expect(
      applyTransform('day', 'timestamp', ts('1969-12-30T23:59:59.999999')),
    ).toBe(-2);
    expect(applyTransform('hour', 'timestamp', ts('1969-12-31T22:59:59'))).toBe(
      -2,
    );
    expect(
      applyTransform('month', 'timestamp', ts('1969-01-01T00:00:00')),
    ).toBe(-12);
    expect(applyTransform('year', 'timestamp', ts('1968-12-31T23:00:00'))).toBe(
      -2,
    );
    expect(applyTransform('year', 'date', date('1969-12-31'))).toBe(-1);
    expect(applyTransform('month', 'date', date('1969-12-31'))).toBe(-1);
    expect(applyTransform('month', 'date', date('1969-11-30'))).toBe(-2);
    expect(applyTransform('day', 'date', -1)).toBe(-1);
    expect(applyTransform('year', 'date', date('0001-01-01'))).toBe(-1969);
  });

  it('reads timestamptz in UTC', () => {
    expect(
      applyTransform('hour', 'timestamptz', tstz('2026-11-27T02:30:00-08:00')),
    ).toBe(20784 * 24 + 10);
  });

  it('accepts integral numbers for timestamps and bigints for dates', () => {
    expect(applyTransform('hour', 'timestamp', 3_600_000_000)).toBe(1);
    expect(applyTransform('year', 'date', 365n)).toBe(1);
  });
});

describe('applyTransform: bucket', () => {
  it('is (hash & Integer.MAX_VALUE) % N', () => {
    expect(applyTransform('bucket[16]', 'int', 34)).toBe(3);
    expect(applyTransform('bucket[100]', 'long', 34n)).toBe(79);
    // Negative hashes drop the sign bit: -500754589 → 1646729059.
    expect(applyTransform('bucket[16]', 'decimal(9,2)', 1420n)).toBe(3);
    expect(applyTransform('bucket[100]', 'decimal(9,2)', 1420n)).toBe(59);
    expect(applyTransform('bucket[16]', 'string', 'iceberg')).toBe(9);
    expect(applyTransform('bucket[16]', 'date', date('2017-11-16'))).toBe(10);
    expect(
      applyTransform('bucket[16]', 'timestamp', ts('2017-11-16T22:31:08')),
    ).toBe(7);
    expect(
      applyTransform(
        'bucket[16]',
        'uuid',
        'f79c3e09-677c-4bbd-a479-3f349cb785e7',
      ),
    ).toBe(12);
    expect(
      applyTransform('bucket[100]', 'binary', Uint8Array.of(0, 1, 2, 3)),
    ).toBe(41);
    expect(applyTransform('bucket[1]', 'string', 'anything')).toBe(0);
  });

  it('always lands in 0..N-1', () => {
    const bucket = bindTransform('bucket[7]', 'long');
    for (let i = -500; i < 500; i++) {
      const b = bucket(BigInt(i) * 7919n) as number;
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(7);
    }
  });
});

describe('applyTransform: truncate', () => {
  it('truncates ints and longs towards negative infinity', () => {
    const cases: Array<[number, number]> = [
      [0, 0],
      [1, 0],
      [9, 0],
      [10, 10],
      [-1, -10],
      [-10, -10],
      [-11, -20],
      [2147483647, 2147483640],
    ];
    for (const [v, expected] of cases) {
      expect(applyTransform('truncate[10]', 'int', v)).toBe(expected);
      expect(applyTransform('truncate[10]', 'long', BigInt(v))).toBe(
        BigInt(expected),
      );
    }
    expect(applyTransform('truncate[1]', 'int', -7)).toBe(-7);
    expect(applyTransform('truncate[3]', 'long', -(2n ** 62n))).toBe(
      -(2n ** 62n) - 2n,
    );
  });

  it('wraps at the edge of the int and long range as Java does', () => {
    expect(applyTransform('truncate[10]', 'int', -2147483648)).toBe(2147483646);
    expect(applyTransform('truncate[10]', 'long', -(2n ** 63n))).toBe(
      2n ** 63n - 2n,
    );
  });

  it('truncates the unscaled value of decimals', () => {
    // Spec example: W=50, scale 2: 10.65 → 10.50.
    expect(applyTransform('truncate[50]', 'decimal(9,2)', 1065n)).toBe(1050n);
    expect(applyTransform('truncate[50]', 'decimal(9,2)', -1065n)).toBe(-1100n);
    expect(applyTransform('truncate[10]', 'decimal(9,2)', 1420n)).toBe(1420n);
    expect(
      applyTransform('truncate[10]', 'decimal(38,0)', 10n ** 37n + 7n),
    ).toBe(10n ** 37n);
  });

  it('keeps the first W code points of strings, never splitting surrogate pairs', () => {
    expect(applyTransform('truncate[3]', 'string', 'iceberg')).toBe('ice');
    expect(applyTransform('truncate[3]', 'string', 'ic')).toBe('ic');
    expect(applyTransform('truncate[3]', 'string', '')).toBe('');
    expect(applyTransform('truncate[2]', 'string', '😀😁😂')).toBe('😀😁');
    expect(applyTransform('truncate[2]', 'string', 'a😀b')).toBe('a😀');
    expect(applyTransform('truncate[1]', 'string', '𝄞x')).toBe('𝄞');
    expect(applyTransform('truncate[3]', 'string', 'é€中文')).toBe('é€中');
    // A lone surrogate counts as one unit.
    expect(applyTransform('truncate[2]', 'string', '\uD800ab')).toBe('\uD800a');
  });

  it('keeps the first W bytes of binary', () => {
    expect(
      applyTransform('truncate[3]', 'binary', Uint8Array.of(1, 2, 3, 4, 5)),
    ).toEqual(Uint8Array.of(1, 2, 3));
    const short = Uint8Array.of(1, 2);
    expect(applyTransform('truncate[3]', 'binary', short)).toBe(short);
  });
});

describe('applyTransform: identity, void, null and errors', () => {
  it('passes values through identity and nulls out with void', () => {
    expect(applyTransform('identity', 'string', 'x')).toBe('x');
    expect(applyTransform('identity', 'boolean', true)).toBe(true);
    expect(applyTransform('void', 'string', 'x')).toBeNull();
  });

  it('returns null for null with every transform', () => {
    for (const t of [
      'identity',
      'year',
      'month',
      'day',
      'hour',
      'bucket[4]',
      'void',
    ]) {
      expect(applyTransform(t, 'timestamp', null)).toBeNull();
    }
    expect(applyTransform('truncate[4]', 'string', null)).toBeNull();
    expect(applyTransform('truncate[4]', 'int', null)).toBeNull();
  });

  it('rejects inapplicable transforms and values of the wrong kind', () => {
    expect(() => applyTransform('bucket[4]', 'boolean', true)).toThrow(
      'transform bucket[4] cannot be applied to boolean values',
    );
    expect(() => applyTransform('hour', 'date', 1)).toThrow(TransformError);
    expect(() => applyTransform('truncate[4]', 'fixed[4]', null)).toThrow(
      /cannot be applied to fixed\[4\]/,
    );
    expect(() => applyTransform('truncate[4]', 'string', 5)).toThrow(
      /expected a string/,
    );
    expect(() => applyTransform('day', 'timestamp', 'x')).toThrow(
      /expected a timestamp/,
    );
    expect(() => applyTransform('truncate[4]', 'int', 1.5)).toThrow(
      /expected an int/,
    );
  });
});

describe('toHumanString', () => {
  it('prints time partitions as Java and PyIceberg do', () => {
    const v = ts('2026-11-27T10:30:00');
    const human = (t: string) =>
      toHumanString(t, 'timestamp', applyTransform(t, 'timestamp', v));
    expect(human('year')).toBe('2026');
    expect(human('month')).toBe('2026-11');
    expect(human('day')).toBe('2026-11-27');
    expect(human('hour')).toBe('2026-11-27-10');
    expect(toHumanString('day', 'date', date('2026-11-27'))).toBe('2026-11-27');
  });

  it('handles values before 1970', () => {
    expect(toHumanString('year', 'timestamp', -1)).toBe('1969');
    expect(toHumanString('month', 'timestamp', -1)).toBe('1969-12');
    expect(toHumanString('month', 'timestamp', -13)).toBe('1968-12');
    expect(toHumanString('day', 'timestamp', -1)).toBe('1969-12-31');
    expect(toHumanString('hour', 'timestamp', -1)).toBe('1969-12-31-23');
    expect(toHumanString('year', 'date', -1970)).toBe('0000');
    expect(toHumanString('year', 'date', -1971)).toBe('-001');
  });

  it('prints identity values in their ISO or text form', () => {
    expect(
      toHumanString('identity', 'timestamp', ts('2026-11-27T10:00:00')),
    ).toBe('2026-11-27T10:00:00');
    expect(
      toHumanString('identity', 'timestamp', ts('2026-11-27T10:00:00.5')),
    ).toBe('2026-11-27T10:00:00.500000');
    expect(toHumanString('identity', 'timestamp', -1n)).toBe(
      '1969-12-31T23:59:59.999999',
    );
    expect(
      toHumanString('identity', 'timestamptz', tstz('2026-11-27T10:00:00Z')),
    ).toBe('2026-11-27T10:00:00+00:00');
    expect(toHumanString('identity', 'date', date('2026-11-27'))).toBe(
      '2026-11-27',
    );
    expect(
      toHumanString('identity', 'time', coerceValue('time', '22:31:08.000001')),
    ).toBe('22:31:08.000001');
    expect(toHumanString('identity', 'time', 0n)).toBe('00:00:00');
    expect(toHumanString('identity', 'string', 'a/b c')).toBe('a/b c');
    expect(toHumanString('identity', 'int', -5)).toBe('-5');
    expect(toHumanString('identity', 'long', 2n ** 62n)).toBe(
      '4611686018427387904',
    );
    expect(toHumanString('identity', 'boolean', false)).toBe('false');
    expect(toHumanString('identity', 'double', 1)).toBe('1.0');
    expect(toHumanString('identity', 'double', 0.25)).toBe('0.25');
    expect(toHumanString('identity', 'binary', Uint8Array.of(0, 1, 2))).toBe(
      'AAEC',
    );
    expect(
      toHumanString('identity', 'uuid', 'f79c3e09-677c-4bbd-a479-3f349cb785e7'),
    ).toBe('f79c3e09-677c-4bbd-a479-3f349cb785e7');
    expect(toHumanString('identity', 'decimal(9,2)', 1420n)).toBe('14.20');
    expect(toHumanString('truncate[50]', 'decimal(9,2)', -1100n)).toBe(
      '-11.00',
    );
    expect(toHumanString('truncate[3]', 'string', 'ice')).toBe('ice');
    expect(toHumanString('bucket[16]', 'string', 3)).toBe('3');
  });

  it('prints null as "null", and void always so', () => {
    expect(toHumanString('day', 'timestamp', null)).toBe('null');
    expect(toHumanString('identity', 'string', null)).toBe('null');
    expect(toHumanString('void', 'string', 'x')).toBe('null');
  });

  it('prints decimals like BigDecimal.toString and Python str(Decimal)', () => {
    expect(humanDecimal(1065n, 2)).toBe('10.65');
    expect(humanDecimal(5n, 2)).toBe('0.05');
    expect(humanDecimal(-5n, 2)).toBe('-0.05');
    expect(humanDecimal(123n, 0)).toBe('123');
    expect(humanDecimal(1n, 6)).toBe('0.000001');
    expect(humanDecimal(1n, 7)).toBe('1E-7');
    expect(humanDecimal(-15n, 8)).toBe('-1.5E-7');
    expect(humanDecimal(0n, 7)).toBe('0E-7');
    expect(humanDecimal(0n, 2)).toBe('0.00');
  });
});

// ---------------------------------------------------------------- projection

/** Evaluates a predicate against a value, as a scan planner would. */
function holds(pred: PartitionPredicate, value: InternalValue | null): boolean {
  switch (pred.op) {
    case 'is_null':
      return value === null;
    case 'not_null':
      return value !== null;
    case 'in':
      return (
        value !== null && pred.literals.some(l => compareValues(value, l) === 0)
      );
    case 'not_in':
      return (
        value !== null &&
        pred.literals.every(l => compareValues(value, l) !== 0)
      );
    case 'starts_with':
      return (
        typeof value === 'string' && value.startsWith(pred.literal as string)
      );
    default: {
      if (value === null) return false;
      const c = compareValues(value, pred.literal);
      return {
        '<': c < 0,
        '<=': c <= 0,
        '>': c > 0,
        '>=': c >= 0,
        '=': c === 0,
        '!=': c !== 0,
      }[pred.op];
    }
  }
}

describe('projectInclusive', () => {
  it('passes every predicate through identity', () => {
    expect(projectInclusive('identity', 'long', '<', 5n)).toEqual({
      op: '<',
      literal: 5n,
    });
    expect(projectInclusive('identity', 'string', '!=', 'a')).toEqual({
      op: '!=',
      literal: 'a',
    });
    expect(projectInclusive('identity', 'int', 'not_in', [1, 2])).toEqual({
      op: 'not_in',
      literals: [1, 2],
    });
    expect(projectInclusive('identity', 'string', 'starts_with', 'ab')).toEqual(
      { op: 'starts_with', literal: 'ab' },
    );
    expect(projectInclusive('identity', 'int', 'is_null')).toEqual({
      op: 'is_null',
    });
  });

  it('projects timestamp ranges onto days, closing strict bounds', () => {
    const day = (iso: string) =>
      applyTransform('day', 'timestamp', ts(iso)) as number;
    expect(
      projectInclusive('day', 'timestamp', '>=', ts('2026-11-27T10:00:00')),
    ).toEqual({ op: '>=', literal: day('2026-11-27T00:00:00') });
    // ts > 23:59:59.999999 means the next day at the earliest.
    expect(
      projectInclusive(
        'day',
        'timestamp',
        '>',
        ts('2026-11-27T23:59:59.999999'),
      ),
    ).toEqual({ op: '>=', literal: day('2026-11-28T00:00:00') });
    // ts < midnight means the day before at the latest.
    expect(
      projectInclusive('day', 'timestamp', '<', ts('2026-11-27T00:00:00')),
    ).toEqual({ op: '<=', literal: day('2026-11-26T00:00:00') });
    expect(
      projectInclusive('day', 'timestamp', '<=', ts('2026-11-27T00:00:00')),
    ).toEqual({ op: '<=', literal: day('2026-11-27T00:00:00') });
    expect(
      projectInclusive(
        'hour',
        'timestamptz',
        '=',
        tstz('2026-11-27T10:59:00Z'),
      ),
    ).toEqual({ op: '=', literal: 20784 * 24 + 10 });
    expect(
      projectInclusive('month', 'timestamp', 'in', [
        ts('2026-11-01T00:00:00'),
        ts('2026-11-30T00:00:00'),
        ts('2026-12-01T00:00:00'),
      ]),
    ).toEqual({ op: 'in', literals: [682, 683] });
    expect(projectInclusive('day', 'timestamp', 'not_null')).toEqual({
      op: 'not_null',
    });
  });

  it('cannot project != , not_in or starts_with through time transforms', () => {
    expect(projectInclusive('day', 'timestamp', '!=', 0n)).toBeNull();
    expect(projectInclusive('day', 'timestamp', 'not_in', [0n])).toBeNull();
    expect(projectInclusive('year', 'date', 'starts_with', 1)).toBeNull();
  });

  it('widens pre-1970 time projections for files of Iceberg <= 0.10 writers, as Java does', () => {
    // day(1969-12-30T12:00) = -2, but old writers stored -1: admit both.
    expect(
      projectInclusive('day', 'timestamp', '<=', ts('1969-12-30T12:00:00')),
    ).toEqual({ op: '<=', literal: -1 });
    expect(
      projectInclusive('day', 'timestamp', '=', ts('1969-12-31T10:00:00')),
    ).toEqual({ op: 'in', literals: [-1, 0] });
    expect(
      projectInclusive('year', 'date', 'in', [
        date('1968-06-01'),
        date('2000-01-01'),
      ]),
    ).toEqual({ op: 'in', literals: [-2, -1, 30] });
    // Lower bounds and non-negative values are unchanged.
    expect(
      projectInclusive('day', 'timestamp', '>=', ts('1969-12-30T12:00:00')),
    ).toEqual({ op: '>=', literal: -2 });
    expect(projectInclusive('day', 'timestamp', '=', 0n)).toEqual({
      op: '=',
      literal: 0,
    });
    // day of a date is the identity: nothing to widen (as Java's Dates).
    expect(projectInclusive('day', 'date', '<', -1)).toEqual({
      op: '<=',
      literal: -2,
    });
  });

  it('projects only = and in through bucket', () => {
    expect(projectInclusive('bucket[16]', 'int', '=', 34)).toEqual({
      op: '=',
      literal: 3,
    });
    expect(
      projectInclusive('bucket[16]', 'long', 'in', [34n, 34n, 35n]),
    ).toEqual({
      op: 'in',
      literals: [3, applyTransform('bucket[16]', 'long', 35n)],
    });
    expect(projectInclusive('bucket[16]', 'string', 'is_null')).toEqual({
      op: 'is_null',
    });
    for (const op of ['<', '<=', '>', '>=', '!='] as const) {
      expect(projectInclusive('bucket[16]', 'int', op, 34)).toBeNull();
    }
    expect(projectInclusive('bucket[16]', 'int', 'not_in', [34])).toBeNull();
  });

  it('projects integer truncation with tight closed bounds', () => {
    expect(projectInclusive('truncate[10]', 'int', '<', 20)).toEqual({
      op: '<=',
      literal: 10,
    });
    expect(projectInclusive('truncate[10]', 'int', '<=', 20)).toEqual({
      op: '<=',
      literal: 20,
    });
    expect(projectInclusive('truncate[10]', 'int', '>', 19)).toEqual({
      op: '>=',
      literal: 20,
    });
    expect(projectInclusive('truncate[10]', 'long', '>=', 15n)).toEqual({
      op: '>=',
      literal: 10n,
    });
    expect(projectInclusive('truncate[10]', 'int', '=', -1)).toEqual({
      op: '=',
      literal: -10,
    });
    expect(projectInclusive('truncate[10]', 'int', 'in', [1, 2, 15])).toEqual({
      op: 'in',
      literals: [0, 10],
    });
    expect(
      projectInclusive('truncate[50]', 'decimal(9,2)', '<', 1065n),
    ).toEqual({ op: '<=', literal: 1050n });
    expect(
      projectInclusive('truncate[50]', 'decimal(9,2)', '>', 1049n),
    ).toEqual({ op: '>=', literal: 1050n });
    expect(projectInclusive('truncate[10]', 'int', '!=', 5)).toBeNull();
  });

  it('projects string truncation without tightening strict bounds', () => {
    // "abc" < "abcd" yet truncates to "ab" = truncate("abcd"): < must become <=.
    expect(projectInclusive('truncate[2]', 'string', '<', 'abcd')).toEqual({
      op: '<=',
      literal: 'ab',
    });
    expect(projectInclusive('truncate[2]', 'string', '>', 'abcd')).toEqual({
      op: '>=',
      literal: 'ab',
    });
    expect(projectInclusive('truncate[2]', 'string', '=', 'abcd')).toEqual({
      op: '=',
      literal: 'ab',
    });
    expect(
      projectInclusive('truncate[2]', 'string', 'starts_with', 'abc'),
    ).toEqual({ op: 'starts_with', literal: 'ab' });
    expect(
      projectInclusive('truncate[2]', 'string', 'starts_with', 'a'),
    ).toEqual({ op: 'starts_with', literal: 'a' });
    expect(
      projectInclusive('truncate[1]', 'string', 'in', ['😀a', '😀b', 'x']),
    ).toEqual({ op: 'in', literals: ['😀', 'x'] });
    expect(
      projectInclusive('truncate[2]', 'binary', '<', Uint8Array.of(1, 2, 3)),
    ).toEqual({ op: '<=', literal: Uint8Array.of(1, 2) });
    expect(
      projectInclusive(
        'truncate[2]',
        'binary',
        'starts_with',
        Uint8Array.of(1),
      ),
    ).toBeNull();
    expect(projectInclusive('truncate[2]', 'string', '!=', 'ab')).toBeNull();
  });

  it('never projects through void', () => {
    expect(projectInclusive('void', 'int', 'is_null')).toBeNull();
    expect(projectInclusive('void', 'int', '=', 1)).toBeNull();
  });

  it('rejects malformed calls', () => {
    expect(() =>
      projectInclusive('day', 'timestamp', 'in', 5n as unknown as bigint[]),
    ).toThrow(/list of literals/);
    expect(() =>
      projectInclusive('day', 'timestamp', '=', [5n] as unknown as bigint),
    ).toThrow(/single literal/);
    expect(() => projectInclusive('hour', 'date', '=', 1)).toThrow(
      TransformError,
    );
  });

  describe('is inclusive: every matching value satisfies the projection', () => {
    const ops = ['<', '<=', '>', '>=', '=', '!='] as const;
    /** Source predicates whose matching values' partitions escape the projection. */
    const violations = (
      transform: string,
      type: PrimitiveType,
      values: InternalValue[],
      literals: InternalValue[],
    ) => {
      const apply = bindTransform(transform, type);
      const found: string[] = [];
      let checked = 0;
      const verify = (
        source: PartitionPredicate,
        projected: PartitionPredicate | null,
      ) => {
        for (const v of values.filter(x => holds(source, x))) {
          checked++;
          if (!projected || !holds(projected, apply(v))) {
            found.push(
              `${String(v)} ${source.op} ${JSON.stringify(projected)}`,
            );
          }
        }
      };
      for (const literal of literals) {
        for (const op of ops) {
          const projected = projectInclusive(transform, type, op, literal);
          if (projected) verify({ op, literal }, projected);
        }
        const set = [literal, values[0]!];
        verify(
          { op: 'in', literals: set },
          projectInclusive(transform, type, 'in', set),
        );
      }
      if (checked === 0) found.push('nothing checked');
      return found;
    };

    it('for time transforms around and before the epoch', () => {
      const micros = [
        -86_400_000_001n,
        -86_400_000_000n,
        -3_600_000_001n,
        -1n,
        0n,
        1n,
        3_599_999_999n,
        3_600_000_000n,
        86_399_999_999n,
        ts('1969-01-01T00:00:00'),
        ts('1968-12-31T23:59:59.999999'),
        ts('2026-11-27T10:30:00'),
        ts('2026-12-01T00:00:00'),
      ];
      const days = [-367, -366, -365, -32, -31, -1, 0, 1, 30, 31, 365, 20784];
      expect([
        ...['year', 'month', 'day', 'hour'].flatMap(t =>
          violations(t, 'timestamp', micros, micros),
        ),
        ...['year', 'month', 'day'].flatMap(t =>
          violations(t, 'date', days, days),
        ),
      ]).toEqual([]);
    });

    it('for truncate and bucket', () => {
      const ints = [-21, -20, -11, -10, -9, -1, 0, 1, 9, 10, 11, 19, 20, 21];
      const longs = ints.map(i => BigInt(i));
      const decimals = [-1065n, -1050n, -1n, 0n, 1049n, 1050n, 1065n, 1100n];
      const strings = ['', 'a', 'ab', 'abc', 'abcd', 'abd', 'b', '😀', '😀😀a'];
      expect(violations('truncate[10]', 'int', ints, ints)).toEqual([]);
      expect(violations('truncate[10]', 'long', longs, longs)).toEqual([]);
      expect(
        violations('truncate[50]', 'decimal(9,2)', decimals, decimals),
      ).toEqual([]);
      expect(violations('truncate[2]', 'string', strings, strings)).toEqual([]);
      expect(violations('bucket[4]', 'int', ints, ints)).toEqual([]);
    });
  });
});
