import type { ScoreHistogramBin } from '@medallion/plugin-lakehouse-common';
import {
  stats,
  statsWithoutLabels,
  noStats,
} from './__testUtils__/anomalyFixtures';
import type { HistogramSize } from './histogramLayout';
import { barTitle, histogramLayout, histogramSummary } from './histogramLayout';

const SIZE: HistogramSize = {
  width: 120,
  height: 110,
  margin: { top: 10, right: 10, bottom: 0, left: 10 },
};

const bins: ScoreHistogramBin[] = [
  { from: 0, to: 0.25, unlabelled: 0, labelled: 0 },
  { from: 0.25, to: 0.5, unlabelled: 100, labelled: 0 },
  { from: 0.5, to: 0.75, unlabelled: 16, labelled: 9 },
  { from: 0.75, to: 1, unlabelled: 0, labelled: 4 },
];

describe('histogramLayout', () => {
  const layout = histogramLayout(bins, 0.6, SIZE);

  it('spreads the bins over the plot with a gap between bars', () => {
    expect(layout.bars.map(b => [b.x, b.width])).toEqual([
      [10.5, 24],
      [35.5, 24],
      [60.5, 24],
      [85.5, 24],
    ]);
  });

  it('stacks the labelled purchases on the unlabelled, on a square-root axis', () => {
    // 100 px for up to 100 (sqrt 10): sqrt(16)=4 → 40 px, sqrt(25)=5 → 50 px
    const [, bulk, mixed, tail] = layout.bars;
    expect(bulk!.unlabelled).toEqual({ count: 100, y: 10, height: 100 });
    expect(mixed!.unlabelled).toEqual({ count: 16, y: 70, height: 40 });
    expect(mixed!.labelled).toEqual({ count: 9, y: 60, height: 10 });
    expect(tail!.unlabelled.height).toBe(0);
    expect(tail!.labelled).toEqual({ count: 4, y: 90, height: 20 });
  });

  it('places the threshold on the score axis', () => {
    expect(layout.threshold).toEqual({ value: 0.6, x: 70 });
    expect(layout.xTicks[0]).toEqual({ value: 0, x: 10 });
    expect(layout.xTicks[layout.xTicks.length - 1]).toEqual({
      value: 1,
      x: 110,
    });
    expect(layout.yTicks.every(Number.isInteger)).toBe(true);
  });

  it('leaves out a threshold outside the bins or before any model', () => {
    expect(histogramLayout(bins.slice(0, 2), 0.6, SIZE).threshold).toBeNull();
    expect(histogramLayout(bins, null, SIZE).threshold).toBeNull();
  });

  it('draws nothing (and no NaN) without bins', () => {
    const empty = histogramLayout([], null, SIZE);
    expect(empty.bars).toEqual([]);
    expect(empty.xTicks.every(t => Number.isFinite(t.x))).toBe(true);
  });

  it('titles each bar with its counts', () => {
    expect(barTitle(layout.bars[2]!)).toBe(
      'scores 0.500–0.750: 16 unlabelled purchases, 9 labelled purchases',
    );
  });
});

describe('histogramSummary', () => {
  it('states scored, flagged and the flagged rate', () => {
    expect(histogramSummary(stats)).toBe(
      "11,806 purchases scored, 1,001 flagged purchases (8.5%): score above the threshold 0.600. 467 purchases carry the producer's anomaly label.",
    );
    expect(histogramSummary(statsWithoutLabels)).toMatch(
      /^120 purchases scored, 3 flagged purchases \(2\.5%\)/,
    );
  });

  it('says when nothing was scored', () => {
    expect(histogramSummary(noStats)).toBe(
      'No purchases scored in this window yet.',
    );
  });
});
