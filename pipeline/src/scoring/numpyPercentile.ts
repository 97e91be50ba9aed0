/**
 * `np.percentile(values, q)` with numpy's default method ('linear'), reproduced
 * operation for operation so that an Isolation Forest's contamination offset equals
 * scikit-learn's to the last bit: virtual index (n − 1)·(q / 100), then numpy's
 * two-sided lerp (a + (b − a)·t below t = 0.5, b − (b − a)·(1 − t) from 0.5 on).
 */
export function numpyPercentile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) throw new Error('numpyPercentile: no values');
  if (!(q >= 0 && q <= 100)) {
    throw new Error(`numpyPercentile: q must be in [0, 100], got ${q}`);
  }
  const sorted = Float64Array.from(values).sort();
  if (Number.isNaN(sorted[n - 1])) return NaN; // numpy propagates NaN
  const virtual = (n - 1) * (q / 100);
  if (virtual >= n - 1) return sorted[n - 1]!;
  const previous = Math.floor(virtual);
  const a = sorted[previous]!;
  const b = sorted[previous + 1]!;
  const t = virtual - previous;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
