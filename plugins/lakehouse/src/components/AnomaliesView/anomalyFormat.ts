/** How the Anomalies tab writes scores, shares, money and feature values. */
import { formatNumber } from '../shared';

/** Scores live in (0, 1]: three decimals tell neighbours apart. */
export const formatScore = (score: number) => score.toFixed(3);

/** A share in [0, 1] as a percentage. */
export const formatShare = (share: number, digits = 1) =>
  `${(share * 100).toFixed(digits)}%`;

/** Why a figure is missing, never a misleading 0. */
export const notAvailable = (reason: string) => `not available (${reason})`;

export { formatMoney as formatAmount } from '../shared/format';

/**
 * A feature value for people: one decimal in the usual range (log ratios, hours,
 * flags), grouped integers when large, two significant digits when tiny.
 */
export function formatFeatureValue(value: number): string {
  const size = Math.abs(value);
  if (size >= 1000) return formatNumber(value, 0);
  if (size >= 0.05 || value === 0) return value.toFixed(1);
  return value.toPrecision(2);
}

/** Plural with the count grouped: "1 purchase", "1,204 purchases". */
export const countOf = (n: number, noun: string) =>
  `${formatNumber(n)} ${noun}${n === 1 ? '' : 's'}`;
