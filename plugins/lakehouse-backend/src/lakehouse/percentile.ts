/**
 * The nearest-rank percentile (p in 0..100) of samples: the smallest sample with at
 * least p % of the samples at or below it. Always one of the samples, never interpolated.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0)
    throw new RangeError('percentile of no samples is undefined');
  if (!(p >= 0 && p <= 100))
    throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}
