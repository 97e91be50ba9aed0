/**
 * Latency of any async call: the first (cold) call timed on its own, then `runs` calls
 * one after another, summarized as p50 / p99 / max. Works the same for an in-process
 * function or an HTTP request, so API benchmarks can share it.
 */
import { percentile } from '../../plugins/lakehouse-backend/src/lakehouse/percentile';

export interface Measurement {
  label: string;
  runs: number;
  /** The first call, before anything was warm; excluded from the percentiles. */
  coldMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export async function measure(
  label: string,
  fn: () => Promise<unknown>,
  options: { runs: number },
): Promise<Measurement> {
  const time = async () => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  const coldMs = await time();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i++) samples.push(await time());
  return {
    label,
    runs: options.runs,
    coldMs,
    p50Ms: percentile(samples, 50),
    p99Ms: percentile(samples, 99),
    maxMs: Math.max(...samples),
  };
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;

/** One line: label, p50, p99, max, cold, and the verdict against a p99 target if given. */
export function formatMeasurement(
  m: Measurement,
  targetP99Ms?: number,
): string {
  const verdict =
    targetP99Ms === undefined
      ? ''
      : `  (target p99 ≤ ${targetP99Ms} ms: ${
          m.p99Ms <= targetP99Ms ? 'met' : 'NOT met'
        })`;
  return `  ${m.label.padEnd(44)} p50 ${ms(m.p50Ms).padStart(9)}  p99 ${ms(
    m.p99Ms,
  ).padStart(9)}  max ${ms(m.maxMs).padStart(9)}  cold ${ms(m.coldMs).padStart(
    10,
  )}  (${m.runs} runs)${verdict}`;
}
