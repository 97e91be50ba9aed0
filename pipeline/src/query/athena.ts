/**
 * Athena behind the QueryEngine interface: start the query in a workgroup, poll its
 * state with exponential backoff until it ends, then page through GetQueryResults up
 * to the row limit. Cancellation (the caller's AbortSignal) and our timeout stop the
 * query on Athena too, so an abandoned query does not keep scanning (and billing).
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type QueryExecution,
  type Row,
} from '@aws-sdk/client-athena';
import { awsClientConfig, type AwsSettings } from '../aws/clientConfig';
import { athenaColumn, athenaRow, isHeaderRow } from './athenaValues';
import { trinoDialect } from './dialect';
import {
  QueryError,
  type QueryColumn,
  type QueryEngine,
  type QueryOptions,
  type QueryResult,
} from './engine';

export interface AthenaQueryEngineOptions {
  aws: AwsSettings;
  workgroup: string;
  /** Where Athena writes results (s3://…); omit when the workgroup enforces its own. */
  outputLocation?: string;
  /** Default AwsDataCatalog (Glue). */
  catalog?: string;
  /** Database that unqualified table names resolve in. */
  database?: string;
  /** Delay before the first state poll; each further delay doubles. Default 250 ms. */
  pollIntervalMs?: number;
  /** Upper bound of the poll delay. Default 5 s. */
  maxPollIntervalMs?: number;
  /** From start to completion; the query is stopped when it runs longer. Default 10 min. */
  timeoutMs?: number;
  /** A client to use (not destroyed by close()); default one built from `aws`. */
  client?: AthenaClient;
}

export interface AthenaQueryErrorDetails {
  queryExecutionId?: string;
  /** Athena's state when we gave up: FAILED, CANCELLED, or QUEUED/RUNNING on timeout. */
  state?: string;
  /** 1 system, 2 user, 3 other (Athena's AthenaError.ErrorCategory). */
  errorCategory?: number;
  /** Athena's error type code, see the Athena error type reference. */
  errorType?: number;
  retryable?: boolean;
}

/** A QueryError that also says which Athena query it was and how it ended. */
export class AthenaQueryError extends QueryError {
  readonly details: AthenaQueryErrorDetails;

  constructor(message: string, details: AthenaQueryErrorDetails = {}) {
    super(message);
    this.name = 'AthenaQueryError';
    this.details = details;
  }
}

/** GetQueryResults' largest page. */
const MAX_PAGE_ROWS = 1000;

const ERROR_CATEGORIES: Record<number, string> = {
  1: 'system',
  2: 'user',
  3: 'other',
};

const errorText = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** Waits, returning early (without throwing) when the signal aborts. */
async function pause(ms: number, signal: AbortSignal | undefined) {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (!signal?.aborted) throw error;
  }
}

function failure(id: string, execution: QueryExecution): AthenaQueryError {
  const status = execution.Status ?? {};
  const athenaError = status.AthenaError ?? {};
  const reason =
    status.StateChangeReason ?? athenaError.ErrorMessage ?? 'no reason given';
  const category = athenaError.ErrorCategory;
  const codes = [
    category === undefined
      ? undefined
      : `error category ${category} (${
          ERROR_CATEGORIES[category] ?? 'unknown'
        })`,
    athenaError.ErrorType === undefined
      ? undefined
      : `error type ${athenaError.ErrorType}`,
  ].filter(Boolean);
  return new AthenaQueryError(
    `Athena query ${id} failed: ${reason}${
      codes.length ? ` [${codes.join(', ')}]` : ''
    }`,
    {
      queryExecutionId: id,
      state: 'FAILED',
      errorCategory: category,
      errorType: athenaError.ErrorType,
      retryable: athenaError.Retryable,
    },
  );
}

export class AthenaQueryEngine implements QueryEngine {
  /** Athena engine v3 speaks Trino's SQL. */
  readonly dialect = trinoDialect;
  private readonly client: AthenaClient;
  private readonly ownsClient: boolean;

  constructor(private readonly options: AthenaQueryEngineOptions) {
    this.ownsClient = !options.client;
    this.client =
      options.client ?? new AthenaClient(awsClientConfig(options.aws));
  }

