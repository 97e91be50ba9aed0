/**
 * The Athena engine against moto's server. moto does not run SQL: results are seeded
 * through its `/moto-api/static/athena/query-results` queue (each started query takes
 * the next one), and query states are driven by its state manager (`athena::execution`,
 * QUEUED → RUNNING → SUCCEEDED; StopQueryExecution sets CANCELLED). What moto cannot
 * produce — a FAILED query, and GetQueryResults pages (it ignores MaxResults and
 * NextToken and returns every row at once) — is answered by a middleware on the real
 * SDK client at our own edge, with the rest of the call still going to moto.
 */
import {
  AthenaClient,
  CreateWorkGroupCommand,
  GetQueryExecutionCommand,
  ListQueryExecutionsCommand,
  StopQueryExecutionCommand,
  type ColumnInfo,
  type GetQueryExecutionCommandOutput,
  type GetQueryResultsCommandInput,
  type GetQueryResultsCommandOutput,
  type Row,
  type StartQueryExecutionCommandOutput,
} from '@aws-sdk/client-athena';
import { awsClientConfig, type AwsSettings } from '../aws/clientConfig';
import {
  startMotoServer,
  type MotoServer,
} from '../aws/__testUtils__/motoServer';
import {
  AthenaQueryEngine,
  AthenaQueryError,
  type AthenaQueryEngineOptions,
} from './athena';
import { QueryError } from './engine';

jest.setTimeout(60_000);

const WORKGROUP = 'medallion';

let server: MotoServer;
let aws: AwsSettings;
const clients: AthenaClient[] = [];

interface Call {
  command: string;
  input: Record<string, unknown>;
  output: unknown;
  at: number;
}

/** A real client on moto that records every command it sends. */
function recordingClient(onCall?: (call: Call) => void): {
  client: AthenaClient;
  calls: Call[];
} {
  const client = new AthenaClient(awsClientConfig(aws));
  clients.push(client);
  const calls: Call[] = [];
  client.middlewareStack.add(
    (next, context) => async args => {
      const result = await next(args);
      const call = {
        command: context.commandName ?? '?',
        input: { ...args.input },
        output: result.output,
        at: Date.now(),
      };
      calls.push(call);
      onCall?.(call);
      return result;
    },
    { step: 'initialize', name: 'recordCalls' },
  );
  return { client, calls };
}

/** What a recorded command answered, as the caller knows its type. */
const outputOf = <T>(call: Call | undefined) => call?.output as T;

const commands = (calls: Call[], name: string) =>
  calls.filter(c => c.command === `${name}Command`);

function engine(
  client: AthenaClient,
  options: Partial<AthenaQueryEngineOptions> = {},
) {
  return new AthenaQueryEngine({
    aws,
    workgroup: WORKGROUP,
    client,
    pollIntervalMs: 10,
    maxPollIntervalMs: 40,
    timeoutMs: 20_000,
    ...options,
  });
}

