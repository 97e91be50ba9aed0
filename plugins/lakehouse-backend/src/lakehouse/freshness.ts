/**
 * Table freshness: how long ago each table last committed, against its SLA. The most
 * specific SLA wins (the table's own, else its layer's, else the default). A table is
 * `warn` once its age exceeds warnAfterSeconds and `error` once it exceeds
 * errorAfterSeconds (strictly: exactly at the threshold it is still the milder status);
 * `unknown` when it has never committed.
 */
import type {
  FreshnessResponse,
  FreshnessStatus,
  TableFreshness,
  TableLayer,
  TableSummary,
} from '@medallion/plugin-lakehouse-common';

export interface Sla {
  warnAfterSeconds: number;
  errorAfterSeconds: number;
}

export interface FreshnessSlas {
  default: Sla;
  byLayer: Partial<Record<TableLayer, Sla>>;
  /** By table id (`namespace.table`). */
  byTable: Record<string, Sla>;
}

export function slaFor(
  table: Pick<TableSummary, 'id' | 'layer'>,
  slas: FreshnessSlas,
): Sla {
  // Own-property lookups: a table named like an Object.prototype member gets no SLA from it.
  const own = <T>(record: Partial<Record<string, T>>, key: string) =>
    Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
  return (
    own(slas.byTable, table.id) ??
    own(slas.byLayer, table.layer) ??
    slas.default
  );
}

export function freshnessStatus(
  ageMs: number | null,
  sla: Sla,
): FreshnessStatus {
  if (ageMs === null) return 'unknown';
  if (ageMs > sla.errorAfterSeconds * 1000) return 'error';
  if (ageMs > sla.warnAfterSeconds * 1000) return 'warn';
  return 'fresh';
}

export function computeFreshness(
  tables: readonly TableSummary[],
  slas: FreshnessSlas,
  now: Date,
): FreshnessResponse {
  const nowMs = now.getTime();
  return {
    checkedAt: now.toISOString(),
    tables: tables.map((table): TableFreshness => {
      const sla = slaFor(table, slas);
      const committedMs =
        table.lastCommitAt === null ? NaN : Date.parse(table.lastCommitAt);
      // A commit stamped ahead of our clock (skew between hosts) counts as age 0.
      const ageMs = Number.isNaN(committedMs)
        ? null
        : Math.max(0, nowMs - committedMs);
      return {
        table: table.id,
        layer: table.layer,
        lastCommitAt: table.lastCommitAt,
        ageSeconds: ageMs === null ? null : ageMs / 1000,
        sla: {
          warnAfterSeconds: sla.warnAfterSeconds,
          errorAfterSeconds: sla.errorAfterSeconds,
        },
        status: freshnessStatus(ageMs, sla),
      };
    }),
  };
}
