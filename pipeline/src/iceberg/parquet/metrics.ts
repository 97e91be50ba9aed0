/**
 * Iceberg column metrics of a data file from the leaf statistics of its rows, with the
 * table's metrics modes (`write.metadata.metrics.default`, default `truncate(16)`, and
 * `write.metadata.metrics.column.<path>`): none, counts, truncate(N) or full.
 */
import { toBytes, type InternalValue } from '../conversions';
import {
  indexFields,
  isPrimitive,
  parsePrimitive,
  type StructType,
} from '../types';
import type { LeafStats } from './builder';
import {
  DEFAULT_TRUNCATE_LENGTH,
  truncateBinaryMax,
  truncateBinaryMin,
  truncateStringMax,
  truncateStringMin,
} from './truncate';

export type MetricsMode =
  | { kind: 'none' }
  | { kind: 'counts' }
  | { kind: 'truncate'; length: number }
  | { kind: 'full' };

export const DEFAULT_METRICS_MODE: MetricsMode = {
  kind: 'truncate',
  length: DEFAULT_TRUNCATE_LENGTH,
};

export interface MetricsConfig {
  default: MetricsMode;
  /** By column path ("a.b"), as in `write.metadata.metrics.column.a.b`. */
  columns?: ReadonlyMap<string, MetricsMode>;
}

export interface ColumnMetrics {
  valueCounts: Map<number, bigint>;
  nullValueCounts: Map<number, bigint>;
  nanValueCounts: Map<number, bigint>;
  lowerBounds: Map<number, Uint8Array>;
  upperBounds: Map<number, Uint8Array>;
}

export function parseMetricsMode(text: string): MetricsMode {
  const t = text.trim().toLowerCase();
  if (t === 'none' || t === 'counts' || t === 'full') return { kind: t };
  const m = /^truncate\((\d+)\)$/.exec(t);
  if (m && Number(m[1]) > 0) return { kind: 'truncate', length: Number(m[1]) };
  throw new Error(`invalid metrics mode ${JSON.stringify(text)}`);
}

const COLUMN_PREFIX = 'write.metadata.metrics.column.';

export function metricsConfigFromProperties(
  properties: Readonly<Record<string, string>>,
): MetricsConfig {
  const columns = new Map<string, MetricsMode>();
  for (const [key, value] of Object.entries(properties)) {
    if (key.startsWith(COLUMN_PREFIX))
      columns.set(key.slice(COLUMN_PREFIX.length), parseMetricsMode(value));
  }
  const fallback = properties['write.metadata.metrics.default'];
  return {
    default: fallback ? parseMetricsMode(fallback) : DEFAULT_METRICS_MODE,
    columns,
  };
}

export function columnMetrics(
  schema: StructType,
  stats: ReadonlyMap<number, LeafStats>,
  config: MetricsConfig = { default: DEFAULT_METRICS_MODE },
): ColumnMetrics {
  const fields = indexFields(schema);
  const out: ColumnMetrics = {
    valueCounts: new Map(),
    nullValueCounts: new Map(),
    nanValueCounts: new Map(),
    lowerBounds: new Map(),
    upperBounds: new Map(),
  };
  for (const [id, s] of stats) {
    const field = fields.get(id);
    if (!field || !isPrimitive(field.type)) continue;
    const mode = metricsModeOf(config, field.path);
    if (mode.kind === 'none') continue;
    out.valueCounts.set(id, BigInt(s.valueCount));
    out.nullValueCounts.set(id, BigInt(s.nullCount));
    if (s.nanCount !== undefined)
      out.nanValueCounts.set(id, BigInt(s.nanCount));
    if (mode.kind === 'counts' || s.min === undefined || s.max === undefined)
      continue;
    const p = parsePrimitive(field.type);
    const length = mode.kind === 'truncate' ? mode.length : Infinity;
    let min: InternalValue = s.min;
    let max: InternalValue | undefined = s.max;
    if (p.kind === 'string' && length !== Infinity) {
      min = truncateStringMin(min as string, length);
      max = truncateStringMax(max as string, length);
    } else if (p.kind === 'binary' && length !== Infinity) {
      min = truncateBinaryMin(min as Uint8Array, length);
      max = truncateBinaryMax(max as Uint8Array, length);
    }
    out.lowerBounds.set(id, toBytes(p, min));
    if (max !== undefined) out.upperBounds.set(id, toBytes(p, max));
  }
  return out;
}

export function metricsModeOf(
  config: MetricsConfig,
  path: string,
): MetricsMode {
  return config.columns?.get(path) ?? config.default;
}
