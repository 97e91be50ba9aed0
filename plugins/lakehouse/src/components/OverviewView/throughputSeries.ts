/**
 * The throughput history the Overview draws: the backend reports only the current rates,
 * so the page keeps the samples it has seen since it opened, trimmed to a trailing span.
 */
import { useEffect, useState } from 'react';
import type { PipelineMetrics } from '@medallion/plugin-lakehouse-common';

export interface ThroughputSample {
  /** `measuredAt` in epoch milliseconds. */
  at: number;
  bronze: number;
  silver: number;
}

/** How much history the chart keeps and shows. */
export const SERIES_SPAN_MS = 5 * 60_000;

export function sampleOf(metrics: PipelineMetrics): ThroughputSample | null {
  const at = Date.parse(metrics.measuredAt);
  if (Number.isNaN(at)) return null;
  return {
    at,
    bronze: metrics.throughput.bronzeEventsPerSecond,
    silver: metrics.throughput.silverEventsPerSecond,
  };
}

/**
 * The series with `sample` appended and samples older than `spanMs` before it dropped.
 * A sample not newer than the last one (the same measurement served twice, or a reply
 * overtaken by a later one) leaves the series as it is — the same array, so React skips
 * the re-render.
 */
export function appendSample(
  series: readonly ThroughputSample[],
  sample: ThroughputSample,
  spanMs = SERIES_SPAN_MS,
): readonly ThroughputSample[] {
  const last = series[series.length - 1];
  if (last && sample.at <= last.at) return series;
  const from = sample.at - spanMs;
  return [...series.filter(s => s.at >= from), sample];
}

/** Collects a sample from every new metrics value. */
export function useThroughputSeries(
  metrics: PipelineMetrics | undefined,
): readonly ThroughputSample[] {
  const [series, setSeries] = useState<readonly ThroughputSample[]>([]);
  useEffect(() => {
    const sample = metrics && sampleOf(metrics);
    if (sample) setSeries(prev => appendSample(prev, sample));
  }, [metrics]);
  return series;
}
