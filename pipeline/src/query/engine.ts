/**
 * The query engine interface the backend, the CLI and the UI use: DuckDB locally,
 * Athena on AWS (later), same shape either way.
 */

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
  query(sql: string, options?: QueryOptions): Promise<QueryResult>;
  close(): Promise<void>;
}

export class QueryError extends Error {}