  async query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const { limit = 1000, signal } = options;
    if (!Number.isInteger(limit) || limit < 0)
      throw new QueryError(`limit must be a whole number ≥ 0, got ${limit}`);
    if (signal?.aborted)
      throw new AthenaQueryError('the query was cancelled before it started');
    const id = await this.start(sql);
    await this.waitUntilSucceeded(id, signal);
    return this.readResults(id, limit, signal);
  }

  async close(): Promise<void> {
    if (this.ownsClient) this.client.destroy();
  }

  private async start(sql: string): Promise<string> {
    const {
      workgroup,
      outputLocation,
      catalog = 'AwsDataCatalog',
      database,
    } = this.options;
    let id: string | undefined;
    try {
      ({ QueryExecutionId: id } = await this.client.send(
        new StartQueryExecutionCommand({
          QueryString: sql,
          WorkGroup: workgroup,
          // Makes the start idempotent: an SDK retry after a lost response finds the
          // query already started instead of running it a second time.
          ClientRequestToken: randomUUID(),
          QueryExecutionContext: {
            Catalog: catalog,
            ...(database ? { Database: database } : {}),
          },
          ...(outputLocation
            ? { ResultConfiguration: { OutputLocation: outputLocation } }
            : {}),
        }),
      ));
    } catch (error) {
      throw new AthenaQueryError(
        `Athena did not start the query in workgroup "${workgroup}": ${errorText(
          error,
        )}`,
      );
    }
    if (!id)
      throw new AthenaQueryError(
        `Athena returned no query execution id (workgroup "${workgroup}")`,
      );
    return id;
  }

  private async waitUntilSucceeded(
    id: string,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const {
      pollIntervalMs = 250,
      maxPollIntervalMs = 5000,
      timeoutMs = 10 * 60_000,
    } = this.options;
    const deadline = Date.now() + timeoutMs;
    let wait = pollIntervalMs;
    let state = 'QUEUED';
    for (;;) {
      await pause(Math.min(wait, Math.max(0, deadline - Date.now())), signal);
      wait = Math.min(wait * 2, maxPollIntervalMs);
      if (signal?.aborted)
        throw await this.abandon(id, state, `Athena query ${id} was cancelled`);
      if (Date.now() >= deadline)
        throw await this.abandon(
          id,
          state,
          `Athena query ${id} timed out after ${timeoutMs} ms (still ${state})`,
        );
      let execution: QueryExecution | undefined;
      try {
        ({ QueryExecution: execution } = await this.client.send(
          new GetQueryExecutionCommand({ QueryExecutionId: id }),
        ));
      } catch (error) {
        throw await this.abandon(
          id,
          state,
          `Athena query ${id}: reading its state failed: ${errorText(error)}`,
        );
      }
      state = execution?.Status?.State ?? state;
      if (state === 'SUCCEEDED') return;
      if (state === 'FAILED') throw failure(id, execution ?? {});
      if (state === 'CANCELLED')
        throw new AthenaQueryError(
          `Athena query ${id} was cancelled${
            execution?.Status?.StateChangeReason
              ? `: ${execution.Status.StateChangeReason}`
              : ''
          }`,
          { queryExecutionId: id, state },
        );
    }
  }

  /** Stops a query we no longer wait for; the error to throw says whether that worked. */
  private async abandon(
    id: string,
    state: string,
    message: string,
  ): Promise<AthenaQueryError> {
    try {
      await this.client.send(
        new StopQueryExecutionCommand({ QueryExecutionId: id }),
      );
      return new AthenaQueryError(message, { queryExecutionId: id, state });
    } catch (error) {
      return new AthenaQueryError(
        `${message}; stopping it failed: ${errorText(error)}`,
        { queryExecutionId: id, state },
      );
    }
  }

  private async readResults(
    id: string,
    limit: number,
    signal: AbortSignal | undefined,
  ): Promise<QueryResult> {
    let columns: QueryColumn[] | undefined;
    // One row beyond the limit tells whether the result was cut.
    const raw: Row[] = [];
    let nextToken: string | undefined;
    do {
      if (signal?.aborted)
        throw new AthenaQueryError(
          `Athena query ${id} was cancelled while reading its results`,
          { queryExecutionId: id, state: 'SUCCEEDED' },
        );
      const firstPage = columns === undefined;
      let page;
      try {
        page = await this.client.send(
          new GetQueryResultsCommand({
            QueryExecutionId: id,
            NextToken: nextToken,
            // +1 on the first page for the header row SELECT results start with.
            MaxResults: Math.min(
              MAX_PAGE_ROWS,
              limit + 1 - raw.length + (firstPage ? 1 : 0),
            ),
          }),
        );
      } catch (error) {
        throw new AthenaQueryError(
          `Athena query ${id}: reading its results failed: ${errorText(error)}`,
          { queryExecutionId: id, state: 'SUCCEEDED' },
        );
      }
      const pageColumns = (columns ??= (
        page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []
      ).map(athenaColumn));
      const rows = page.ResultSet?.Rows ?? [];
      const from =
        firstPage && rows[0] && isHeaderRow(rows[0], pageColumns) ? 1 : 0;
      // A page may hold more rows than asked for (moto ignores MaxResults).
      for (const row of rows.slice(from, from + limit + 1 - raw.length))
        raw.push(row);
      nextToken = page.NextToken;
    } while (nextToken && raw.length <= limit);
    const cols = columns ?? [];
    let rows;
    try {
      rows = raw.slice(0, limit).map(r => athenaRow(r, cols));
    } catch (error) {
      // A value that does not parse as its column's type.
      const text = error instanceof Error ? error.message : String(error);
      throw new AthenaQueryError(`Athena query ${id}: ${text}`, {
        queryExecutionId: id,
        state: 'SUCCEEDED',
      });
    }
    return { columns: cols, rows, truncated: raw.length > limit };
  }
}
