/**
 * The score histogram's geometry, apart from React so it can be tested: bins as bars
 * with the unlabelled purchases at the bottom and the producer-labelled ones stacked on
 * top, the threshold as a vertical line, and the axes' ticks.
 */
import type {
  AnomalyStats,
  ScoreHistogramBin,
} from '@medallion/plugin-lakehouse-common';
import { scaleLinear, scaleSqrt } from 'd3';
import { countOf, formatScore, formatShare } from './anomalyFormat';

export interface HistogramSize {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export const HISTOGRAM_SIZE: HistogramSize = {
  width: 720,
  height: 300,
  margin: { top: 24, right: 16, bottom: 52, left: 64 },
};

/** Space between neighbouring bars, in SVG units. */
const BAR_GAP = 1;

export interface BarSegment {
  count: number;
  /** Top edge and height in SVG units (0 high when the count is 0). */
  y: number;
  height: number;
}

export interface HistogramBar {
  key: string;
  from: number;
  to: number;
  x: number;
  width: number;
  unlabelled: BarSegment;
  labelled: BarSegment;
}

export interface HistogramLayout {
  bars: HistogramBar[];
  plot: { x0: number; x1: number; yTop: number; yBottom: number };
  xTicks: Array<{ value: number; x: number }>;
  yTicks: number[];
  y: (count: number) => number;
  /** null without a threshold, or when it lies outside the bins' range. */
  threshold: { value: number; x: number } | null;
}

/**
 * Lays out `bins` (ordered by score) in `size`. The count axis is a square root: the
 * purchases that matter (high scores) are a few percent of all, and on a linear axis
 * their bars would vanish next to the bulk of normal scores.
 */
export function histogramLayout(
  bins: ScoreHistogramBin[],
  threshold: number | null,
  size: HistogramSize = HISTOGRAM_SIZE,
): HistogramLayout {
  const { width, height, margin } = size;
  const lo = bins.length ? Math.min(...bins.map(b => b.from)) : 0;
  const hi = bins.length ? Math.max(...bins.map(b => b.to)) : 1;
  const x = scaleLinear()
    .domain(lo < hi ? [lo, hi] : [0, 1])
    .range([margin.left, width - margin.right]);
  const maxTotal = Math.max(0, ...bins.map(b => b.unlabelled + b.labelled));
  const y = scaleSqrt()
    .domain([0, maxTotal || 1])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const yBottom = height - margin.bottom;

  const segment = (count: number, below: number): BarSegment => {
    const top = y(below + count);
    return { count, y: top, height: Math.max(0, y(below) - top) };
  };
  const bars = bins.map(b => {
    const left = x(b.from);
    return {
      key: `${b.from}-${b.to}`,
      from: b.from,
      to: b.to,
      x: left + BAR_GAP / 2,
      width: Math.max(0, x(b.to) - left - BAR_GAP),
      unlabelled: segment(b.unlabelled, 0),
      labelled: segment(b.labelled, b.unlabelled),
    };
  });

  const [dLo, dHi] = x.domain() as [number, number];
  return {
    bars,
    plot: {
      x0: margin.left,
      x1: width - margin.right,
      yTop: margin.top,
      yBottom,
    },
    xTicks: x.ticks(10).map(value => ({ value, x: x(value) })),
    // few ticks: on a square-root axis more would crowd the top; counts are whole
    yTicks: y.ticks(5).filter(t => Number.isInteger(t)),
    y,
    threshold:
      threshold !== null && threshold >= dLo && threshold <= dHi
        ? { value: threshold, x: x(threshold) }
        : null,
  };
}

/** A bar's tooltip (and its name for assistive technology). */
export const barTitle = (bar: HistogramBar) =>
  `scores ${formatScore(bar.from)}–${formatScore(bar.to)}: ${countOf(
    bar.unlabelled.count,
    'unlabelled purchase',
  )}, ${countOf(bar.labelled.count, 'labelled purchase')}`;

export const labelledTotal = (bins: ScoreHistogramBin[]) =>
  bins.reduce((n, b) => n + b.labelled, 0);

/** The histogram in a sentence or two: its text alternative, shown under it too. */
export function histogramSummary(stats: AnomalyStats): string {
  if (stats.scored === 0) return 'No purchases scored in this window yet.';
  const flagged = `${countOf(stats.flagged, 'flagged purchase')} (${
    stats.flaggedRate === null
      ? 'rate not available'
      : formatShare(stats.flaggedRate)
  })`;
  const threshold =
    stats.threshold === null
      ? 'no model threshold yet'
      : `score above the threshold ${formatScore(stats.threshold)}`;
  return `${countOf(
    stats.scored,
    'purchase',
  )} scored, ${flagged}: ${threshold}. ${countOf(
    labelledTotal(stats.histogram),
    'purchase',
  )} carry the producer's anomaly label.`;
}
