/**
 * Fast paths for the hottest inputs of `coerceValue`: canonical ISO-8601 timestamps and
 * JavaScript numbers for decimals. Each returns undefined whenever it is not certain to give
 * exactly what `coerceValue` gives, and the caller then falls back to `coerceValue`, so the
 * accepted inputs and the results are the same (checked against it in the tests).
 */

const MICROS_PER_DAY = 86_400_000_000;
const MAX_FAST_YEAR = 2200; // keeps µs since epoch below 2^53
const MIN_FAST_YEAR = 1000;

/** Days since 1970-01-01 of a proleptic Gregorian date (valid input only). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Digits of s[from, from+n) as a number, or -1 if any is not a digit. */
function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * µs since epoch of "YYYY-MM-DDTHH:MM:SS[.f{1,6}]" followed by "Z", "+00:00" or (only
 * without zone) nothing; undefined for anything else.
 */
export function isoTimestampMicros(
  s: string,
  withZone: boolean,
): number | undefined {
  const len = s.length;
  if (
    len < 19 ||
    s.charCodeAt(4) !== 45 || // -
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 || // T
    s.charCodeAt(13) !== 58 || // :
    s.charCodeAt(16) !== 58
  ) {
    return undefined;
  }
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  if (
    y < MIN_FAST_YEAR ||
    y > MAX_FAST_YEAR ||
    mo < 1 ||
    mo > 12 ||
    d < 1 ||
    d > daysInMonth(y, mo) ||
    h < 0 ||
    h > 23 ||
    mi < 0 ||
    mi > 59 ||
    sec < 0 ||
    sec > 59
  ) {
    return undefined;
  }
  let i = 19;
  let micros = 0;
  if (i < len && s.charCodeAt(i) === 46) {
    // .
    const start = ++i;
    while (i < len && i - start < 7) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      micros = micros * 10 + c;
      i++;
    }
    const n = i - start;
    if (n === 0 || n > 6) return undefined;
    for (let k = n; k < 6; k++) micros *= 10;
  }
  const rest = len - i;
  if (rest === 1) {
    if (s.charCodeAt(i) !== 90) return undefined; // Z
  } else if (rest === 6) {
    if (s.slice(i) !== '+00:00') return undefined;
  } else if (rest !== 0 || withZone) {
    return undefined;
  }
  const days = daysFromCivil(y, mo, d);
  return (
    days * MICROS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1_000_000 + micros
  );
}

/** Days since epoch of a valid "YYYY-MM-DD"; undefined for anything else. */
export function isoDateDays(s: string): number | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45)
    return undefined;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m))
    return undefined;
  return daysFromCivil(y, m, d);
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const FAST_DECIMAL_LIMIT = 2 ** 33; // product error ≪ 1e-6 below this

/**
 * The unscaled value of a decimal(precision, scale) from a number, as a safe integer, when
 * rounding `value * 10^scale` is certainly the same as `value.toFixed(scale)` (used by
 * coerceValue); undefined otherwise (too large, too close to a tie, out of precision).
 */
export function decimalFromNumber(
  value: number,
  precision: number,
  scale: number,
): number | undefined {
  if (scale > 22) return undefined;
  const r = value * POW10[scale]!;
  if (!(r > -FAST_DECIMAL_LIMIT && r < FAST_DECIMAL_LIMIT)) return undefined;
  const frac = Math.abs(r - Math.trunc(r));
  if (Math.abs(frac - 0.5) < 1e-6) return undefined;
  const unscaled = Math.round(r);
  if (precision < 16 && Math.abs(unscaled) >= POW10[precision]!)
    return undefined;
  return unscaled === 0 ? 0 : unscaled; // no -0
}
