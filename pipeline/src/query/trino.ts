/**
 * A Trino server behind the QueryEngine interface, over Trino's client REST protocol:
 * POST the statement to /v1/statement, then follow `nextUri` until the query ends,
 * collecting columns and rows on the way. Enough rows, the caller's AbortSignal or our
 * timeout cancel the query on the server (DELETE of `nextUri`), so nothing keeps
 * running for an answer nobody reads. Values are read with lossless-json: Trino sends
 * a BIGINT as a bare JSON number, which JSON.parse would round above 2^53.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { isInteger, isSafeNumber, parse } from 'lossless-json';
import { z } from 'zod';
import { athenaValue } from './athenaValues';
import { trinoDialect } from './dialect';
import {
  QueryError,
  type QueryColumn,
  type QueryEngine,
  type QueryOptions,
  type QueryResult,
} from './engine';

export interface TrinoQueryEngineOptions {
  /** http(s)://host:port of the coordinator. */
  server: string;
  /** The session catalog unqualified `"namespace"."table"` names resolve in. */
  catalog: string;
  user: string;
  /** Basic authentication (Trino accepts it over https only). */
  password?: string;
  /** From start to completion; the query is cancelled when it runs longer. Default 10 min. */
  timeoutMs?: number;
  /** Default: global fetch. */
  fetch?: typeof fetch;
}

const errorSchema = z.object({
  message: z.string(),
  errorName: z.string().optional(),
  errorType: z.string().optional(),
});

/** The part of Trino's QueryResults document we read (it carries much more). */
const queryResultsSchema = z.object({
  id: z.string(),
  nextUri: z.string().optional(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })).optional(),
  data: z.array(z.array(z.unknown())).optional(),
  error: errorSchema.optional(),
});
type QueryResults = z.infer<typeof queryResultsSchema>;

/** A QueryError with Trino's query id and error name (e.g. TABLE_NOT_FOUND). */
export class TrinoQueryError extends QueryError {
  constructor(
    message: string,
    readonly queryId?: string,
    readonly errorName?: string,
  ) {
    super(message);
  }
}

// Big integers stay text (exact); every other number is a JS number.
const parseNumber = (text: string): number | string =>
  isInteger(text) && !isSafeNumber(text) ? text : Number(text);

/** A Trino JSON value as the text Athena would print, so both map alike. */
function asText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value); // arrays, maps and rows as JSON text
}

/** Trino's transient answers: the protocol says to retry them. */
const RETRY_STATUS = new Set([502, 503, 504]);

export class TrinoQueryEngine implements QueryEngine {
  readonly dialect = trinoDialect;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: TrinoQueryEngineOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  async query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const limit = options.limit ?? 1000;
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 600_000);
    const signal = options.signal
      ? AbortSignal.any([options.signal, timeout])
      : timeout;
    let page = await this.send(
      `${this.options.server.replace(/\/+$/, '')}/v1/statement`,
      { method: 'POST', body: sql },
      signal,
    );
    let columns: QueryColumn[] | undefined;
    const data: unknown[][] = [];
    try {
      for (;;) {
        if (page.error) throw this.failure(page);
        if (!columns && page.columns)
          columns = page.columns.map(c => ({
            name: c.name,
            type: c.type.toUpperCase(),
          }));
        data.push(...(page.data ?? []));
        if (!page.nextUri) break;
        if (data.length > limit) {
          await this.cancel(page.nextUri);
          break;
        }
        page = await this.send(page.nextUri, { method: 'GET' }, signal);
      }
    } catch (error) {
      if (page.nextUri) await this.cancel(page.nextUri);
      if (signal.aborted && !(error instanceof TrinoQueryError))
        throw new TrinoQueryError(
          timeout.aborted
            ? `Trino query ${page.id} took longer than ${
                this.options.timeoutMs ?? 600_000
              } ms and was cancelled`
            : `Trino query ${page.id} was cancelled`,
          page.id,
        );
      throw error;
    }
    const cols = columns ?? [];
    return {
      columns: cols,
      rows: data
        .slice(0, limit)
        .map(row =>
          Object.fromEntries(
            cols.map((c, i) => [c.name, athenaValue(c.type, asText(row[i]))]),
          ),
        ),
      truncated: data.length > limit,
    };
  }

  async close(): Promise<void> {
    // Stateless over HTTP: nothing to release.
  }

  private headers(): Record<string, string> {
    const { user, password, catalog } = this.options;
    return {
      'X-Trino-User': user,
      'X-Trino-Catalog': catalog,
      'X-Trino-Source': 'medallion',
      // Session-dependent functions answer the same on every backend host.
      'X-Trino-Time-Zone': 'UTC',
      // Without it Trino rounds timestamps to milliseconds and drops their precision.
      'X-Trino-Client-Capabilities': 'PARAMETRIC_DATETIME',
      ...(password === undefined
        ? {}
        : {
            Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString(
              'base64',
            )}`,
          }),
    };
  }

  private async send(
    url: string,
    init: { method: 'GET' | 'POST'; body?: string },
    signal: AbortSignal,
  ): Promise<QueryResults> {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await this.fetch(url, {
          ...init,
          headers: this.headers(),
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw error;
        throw new QueryError(
          `Trino at ${this.options.server} did not answer (${
            (error as Error).message
          }): is the server up and lakehouse.queryEngine.trino.server right?`,
        );
      }
      const text = await res.text();
      if (RETRY_STATUS.has(res.status) && attempt < 10) {
        await delay(Math.min(50 * 2 ** attempt, 2000), undefined, { signal });
        continue;
      }
      if (!res.ok)
        throw new QueryError(
          `Trino answered ${res.status} ${res.statusText}: ${text.slice(
            0,
            500,
          )}`,
        );
      try {
        return queryResultsSchema.parse(parse(text, undefined, parseNumber));
      } catch (error) {
        throw new QueryError(
          `Trino sent an answer that is not a query result: ${
            (error as Error).message
          }`,
        );
      }
    }
  }

  private failure(page: QueryResults): TrinoQueryError {
    const { message, errorName } = page.error!;
    return new TrinoQueryError(
      `Trino query ${page.id} failed${
        errorName ? ` (${errorName})` : ''
      }: ${message}`,
      page.id,
      errorName,
    );
  }

  /** Best effort: the query ends on the server anyway when its client is gone. */
  private async cancel(nextUri: string): Promise<void> {
    await this.fetch(nextUri, {
      method: 'DELETE',
      headers: this.headers(),
      signal: AbortSignal.timeout(5000),
    }).catch(() => undefined);
  }
}
