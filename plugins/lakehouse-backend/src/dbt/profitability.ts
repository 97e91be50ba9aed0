/**
 * `gold.product_profitability` for the profitability view, read through the pipeline's
 * Iceberg reader (the mart is small: products × memberships × currencies). Money stays
 * exact: decimals arrive as unscaled integers and leave as decimal strings. The rows
 * of the current snapshot are kept until gold commits again.
 */
import {
  GOLD_NAMESPACE,
  isPrimitive,
  loadTableIfExists,
  parsePrimitive,
  scanRows,
  type Catalog,
  type Row,
  type Schema,
} from '@medallion/pipeline';
import type {
  ProfitabilityResponse,
  ProfitabilityRow,
} from '@medallion/plugin-lakehouse-common';

export const PROFITABILITY_TABLE = {
  namespace: [GOLD_NAMESPACE],
  name: 'product_profitability',
};
const TABLE_NAME = `${GOLD_NAMESPACE}.product_profitability`;

export interface ProfitabilityFilter {
  category?: string;
  currency?: string;
}

/** An unscaled decimal as a string with `scale` places, e.g. (-5, 2) → `-0.05`. */
export function formatDecimal(unscaled: bigint, scale: number): string {
  if (scale <= 0) return (unscaled * 10n ** BigInt(-scale)).toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled)
    .toString()
    .padStart(scale + 1, '0');
  const cut = digits.length - scale;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

function scaleOf(schema: Schema, column: string): number {
  const field = schema.fields.find(f => f.name === column);
  if (field && isPrimitive(field.type)) {
    const p = parsePrimitive(field.type);
    if (p.kind === 'decimal') return p.scale;
  }
  return 0;
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const whole = (v: unknown) =>
  typeof v === 'bigint' || typeof v === 'number' ? Number(v) : 0;

function toRow(row: Row, scales: Record<string, number>): ProfitabilityRow {
  const money = (column: string) => {
    const v = row[column];
    const unscaled = typeof v === 'bigint' ? v : BigInt(whole(v));
    return { unscaled, text: formatDecimal(unscaled, scales[column] ?? 0) };
  };
  const revenue = money('revenue');
  const margin = money('margin');
  return {
    productId: text(row.product_id) ?? '',
    category: text(row.product_category),
    membership: text(row.membership) ?? '',
    currency: text(row.currency) ?? '',
    revenue: revenue.text,
    cost: money('cost').text,
    margin: margin.text,
    units: whole(row.units),
    orders: whole(row.orders),
    // Same scale on both sides (the mart casts every sum alike); else rescale.
    marginRate:
      revenue.unscaled === 0n
        ? null
        : Number(margin.unscaled) /
          10 ** (scales.margin ?? 0) /
          (Number(revenue.unscaled) / 10 ** (scales.revenue ?? 0)),
  };
}

interface Snapshot {
  metadataLocation: string;
  response: ProfitabilityResponse;
}

export class ProfitabilityReader {
  private cached: Promise<Snapshot> | undefined;

  constructor(private readonly catalog: Catalog) {}

  async read(filter: ProfitabilityFilter = {}): Promise<ProfitabilityResponse> {
    const all = await this.current();
    return {
      ...all,
      rows: all.rows.filter(
        r =>
          (filter.category === undefined || r.category === filter.category) &&
          (filter.currency === undefined || r.currency === filter.currency),
      ),
    };
  }

  private async current(): Promise<ProfitabilityResponse> {
    const table = await loadTableIfExists(this.catalog, PROFITABILITY_TABLE);
    if (!table)
      return {
        table: TABLE_NAME,
        snapshotId: null,
        committedAt: null,
        categories: [],
        currencies: [],
        rows: [],
      };
    const known = this.cached;
    if (known) {
      const snapshot = await known.catch(() => undefined);
      if (snapshot?.metadataLocation === table.metadataLocation)
        return snapshot.response;
    }
    const loading = (async (): Promise<Snapshot> => {
      const schema = table.schema();
      const scales = Object.fromEntries(
        ['revenue', 'cost', 'margin'].map(c => [c, scaleOf(schema, c)]),
      );
      const rows = (await scanRows(table)).map(r => toRow(r, scales));
      rows.sort((a, b) => {
        if (a.currency !== b.currency) return a.currency < b.currency ? -1 : 1;
        return Number(b.revenue) - Number(a.revenue);
      });
      const snapshot = table.currentSnapshot();
      const distinct = (values: Array<string | null>) =>
        [...new Set(values.filter((v): v is string => v !== null))].sort();
      return {
        metadataLocation: table.metadataLocation,
        response: {
          table: TABLE_NAME,
          snapshotId: snapshot ? snapshot['snapshot-id'].toString() : null,
          committedAt: snapshot
            ? new Date(snapshot['timestamp-ms']).toISOString()
            : null,
          categories: distinct(rows.map(r => r.category)),
          currencies: distinct(rows.map(r => r.currency)),
          rows,
        },
      };
    })();
    this.cached = loading;
    return (await loading).response;
  }
}