async function motoApi(path: string, body: unknown) {
  const res = await fetch(`${server.endpoint}/moto-api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`moto ${path}: ${res.status}`);
}

/** Queues canned results; the next started queries take them in order. */
const seedResults = (
  ...results: Array<{ rows: Row[]; column_info: ColumnInfo[] }>
) => motoApi('static/athena/query-results', { region: server.region, results });

/** moto advances a query one state per `times` GetQueryExecution calls. */
const advanceEvery = (times: number) =>
  motoApi('state-manager/set-transition', {
    model_name: 'athena::execution',
    transition: { progression: 'manual', times },
  });

const row = (...values: Array<string | undefined>): Row => ({
  Data: values.map(v => (v === undefined ? {} : { VarCharValue: v })),
});

const header = (columns: ColumnInfo[]) => row(...columns.map(c => c.Name));

const TYPED_COLUMNS: ColumnInfo[] = [
  { Name: 'id', Label: 'id', Type: 'bigint', Nullable: 'NOT_NULL' },
  { Name: 'amount', Type: 'decimal', Precision: 12, Scale: 2 },
  { Name: 'qty', Type: 'integer' },
  { Name: 'score', Type: 'double' },
  { Name: 'ok', Type: 'boolean' },
  { Name: 'day', Type: 'date' },
  { Name: 'at', Type: 'timestamp' },
  { Name: 'note', Type: 'varchar' },
];

const COUNTED_COLUMNS: ColumnInfo[] = [
  { Name: 'n', Type: 'integer' },
  { Name: 'label', Type: 'varchar' },
];
const counted = (count: number) => [
  header(COUNTED_COLUMNS),
  ...Array.from({ length: count }, (_, i) => row(String(i), `row ${i}`)),
];

beforeAll(async () => {
  server = await startMotoServer();
  aws = { region: server.region, endpoint: server.endpoint };
});

beforeEach(async () => {
  const { client } = recordingClient();
  await client.send(
    new CreateWorkGroupCommand({ Name: WORKGROUP, Configuration: {} }),
  );
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await motoApi('state-manager/unset-transition', {
    model_name: 'athena::execution',
  });
  await server.reset();
});

afterAll(async () => {
  await server?.stop();
});

describe('AthenaQueryEngine on moto', () => {
  it('starts a query, polls it to SUCCEEDED and returns typed rows', async () => {
    await advanceEvery(1); // QUEUED, then RUNNING, then SUCCEEDED on the polls
    await seedResults({
      column_info: TYPED_COLUMNS,
      rows: [
        header(TYPED_COLUMNS),
        row(
          '9007199254740993',
          '12.50',
          '3',
          '0.25',
          'true',
          '2026-01-31',
          '2026-01-31 10:00:00.000',
          'first',
        ),
        row('2', undefined, undefined, 'NaN', 'false', undefined, undefined),
      ],
    });
    const { client, calls } = recordingClient();
    const athena = engine(client, {
      database: 'gold',
      outputLocation: 's3://results/athena/',
    });

    const result = await athena.query('SELECT * FROM gold.purchases');

    expect(result.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'amount', type: 'DECIMAL(12, 2)' },
      { name: 'qty', type: 'INTEGER' },
      { name: 'score', type: 'DOUBLE' },
      { name: 'ok', type: 'BOOLEAN' },
      { name: 'day', type: 'DATE' },
      { name: 'at', type: 'TIMESTAMP' },
      { name: 'note', type: 'VARCHAR' },
    ]);
    expect(result.rows).toEqual([
      {
        id: '9007199254740993',
        amount: '12.50',
        qty: 3,
        score: 0.25,
        ok: true,
        day: '2026-01-31',
        at: '2026-01-31T10:00:00.000',
        note: 'first',
      },
      {
        id: '2',
        amount: null,
        qty: null,
        score: 'NaN',
        ok: false,
        day: null,
        at: null,
        note: null,
      },
    ]);
    expect(result.truncated).toBe(false);

    const [start, ...more] = commands(calls, 'StartQueryExecution');
    expect(more).toEqual([]);
    expect(start!.input).toEqual({
      QueryString: 'SELECT * FROM gold.purchases',
      WorkGroup: WORKGROUP,
      ClientRequestToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
      QueryExecutionContext: { Catalog: 'AwsDataCatalog', Database: 'gold' },
      ResultConfiguration: { OutputLocation: 's3://results/athena/' },
    });
    const id =
      outputOf<StartQueryExecutionCommandOutput>(start).QueryExecutionId;
    const polls = commands(calls, 'GetQueryExecution');
    expect(polls.map(p => p.input.QueryExecutionId)).toEqual([id, id]);
    expect(
      polls.map(
        p => outputOf<GetQueryExecutionCommandOutput>(p).QueryExecution?.Status,
      ),
    ).toEqual([
      expect.objectContaining({ State: 'RUNNING' }),
      expect.objectContaining({ State: 'SUCCEEDED' }),
    ]);
    expect(commands(calls, 'GetQueryResults').map(c => c.input)).toEqual([
      { QueryExecutionId: id, MaxResults: 1000 },
    ]);
    await athena.close();
  });

  it('backs off exponentially between polls', async () => {
    await advanceEvery(2); // four polls to SUCCEEDED
    const { client, calls } = recordingClient();
    const started = Date.now();
    await engine(client, { pollIntervalMs: 60, maxPollIntervalMs: 240 }).query(
      'SELECT 1',
    );
    const polls = commands(calls, 'GetQueryExecution').map(c => c.at);
    expect(polls).toHaveLength(4);
    // Waits of 60, 120, 240, 240 ms (timers never fire early; a few ms of slack for
    // the clock the test reads).
    expect(polls[0]! - started).toBeGreaterThanOrEqual(55);
    expect(polls[1]! - polls[0]!).toBeGreaterThanOrEqual(115);
    expect(polls[2]! - polls[1]!).toBeGreaterThanOrEqual(235);
    expect(polls[3]! - polls[2]!).toBeGreaterThanOrEqual(235);
  });

  it('omits ResultConfiguration when the workgroup owns the result location', async () => {
    const { client, calls } = recordingClient();
    await engine(client, { catalog: 'other' }).query('SELECT 1');
    const [start] = commands(calls, 'StartQueryExecution');
    expect(start!.input.ResultConfiguration).toBeUndefined();
    expect(start!.input.QueryExecutionContext).toEqual({ Catalog: 'other' });
  });

  it('returns no rows and no columns for an unseeded query', async () => {
    const { client } = recordingClient();
    await expect(engine(client).query('SELECT 1')).resolves.toEqual({
      columns: [],
      rows: [],
      truncated: false,
    });
  });

  it('keeps a first row that is not the header (DDL and utility results)', async () => {
    const columns = [{ Name: 'tab_name', Type: 'string' }];
    await seedResults({
      column_info: columns,
      rows: [row('purchases'), row('sessions')],
    });
    const { client } = recordingClient();
    const result = await engine(client).query('SHOW TABLES IN gold');
    expect(result.rows).toEqual([
      { tab_name: 'purchases' },
      { tab_name: 'sessions' },
    ]);
  });

  it('applies the limit to a result of more than 1000 rows and says when it cut', async () => {
    const result = { column_info: COUNTED_COLUMNS, rows: counted(1500) };
    await seedResults(result, result, result, result);
    const { client, calls } = recordingClient();
    const athena = engine(client);

    const defaultLimit = await athena.query('SELECT * FROM t');
    expect(defaultLimit.rows).toHaveLength(1000);
    expect(defaultLimit.rows[0]).toEqual({ n: 0, label: 'row 0' });
    expect(defaultLimit.rows[999]).toEqual({ n: 999, label: 'row 999' });
    expect(defaultLimit.truncated).toBe(true);

    const wide = await athena.query('SELECT * FROM t', { limit: 1200 });
    expect(wide.rows).toHaveLength(1200);
    expect(wide.rows[1199]).toEqual({ n: 1199, label: 'row 1199' });
    expect(wide.truncated).toBe(true);

    const all = await athena.query('SELECT * FROM t', { limit: 5000 });
    expect(all.rows).toHaveLength(1500);
    expect(all.rows[1499]).toEqual({ n: 1499, label: 'row 1499' });
    expect(all.truncated).toBe(false);

    const none = await athena.query('SELECT * FROM t', { limit: 0 });
    expect(none).toEqual({
      columns: [
        { name: 'n', type: 'INTEGER' },
        { name: 'label', type: 'VARCHAR' },
      ],
      rows: [],
      truncated: true,
    });

    const reads = commands(calls, 'GetQueryResults');
    // Pages are asked for as large as needed (header + limit + 1), at most 1000
    // rows; moto ignores MaxResults and returns the whole result in one page.
    expect(reads.map(r => r.input.MaxResults)).toEqual([1000, 1000, 1000, 2]);
    expect(
      reads.map(
        r => outputOf<GetQueryResultsCommandOutput>(r).ResultSet?.Rows?.length,
      ),
    ).toEqual([1501, 1501, 1501, 1501]);
  });

  it('follows NextToken over pages (paged by a fake at our edge: moto does not page)', async () => {
    const columns: ColumnInfo[] = [
      { Name: 'a', Type: 'varchar' },
      { Name: 'b', Type: 'varchar' },
    ];
    const data = Array.from({ length: 2500 }, (_, i) =>
      // The first row of the second page looks exactly like the header: it is data.
      i === 999 ? row('a', 'b') : row(`a${i}`, String(i)),
    );
    const all = [header(columns), ...data];
    const { client, calls } = recordingClient();
    client.middlewareStack.add(
      (next, context) => async args => {
        if (context.commandName !== 'GetQueryResultsCommand') return next(args);
        const input = args.input as GetQueryResultsCommandInput;
        const from = Number(input.NextToken ?? 0);
        const to = Math.min(all.length, from + (input.MaxResults ?? 1000));
        const output: GetQueryResultsCommandOutput = {
          $metadata: {},
          ResultSet: {
            Rows: all.slice(from, to),
            ResultSetMetadata: { ColumnInfo: columns },
          },
          NextToken: to < all.length ? String(to) : undefined,
        };
        return { output, response: {} };
      },
      { step: 'initialize', name: 'pagedResults', priority: 'low' },
    );
    const athena = engine(client);
    const pages = () =>
      commands(calls.splice(0), 'GetQueryResults').map(c => [
        c.input.NextToken,
        c.input.MaxResults,
      ]);

    const everything = await athena.query('SELECT a, b FROM t', {
      limit: 10_000,
    });
    expect(everything.rows).toHaveLength(2500);
    expect(everything.rows[0]).toEqual({ a: 'a0', b: '0' });
    expect(everything.rows[998]).toEqual({ a: 'a998', b: '998' });
    expect(everything.rows[999]).toEqual({ a: 'a', b: 'b' });
    expect(everything.rows[1000]).toEqual({ a: 'a1000', b: '1000' });
    expect(everything.rows[2499]).toEqual({ a: 'a2499', b: '2499' });
    expect(everything.truncated).toBe(false);
    expect(pages()).toEqual([
      [undefined, 1000],
      ['1000', 1000],
      ['2000', 1000],
    ]);

    // Exactly at a page boundary: one more small page shows more rows exist.
    const boundary = await athena.query('SELECT a, b FROM t', { limit: 1999 });
    expect(boundary.rows).toHaveLength(1999);
    expect(boundary.rows[1998]).toEqual({ a: 'a1998', b: '1998' });
    expect(boundary.truncated).toBe(true);
    expect(pages()).toEqual([
      [undefined, 1000],
      ['1000', 1000],
      ['2000', 1],
    ]);

    const exact = await athena.query('SELECT a, b FROM t', { limit: 2500 });
    expect(exact.rows).toHaveLength(2500);
    expect(exact.truncated).toBe(false);

    const small = await athena.query('SELECT a, b FROM t', { limit: 5 });
    expect(small.rows.map(r => r.b)).toEqual(['0', '1', '2', '3', '4']);
    expect(small.truncated).toBe(true);
    expect(pages().slice(-1)).toEqual([[undefined, 7]]);
  });

  it('stops the query on Athena when the caller aborts while it runs', async () => {
    await advanceEvery(1_000_000); // stays QUEUED
    const controller = new AbortController();
    const { client, calls } = recordingClient(call => {
      if (call.command === 'GetQueryExecutionCommand') controller.abort();
    });
    const error = await engine(client)
      .query('SELECT * FROM big', { signal: controller.signal })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AthenaQueryError);
    expect(error).toBeInstanceOf(QueryError);
    const { details, message } = error as AthenaQueryError;
    expect(message).toBe(
      `Athena query ${details.queryExecutionId} was cancelled`,
    );
    expect(details.state).toBe('QUEUED');
    expect(commands(calls, 'StopQueryExecution').map(c => c.input)).toEqual([
      { QueryExecutionId: details.queryExecutionId },
    ]);
    expect(commands(calls, 'GetQueryExecution')).toHaveLength(1);
    const { QueryExecution } = await client.send(
      new GetQueryExecutionCommand({
        QueryExecutionId: details.queryExecutionId,
      }),
    );
    expect(QueryExecution?.Status?.State).toBe('CANCELLED');
  });

  it('wakes from a long poll wait when aborted', async () => {
    await advanceEvery(1_000_000);
    const controller = new AbortController();
    const { client, calls } = recordingClient(call => {
      if (call.command === 'StartQueryExecutionCommand')
        setTimeout(() => controller.abort(), 50);
    });
    const started = Date.now();
    await expect(
      engine(client, { pollIntervalMs: 30_000 }).query('SELECT 1', {
        signal: controller.signal,
      }),
    ).rejects.toThrow(/was cancelled/);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(commands(calls, 'GetQueryExecution')).toEqual([]);
    const [stop] = commands(calls, 'StopQueryExecution');
    const { QueryExecution } = await client.send(
      new GetQueryExecutionCommand({
        QueryExecutionId: String(stop!.input.QueryExecutionId),
      }),
    );
    expect(QueryExecution?.Status?.State).toBe('CANCELLED');
  });

  it('does not start a query whose signal is already aborted', async () => {
    const { client, calls } = recordingClient();
    await expect(
      engine(client).query('SELECT 1', { signal: AbortSignal.abort() }),
    ).rejects.toThrow('the query was cancelled before it started');
    expect(calls).toEqual([]);
    const { QueryExecutionIds } = await client.send(
      new ListQueryExecutionsCommand({}),
    );
    expect(QueryExecutionIds).toEqual([]);
  });

  it('stops a query that outlives the timeout', async () => {
    await advanceEvery(1_000_000);
    const { client, calls } = recordingClient();
    const error = await engine(client, { timeoutMs: 300 })
      .query('SELECT * FROM big')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AthenaQueryError);
    const { details, message } = error as AthenaQueryError;
    expect(message).toBe(
      `Athena query ${details.queryExecutionId} timed out after 300 ms (still QUEUED)`,
    );
    expect(commands(calls, 'StopQueryExecution')).toHaveLength(1);
    expect(commands(calls, 'GetQueryExecution').length).toBeGreaterThan(1);
    const { QueryExecution } = await client.send(
      new GetQueryExecutionCommand({
        QueryExecutionId: details.queryExecutionId,
      }),
    );
    expect(QueryExecution?.Status?.State).toBe('CANCELLED');
  });

  it('reports a query someone else cancelled', async () => {
    await advanceEvery(1_000_000);
    const { client: other } = recordingClient();
    const { client, calls } = recordingClient(call => {
      if (call.command === 'StartQueryExecutionCommand')
        void other.send(
          new StopQueryExecutionCommand({
            QueryExecutionId:
              outputOf<StartQueryExecutionCommandOutput>(call).QueryExecutionId,
          }),
        );
    });
    const error = await engine(client, { pollIntervalMs: 100 })
      .query('SELECT 1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AthenaQueryError);
    expect((error as AthenaQueryError).message).toMatch(
      /^Athena query [0-9a-f-]+ was cancelled$/,
    );
    expect((error as AthenaQueryError).details.state).toBe('CANCELLED');
    expect(commands(calls, 'StopQueryExecution')).toEqual([]);
    expect(commands(calls, 'GetQueryResults')).toEqual([]);
  });

  it('names an unknown workgroup', async () => {
    const { client } = recordingClient();
    await expect(
      engine(client, { workgroup: 'no-such-group' }).query('SELECT 1'),
    ).rejects.toThrow(
      'Athena did not start the query in workgroup "no-such-group": InvalidRequestException: WorkGroup does not exist',
    );
  });

  it("maps a FAILED query to Athena's reason and error codes (FAILED faked at our edge: moto never fails a query)", async () => {
    const { client, calls } = recordingClient();
    client.middlewareStack.add(
      (next, context) => async args => {
        const result = await next(args);
        if (context.commandName !== 'GetQueryExecutionCommand') return result;
        const real = result.output as GetQueryExecutionCommandOutput;
        const output: GetQueryExecutionCommandOutput = {
          ...real,
          QueryExecution: {
            ...real.QueryExecution,
            Status: {
              State: 'FAILED',
              StateChangeReason:
                "COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved",
              AthenaError: {
                ErrorCategory: 2,
                ErrorType: 1006,
                Retryable: false,
                ErrorMessage: "Column 'nope' cannot be resolved",
              },
            },
          },
        };
        return { ...result, output };
      },
      { step: 'initialize', name: 'failQuery', priority: 'low' },
    );
    const error = await engine(client)
      .query('SELECT nope FROM t')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AthenaQueryError);
    const { details, message } = error as AthenaQueryError;
    const [start] = commands(calls, 'StartQueryExecution');
    expect(details).toEqual({
      queryExecutionId:
        outputOf<StartQueryExecutionCommandOutput>(start).QueryExecutionId,
      state: 'FAILED',
      errorCategory: 2,
      errorType: 1006,
      retryable: false,
    });
    expect(message).toBe(
      `Athena query ${details.queryExecutionId} failed: COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved [error category 2 (user), error type 1006]`,
    );
    expect(commands(calls, 'GetQueryResults')).toEqual([]);
    expect(commands(calls, 'StopQueryExecution')).toEqual([]);
  });

  it('rejects a value that does not parse as its column type, naming the query', async () => {
    await seedResults({
      column_info: [{ Name: 'n', Type: 'integer' }],
      rows: [row('n'), row('12x')],
    });
    const { client } = recordingClient();
    await expect(engine(client).query('SELECT n FROM t')).rejects.toThrow(
      /^Athena query [0-9a-f-]+: Athena returned "12x", which is not a valid integer$/,
    );
  });

  it('destroys only a client it created', async () => {
    const { client } = recordingClient();
    const destroy = jest.spyOn(AthenaClient.prototype, 'destroy');
    try {
      await engine(client).close();
      const own = new AthenaQueryEngine({
        aws,
        workgroup: WORKGROUP,
        pollIntervalMs: 10,
      });
      const result = await own.query('SELECT 1');
      const before = destroy.mock.contexts.length;
      await own.close();
      // One report, so a failure shows every part of it.
      expect({
        injectedDestroyed: destroy.mock.contexts.includes(client),
        destroyedByClose: destroy.mock.contexts.length - before,
        rows: result.rows,
      }).toEqual({ injectedDestroyed: false, destroyedByClose: 1, rows: [] });
    } finally {
      destroy.mockRestore();
    }
  });
});
