import {
  appendSample,
  sampleOf,
  SERIES_SPAN_MS,
  type ThroughputSample,
} from './throughputSeries';
import { busyMetrics } from './__testUtils__/fixtures';

const at = (seconds: number, bronze = 1, silver = 1): ThroughputSample => ({
  at: seconds * 1000,
  bronze,
  silver,
});

describe('sampleOf', () => {
  it('takes the time and both rates from the metrics', () => {
    const now = Date.parse('2026-01-31T10:00:00.000Z');
    expect(sampleOf(busyMetrics(now))).toEqual({
      at: now,
      bronze: 812.5,
      silver: 800,
    });
  });

  it('skips a measurement without a readable time', () => {
    expect(sampleOf({ ...busyMetrics(), measuredAt: 'soon' })).toBeNull();
  });
});

describe('appendSample', () => {
  it('appends newer samples', () => {
    expect(appendSample([at(0)], at(5))).toEqual([at(0), at(5)]);
  });

  it('ignores a sample not newer than the last (same measurement polled twice)', () => {
    const series = [at(0), at(5)];
    expect(appendSample(series, at(5, 99))).toBe(series);
    expect(appendSample(series, at(3))).toBe(series);
  });

  it('drops samples older than the span before the newest', () => {
    const span = SERIES_SPAN_MS / 1000;
    const series = [at(0), at(5), at(10)];
    expect(appendSample(series, at(span + 5))).toEqual([
      at(5),
      at(10),
      at(span + 5),
    ]);
  });
});
