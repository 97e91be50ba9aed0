/**
 * The query engine interface the backend, the CLI and the UI use: DuckDB locally,
 * Athena on AWS or a Trino server, same shape either way. Each names its SQL dialect
 * (dialect.ts), so the backend's queries are built for the engine that runs them.
 */
import type { SqlDialect } from './dialect';

export interface QueryColumn {
  name: string;
  /** The engine's type name, e.g. BIGINT, VARCHAR, TIMESTAMP WITH TIME ZONE. */
  type: string;
}

export interface QueryResult {
  columns: QueryColumn[];
  /** Rows as JSON-safe values: 64-bit integers and decimals as strings, times as ISO strings. */
  rows: Array<Record<string, unknown>>;
  /** True when the row limit cut the result. */
  truncated: boolean;
}

export interface QueryOptions {
  /** At most this many rows are returned (default 1000). */
  limit?: number;
  signal?: AbortSignal;
}

export interface QueryEngine {
  readonly dialect: SqlDialect;
  query(sql: string, options?: QueryOptions): Promise<QueryResult>;
  close(): Promise<void>;
}

export class QueryError extends Error {}

/** µs as a whole number, checked: the text is spliced into SQL. */
export function wholeMicros(micros: number): string {
  if (!Number.isSafeInteger(Math.trunc(micros)))
    throw new RangeError(`not a time in µs: ${micros}`);
  return String(Math.trunc(micros));
}
