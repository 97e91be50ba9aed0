import type { ProfitabilityRow } from '@medallion/plugin-lakehouse-common';
import { formatMoney, groupDecimal } from '../shared/format';

/** The two membership segments (dbt's accepted values: member, non_member). */
export type Segment = 'member' | 'non_member';

export const SEGMENT_LABELS: Record<Segment, string> = {
  member: 'member',
  non_member: 'non-member',
};

/** One product in one segment, with money as numbers for plotting. */
export interface ProductPoint {
  key: string;
  productId: string;
  category: string | null;
  segment: Segment;
  currency: string;
  revenue: number;
  margin: number;
  /** The exact decimal strings, for display. */
  revenueText: string;
  marginText: string;
  marginRate: number | null;
  units: number;
  orders: number;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** An exact decimal string as a number (plotting only needs a double); null if not one. */
export function decimalToNumber(text: string): number | null {
  return DECIMAL.test(text.trim()) ? Number(text) : null;
}

export const segmentOf = (membership: string): Segment =>
  membership.toLowerCase() === 'member' ? 'member' : 'non_member';

/**
 * The currency with the most revenue: money in different currencies cannot share an
 * axis, so the chart shows one at a time and starts with the biggest. Ties go to the
 * first alphabetically; null without rows.
 */
export function defaultCurrency(rows: ProfitabilityRow[]): string | null {
  const totals = new Map<string, number>();
  for (const r of rows) {
    const revenue = decimalToNumber(r.revenue) ?? 0;
    const currency = r.currency.toUpperCase();
    totals.set(currency, (totals.get(currency) ?? 0) + revenue);
  }
  let best: string | null = null;
  for (const [currency, total] of [...totals].sort(([a], [b]) =>
    a.localeCompare(b),
  ))
    if (best === null || total > totals.get(best)!) best = currency;
  return best;
}

/**
 * The points to plot: rows of `currency` (and `category`, when one is chosen) whose
 * money parses; a row per product and segment.
 */
export function scatterPoints(
  rows: ProfitabilityRow[],
  filter: { currency: string; category?: string },
): ProductPoint[] {
  const currency = filter.currency.toUpperCase();
  const points: ProductPoint[] = [];
  for (const r of rows) {
    if (r.currency.toUpperCase() !== currency) continue;
    if (filter.category && r.category !== filter.category) continue;
    const revenue = decimalToNumber(r.revenue);
    const margin = decimalToNumber(r.margin);
    if (revenue === null || margin === null) continue;
    const segment = segmentOf(r.membership);
    points.push({
      key: `${r.productId}/${segment}`,
      productId: r.productId,
      category: r.category,
      segment,
      currency,
      revenue,
      margin,
      revenueText: r.revenue,
      marginText: r.margin,
      marginRate: r.marginRate,
      units: r.units,
      orders: r.orders,
    });
  }
  return points;
}

export function splitSegments(
  points: ProductPoint[],
): Record<Segment, ProductPoint[]> {
  return {
    member: points.filter(p => p.segment === 'member'),
    non_member: points.filter(p => p.segment === 'non_member'),
  };
}

/** A product's two segments side by side, for the table. */
export interface ProductRow {
  productId: string;
  category: string | null;
  member: ProductPoint | null;
  nonMember: ProductPoint | null;
  /** Both segments' revenue (as a number: only for ordering). */
  revenue: number;
}

/** Products by their revenue over both segments, highest first, at most `limit`. */
export function topProducts(
  points: ProductPoint[],
  limit: number,
): ProductRow[] {
  const byProduct = new Map<string, ProductRow>();
  for (const p of points) {
    const row = byProduct.get(p.productId) ?? {
      productId: p.productId,
      category: p.category,
      member: null,
      nonMember: null,
      revenue: 0,
    };
    if (p.segment === 'member') row.member = p;
    else row.nonMember = p;
    row.revenue += p.revenue;
    byProduct.set(p.productId, row);
  }
  return [...byProduct.values()]
    .sort(
      (a, b) => b.revenue - a.revenue || a.productId.localeCompare(b.productId),
    )
    .slice(0, limit);
}

export { formatMoney, groupDecimal };

export const formatRate = (rate: number | null) =>
  rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;

/** The text of a point's tooltip (and of its title for assistive technology). */
export function pointTitle(p: ProductPoint): string {
  return [
    `${p.productId} (${SEGMENT_LABELS[p.segment]})`,
    `revenue ${formatMoney(p.revenueText, p.currency)}`,
    `margin ${formatMoney(p.marginText, p.currency)}`,
    `margin rate ${formatRate(p.marginRate)}`,
    `${p.units} units`,
    `${p.orders} orders`,
  ].join(', ');
}

/** The chart in a sentence or three, for its description. */
export function scatterSummary(
  points: ProductPoint[],
  currency: string,
  category: string | undefined,
): string {
  const where = `in ${currency}, ${
    category ? `category ${category}` : 'all categories'
  }`;
  if (points.length === 0) return `No products ${where}.`;
  const { member, non_member } = splitSegments(points);
  const fmt = (n: number) =>
    n.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const [minRev, maxRev] = [
    Math.min(...points.map(p => p.revenue)),
    Math.max(...points.map(p => p.revenue)),
  ];
  const [minMargin, maxMargin] = [
    Math.min(...points.map(p => p.margin)),
    Math.max(...points.map(p => p.margin)),
  ];
  const losing = points.filter(p => p.margin < 0).length;
  const top = points.reduce((a, b) => (b.revenue > a.revenue ? b : a));
  return [
    `${points.length} product segments ${where}: ${member.length} member, ${non_member.length} non-member.`,
    `Revenue from ${fmt(minRev)} to ${fmt(
      maxRev,
    )} ${currency}, margin from ${fmt(minMargin)} to ${fmt(
      maxMargin,
    )} ${currency}; ${losing} with a negative margin.`,
    `Highest revenue: ${top.productId} (${
      SEGMENT_LABELS[top.segment]
    }), ${formatMoney(top.revenueText, currency)}.`,
  ].join(' ');
}
