/**
 * `gold.product_profitability` for the profitability view, queried on the backend's
 * engine (DuckDB over the mart's data files, or Trino/Athena over the table at its
 * current snapshot). Money stays exact: the decimals leave the engine as text. The
 * answer for the current snapshot is kept until gold commits again.
 */
import {
  DuckDbEngine,
  GOLD_NAMESPACE,
  type Catalog,
  type IcebergType,
  type LocalDataFiles,
  type QueryEngine,
  type Schema,
} from '@medallion/pipeline';
import type {
  ProfitabilityResponse,
  ProfitabilityRow,
} from '@medallion/plugin-lakehouse-common';
import { z } from 'zod';
import { engineInteger } from '../lakehouse/engineValues';
import { SnapshotSelects } from '../lakehouse/snapshotSelects';

export const PROFITABILITY_TABLE = {
  namespace: [GOLD_NAMESPACE],
  name: 'product_profitability',
};
const TABLE_NAME = `${GOLD_NAMESPACE}.product_profitability`;
/** The mart is products × memberships × currencies: far below this. */
const MAX_ROWS = 1_000_000;

export interface ProfitabilityFilter {
  category?: string;
  currency?: string;
}

/** The columns read, as the mart defines them (also the shape of a missing mart). */
const MART_SCHEMA: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    ['product_id', 'string'],
    ['product_category', 'string'],
    ['membership', 'string'],
    ['currency', 'string'],
    ['revenue', 'decimal(18, 2)'],
    ['cost', 'decimal(18, 2)'],
    ['margin', 'decimal(18, 2)'],
    ['units', 'long'],
    ['orders', 'long'],
  ].map(([name, type], i) => ({
    id: i + 1,
    name: name!,
    required: false,
    type: type as IcebergType,
  })),
};

const DECIMAL = /^-?\d+(\.\d+)?$/;
const whole = engineInteger.nullable().transform(v => v ?? 0);
const rowSchema = z.object({
  product_id: z.string().nullable(),
  product_category: z.string().nullable(),
  membership: z.string().nullable(),
  currency: z.string().nullable(),
  revenue: z.string().regex(DECIMAL).nullable(),
  cost: z.string().regex(DECIMAL).nullable(),
  margin: z.string().regex(DECIMAL).nullable(),
  units: whole,
  orders: whole,
});

// Portable SQL: every engine prints a decimal as its exact digits.
const SELECT_COLUMNS = `product_id, product_category, membership, currency,
  CAST(revenue AS VARCHAR) AS revenue, CAST(cost AS VARCHAR) AS cost,
  CAST(margin AS VARCHAR) AS margin, CAST(units AS BIGINT) AS units,
  CAST(orders AS BIGINT) AS orders`;

function toRow(row: z.infer<typeof rowSchema>): ProfitabilityRow {
  const revenue = row.revenue ?? '0.00';
  const margin = row.margin ?? '0.00';
  return {
    productId: row.product_id ?? '',
    category: row.product_category,
    membership: row.membership ?? '',
    currency: row.currency ?? '',
    revenue,
    cost: row.cost ?? '0.00',
    margin,
    units: row.units,
    orders: row.orders,
    marginRate: Number(revenue) === 0 ? null : Number(margin) / Number(revenue),
  };
}

export interface ProfitabilityReaderOptions {
  catalog: Catalog;
  /** Default: a private DuckDB created on first use and released by close(). */
  engine?: QueryEngine;
  /** Local paths of data files (a DataFileCache when tables are on S3). */
  files?: LocalDataFiles;
}

interface Answer {
  key: string;
  response: ProfitabilityResponse;
}

export class ProfitabilityReader {
  private readonly snapshots: SnapshotSelects;
  private engine: QueryEngine | undefined;
  private readonly ownsEngine: boolean;
  private cached: Promise<Answer> | undefined;

  constructor(private readonly options: ProfitabilityReaderOptions) {
    this.engine = options.engine;
    this.ownsEngine = !options.engine;
    this.snapshots = new SnapshotSelects(
      options.catalog,
      this.queryEngine().dialect,
      options.files,
    );
  }

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

  /** Releases the engine if this reader created it. */
  async close(): Promise<void> {
    const engine = this.engine;
    if (engine && this.ownsEngine) {
      this.engine = undefined;
      await this.cached?.catch(() => undefined);
      await engine.close();
    }
  }

  private queryEngine(): QueryEngine {
    this.engine ??= new DuckDbEngine({
      catalog: this.options.catalog,
      tables: [],
    });
    return this.engine;
  }

  private async current(): Promise<ProfitabilityResponse> {
    const at = await this.snapshots.current(PROFITABILITY_TABLE, MART_SCHEMA);
    const known = await this.cached?.catch(() => undefined);
    if (known?.key === at.key) return known.response;
    const loading = (async (): Promise<Answer> => {
      const result = at.snapshot
        ? await this.queryEngine().query(
            `SELECT ${SELECT_COLUMNS} FROM (${at.select}) AS t`,
            { limit: MAX_ROWS },
          )
        : { rows: [] };
      const rows = result.rows.map(r => toRow(rowSchema.parse(r)));
      rows.sort((a, b) => {
        if (a.currency !== b.currency) return a.currency < b.currency ? -1 : 1;
        return Number(b.revenue) - Number(a.revenue);
      });
      const distinct = (values: Array<string | null>) =>
        [...new Set(values.filter((v): v is string => v !== null))].sort();
      return {
        key: at.key,
        response: {
          table: TABLE_NAME,
          snapshotId: at.snapshot?.id.toString() ?? null,
          committedAt: at.snapshot
            ? new Date(at.snapshot.committedAtMs).toISOString()
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
