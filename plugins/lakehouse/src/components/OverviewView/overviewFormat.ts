/** Formatting the Overview needs beyond the shared helpers. */
import { formatNumber } from '../shared';

/**
 * A span of seconds in the largest units that keep it exact enough for an SLA:
 * "45 s", "5 min", "1 min 30 s", "1 h", "1 h 30 min", "2 d".
 */
export function formatSpan(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const pair = (a: number, unitA: string, b: number, unitB: string) =>
    b === 0 ? `${a} ${unitA}` : `${a} ${unitA} ${b} ${unitB}`;
  if (s < 3600) return pair(Math.floor(s / 60), 'min', s % 60, 's');
  if (s < 86_400)
    return pair(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'min');
  return pair(
    Math.floor(s / 86_400),
    'd',
    Math.floor((s % 86_400) / 3600),
    'h',
  );
}

/**
 * A 0..1 fraction as a percentage. Rejection rates are tiny, so small values keep two
 * significant digits ("0.005 %") instead of rounding to a misleading "0 %".
 */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  if (pct === 0) return '0 %';
  const text =
    Math.abs(pct) < 1
      ? pct.toLocaleString('en-US', { maximumSignificantDigits: 2 })
      : formatNumber(pct, 1);
  return `${text} %`;
}

/** Events per second, to one decimal ("812.5 events/s", "0 events/s"). */
export const formatRate = (perSecond: number) =>
  `${formatNumber(perSecond, 1)} events/s`;
