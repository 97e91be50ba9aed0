/**
 * The plugin end to end over the real pipeline: the test Kafka broker, a temporary
 * Iceberg warehouse and the run records in SQLite and in PostgreSQL. The demo producer
 * is triggered over HTTP, the bronze ingester runs as the plugin's long-running job,
 * silver on its schedule; every response is checked against the OpenAPI document.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  JobRun,
  JobsResponse,
  LineageGraph,
  RunsPage,
  TableDetail,
  TablesResponse,
} from '@medallion/plugin-lakehouse-common';
import { FEATURES } from '@medallion/pipeline';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import {
  startLakehouseBackend,
  type LakehouseTestBackend,
} from './__testUtils__/lakehouseTestBackend';
import {
  coveredResponses,
  documentedOperations,
  expectResponseToMatchSpec,
} from './__testUtils__/openApiValidator';
import { loadSpecValidator } from './openlineage/__testUtils__/openLineageSpec';
import {
  RUN_DATABASE_IDS,
  setupRunDatabases,
} from './runs/__testUtils__/runDatabases';

jest.setTimeout(180_000);

const databases = setupRunDatabases();
const user = mockCredentials.user.header();

function api(backend: LakehouseTestBackend) {
  const checked = async (req: request.Test) => {
    const res = await req;
    expectResponseToMatchSpec(res);
    expect(JSON.stringify(res.body)).not.toMatch(/"stack"/);
    return res;
  };
  return {
    get: (path: string) =>
      checked(
        request(backend.server)
          .get(`/api/lakehouse${path}`)
          .set('Authorization', user),
      ),
    post: (path: string, body: object = {}) =>
      checked(
        request(backend.server)
          .post(`/api/lakehouse${path}`)
          .set('Authorization', user)
          .send(body),
      ),
  };
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

/** A stand-in OpenLineage endpoint (e.g. Marquez): records what the backend posts. */
async function startLineageReceiver() {
  const received: Array<{
    path: string;
    auth?: string;
    event: { eventType: string; run: { runId: string } };
  }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        auth: req.headers.authorization,
        event: JSON.parse(body),
      });
      res.writeHead(201).end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe.each(RUN_DATABASE_IDS)('lakehouse backend on %s', databaseId => {
  let backend: LakehouseTestBackend;
  let lineageEndpoint: Awaited<ReturnType<typeof startLineageReceiver>>;

  beforeAll(async () => {
    const { knex } = await databases.create(databaseId);
    lineageEndpoint = await startLineageReceiver();
    backend = await startLakehouseBackend({
      knex,
      lakehouse: {
        openLineage: { url: lineageEndpoint.url, apiKey: 'lineage-key' },
        jobs: {
          producer: { enabled: true },
          bronze: { enabled: true },
          silver: { schedule: { frequency: { seconds: 2 } } },
          maintenance: {
            schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
          },
          gold: {
            schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
          },
          scoring: {
            schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
          },
          training: {
            minRows: 100,
            schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
          },
        },
      },
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await lineageEndpoint?.close();
  });

  it('streams produced events through bronze and silver and serves them', async () => {
    const http = api(backend);
    const health = await request(backend.server).get('/api/lakehouse/health');
    expectResponseToMatchSpec(health);

    // The producer, triggered like Airflow would: idempotent by key.
    const params = {
      count: 400,
      maxSpeed: true,
      seed: 'it-1',
      malformedRate: 0.05,
    };
    const first = await http.post('/jobs/producer/runs', {
      params,
      idempotencyKey: 'produce-1',
    });
    expect(first.status).toBe(202);
    expect(first.headers.location).toBe(
      `/api/lakehouse/runs/${first.body.runId}`,
    );
    const again = await http.post('/jobs/producer/runs', {
      params,
      idempotencyKey: 'produce-1',
    });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({
      runId: first.body.runId,
      existing: true,
    });
    const otherParams = await http.post('/jobs/producer/runs', {
      params: { ...params, seed: 'other' },
      idempotencyKey: 'produce-1',
    });
    expect(otherParams.status).toBe(409);

    const produced = await eventually(
      'the producer run to succeed',
      async () => {
        const res = await http.get(`/runs/${first.body.runId}`);
        const run = res.body as JobRun;
        if (run.status === 'failed')
          throw new Error(`producer failed: ${run.error}`);
        return run.status === 'succeeded' ? run : undefined;
      },
    );
    expect(produced.output?.rows.sent).toBe(400);
    expect(produced.trigger).toBe('user');
    expect(produced.triggeredBy).toBe('user:default/mock');

    // Bronze (long-running, started with the plugin) and silver (scheduled) catch up.
    const tables = await eventually('silver to hold every event', async () => {
      const res = await http.get('/tables');
      const byId = new Map(
        (res.body as TablesResponse).tables.map(t => [t.id, t]),
      );
      const silver =
        (byId.get('silver.purchases')?.rows ?? 0) +
        (byId.get('silver.purchases_rejected')?.rows ?? 0);
      return byId.get('bronze.purchases_raw')?.rows === 400 && silver === 400
        ? byId
        : undefined;
    });
    expect(tables.get('silver.purchases_rejected')!.rows).toBeGreaterThan(0);

    const detail = (await http.get('/tables/silver/purchases'))
      .body as TableDetail;
    expect(detail.schema.fields.map(f => f.name)).toContain('event_id');
    expect(detail.schemaHistory.length).toBeGreaterThanOrEqual(1);
    expect(detail.partitionSpec.fields.length).toBeGreaterThan(0);
    expect(detail.rows).toBe(tables.get('silver.purchases')!.rows);

    // Snapshot paging: one per page, newest first, every snapshot exactly once.
    const snapshotIds: string[] = [];
    let snapshotCursor: string | null = null;
    let total = 0;
    do {
      const res = await http.get(
        `/tables/bronze/purchases_raw/snapshots?limit=1${
          snapshotCursor ? `&cursor=${encodeURIComponent(snapshotCursor)}` : ''
        }`,
      );
      snapshotIds.push(
        ...res.body.items.map((s: { snapshotId: string }) => s.snapshotId),
      );
      snapshotCursor = res.body.nextCursor;
      total = res.body.total;
    } while (snapshotCursor);
    expect(snapshotIds.length).toBe(total);
    expect(new Set(snapshotIds).size).toBe(total);
    expect(snapshotIds[0]).toBe(
      tables.get('bronze.purchases_raw')!.currentSnapshotId,
    );

    const preview = await http.get('/tables/silver/purchases/preview?limit=3');
    expect(preview.body.rows).toHaveLength(3);
    expect(preview.body.columns.map((c: { name: string }) => c.name)).toContain(
      'event_id',
    );

    const freshness = await http.get('/freshness');
    const silverFreshness = freshness.body.tables.find(
      (t: { table: string }) => t.table === 'silver.purchases',
    );
    expect(silverFreshness.status).toBe('fresh');

    const lineage = (await http.get('/lineage')).body as LineageGraph;
    const silverNode = lineage.nodes.find(n => n.table === 'silver.purchases');
    expect(silverNode?.exists).toBe(true);
    const silverJob = lineage.nodes.find(
      n => n.type === 'job' && n.name.includes('silver'),
    );
    expect(lineage.edges).toContainEqual({
      from: silverJob!.id,
      to: silverNode!.id,
    });

    const metrics = await http.get('/metrics/pipeline?window=600');
    expect(metrics.body.throughput.bronzeEventsPerSecond).toBeGreaterThan(0);
    expect(metrics.body.rejected.rejected).toBe(
      tables.get('silver.purchases_rejected')!.rows,
    );
    expect(metrics.body.consumerLag.records).toBe(0);
    expect(metrics.body.commitLatencyMs.samples).toBeGreaterThan(0);

    // Runs: silver's scheduled runs are recorded; paging walks them without repeats.
    const jobs = (await http.get('/jobs')).body as JobsResponse;
    const bronzeJob = jobs.jobs.find(j => j.name === 'bronze')!;
    expect(bronzeJob.activeRun?.status).toBe('running');
    expect(bronzeJob.activeRun?.trigger).toBe('startup');
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await http.get(
        `/runs?job=silver&status=succeeded&limit=2${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
      );
      const page = res.body as RunsPage;
      for (const run of page.items) {
        expect(seen.has(run.runId)).toBe(false);
        expect(run.job).toBe('silver');
        seen.add(run.runId);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 5);
    expect(seen.size).toBeGreaterThanOrEqual(2);

    // OpenLineage: the producer run's START and COMPLETE reached the local log.
    const events = readFileSync(join(backend.home, 'openlineage.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    const producerEvents = events.filter(e => e.run.runId === first.body.runId);
    expect(producerEvents.map(e => e.eventType)).toEqual(['START', 'COMPLETE']);
    const spec = loadSpecValidator();
    expect(events.flatMap(e => spec.problems(e))).toEqual([]);
    const silverComplete = events.find(
      e => e.eventType === 'COMPLETE' && e.job.name.includes('silver'),
    );
    expect(silverComplete.outputs.length).toBe(2);

    // ... and the configured OpenLineage endpoint, with its API key.
    const posted = await eventually('the events at the endpoint', async () => {
      const mine = lineageEndpoint.received.filter(
        r => r.event.run.runId === first.body.runId,
      );
      return mine.length === 2 ? mine : undefined;
    });
    expect(posted.map(r => [r.path, r.auth, r.event.eventType])).toEqual([
      ['/api/v1/lineage', 'Bearer lineage-key', 'START'],
      ['/api/v1/lineage', 'Bearer lineage-key', 'COMPLETE'],
    ]);
  });

  it('builds gold with dbt from the live silver tables', async () => {
    if (!process.env.MEDALLION_DBT_PYTHON)
      throw new Error(
        'MEDALLION_DBT_PYTHON is not set: npm test prepares the dbt environment (bash scripts/python-env.sh dbt dbt/requirements.txt)',
      );
    const http = api(backend);
    const started = await http.post('/jobs/gold/runs', {
      idempotencyKey: `gold-${databaseId}`,
    });
    expect(started.status).toBe(202);
    const run = await eventually(
      'the gold run to end',
      async () => {
        const r = (await http.get(`/runs/${started.body.runId}`))
          .body as JobRun;
        return ['succeeded', 'failed'].includes(r.status) ? r : undefined;
      },
      170_000,
    );
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(run.output?.rows.testsFailed).toBe(0);
    expect(run.output?.snapshots.map(s => s.table).sort()).toEqual([
      'gold.agg_daily_sales',
      'gold.dim_customers',
      'gold.dim_products',
      'gold.fct_purchases',
      'gold.product_profitability',
    ]);
    const tables = (await http.get('/tables')).body as TablesResponse;
    const rows = (id: string) => tables.tables.find(t => t.id === id)?.rows;

    // dbt's artifacts of that run, served by the API.
    const models = await http.get('/dbt/models');
    expect(models.body.runId).toBe(run.runId);
    expect(models.body.models.map((m: { name: string }) => m.name)).toContain(
      'fct_purchases',
    );
    const fct = await http.get('/dbt/models/fct_purchases');
    expect(fct.body.testHistory[0]).toMatchObject({
      runId: run.runId,
      status: 'success',
    });
    const dbtRuns = await http.get('/dbt/runs?limit=5');
    expect(dbtRuns.body.runs[0]).toMatchObject({
      runId: run.runId,
      status: 'success',
    });
    const freshness = await http.get('/dbt/freshness');
    expect(
      freshness.body.sources.map((s: { source: string }) => s.source),
    ).toContain('silver.purchases');
    const profitability = await http.get('/metrics/profitability');
    expect(profitability.body.rows.length).toBeGreaterThan(0);

    // dbt's model graph in the lineage: silver → dbt stg_purchases → … → gold tables.
    const lineage = (await http.get('/lineage')).body as LineageGraph;
    const fctJob = lineage.nodes.find(
      n => n.name === 'lakehouse.gold_dbt_build.fct_purchases',
    );
    const fctTable = lineage.nodes.find(n => n.table === 'gold.fct_purchases');
    expect(lineage.edges).toContainEqual({
      from: fctJob!.id,
      to: fctTable!.id,
    });
    const stgJob = lineage.nodes.find(
      n => n.name === 'lakehouse.gold_dbt_build.stg_purchases',
    );
    const silverTable = lineage.nodes.find(n => n.table === 'silver.purchases');
    expect(lineage.edges).toContainEqual({
      from: silverTable!.id,
      to: stgJob!.id,
    });
    // Gold was built from silver as it stood when the run began; silver only grows.
    expect(rows('gold.fct_purchases')).toBe(
      run.output?.rows['gold.fct_purchases'],
    );
    expect(rows('gold.fct_purchases')).toBeLessThanOrEqual(
      rows('silver.purchases')!,
    );
    expect(rows('gold.fct_purchases')).toBeGreaterThan(0);
  });

  it('trains the anomaly model, scores every silver purchase and serves the scores', async () => {
    const http = api(backend);
    // Scoring may already run, woken by silver's commits: wait for our own run.
    const runJob = async (job: string, params: object = {}) => {
      const started = await eventually(`a ${job} run to start`, async () => {
        const res = await http.post(`/jobs/${job}/runs`, { params });
        return res.status === 202 ? res : undefined;
      });
      return eventually(`the ${job} run to end`, async () => {
        const r = (await http.get(`/runs/${started.body.runId}`))
          .body as JobRun;
        return ['succeeded', 'failed'].includes(r.status) ? r : undefined;
      });
    };
    const training = await runJob('training', { seed: 3, nEstimators: 50 });
    expect(training.error).toBeNull();
    expect(training.output?.summary).toMatch(/^model v\d+ on \d+ purchases/);
    const model = await http.get('/anomalies/model');
    expect(model.status).toBe(200);
    expect(model.body.current.params).toMatchObject({
      seed: 3,
      nEstimators: 50,
    });

    const scoring = await runJob('scoring');
    expect(scoring.error).toBeNull();
    const tables = (await http.get('/tables')).body as TablesResponse;
    const silverRows = tables.tables.find(
      t => t.id === 'silver.purchases',
    )?.rows;
    const stats = await http.get('/anomalies/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.scored).toBe(silverRows);
    expect(stats.body.quality[0].labelled).toBeGreaterThan(0);
    const all = await http.get('/anomalies?decision=all&limit=5');
    expect(all.body.items).toHaveLength(5);
    const detail = await http.get(`/anomalies/${all.body.items[0].eventId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.features).toHaveLength(FEATURES.length);
    const again = await runJob('scoring');
    expect(again.output?.rows.scored).toBe(0);
  });

  it('cancels a running job, and refuses to cancel it twice', async () => {
    const http = api(backend);
    const started = await http.post('/jobs/producer/runs', {
      params: { rate: 5, durationSeconds: 120 },
    });
    expect(started.status).toBe(202);
    await eventually('the producer to run', async () => {
      const run = (await http.get(`/runs/${started.body.runId}`))
        .body as JobRun;
      return run.status === 'running' ? run : undefined;
    });
    const busy = await http.post('/jobs/producer/runs', { params: {} });
    expect(busy.status).toBe(409);
    expect(busy.body.error.message).toContain(started.body.runId);

    const cancel = await http.post(`/runs/${started.body.runId}/cancel`);
    expect(cancel.status).toBe(202);
    expect(cancel.body.cancelRequested).toBe(true);
    const cancelled = await eventually('the run to be cancelled', async () => {
      const run = (await http.get(`/runs/${started.body.runId}`))
        .body as JobRun;
      return run.status === 'cancelled' ? run : undefined;
    });
    expect(cancelled.finishedAt).not.toBeNull();
    const twice = await http.post(`/runs/${started.body.runId}/cancel`);
    expect(twice.status).toBe(409);

    const events = readFileSync(join(backend.home, 'openlineage.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(line => JSON.parse(line))
      .filter(e => e.run.runId === started.body.runId);
    expect(events.map(e => e.eventType)).toEqual(['START', 'ABORT']);
  });

  it('answers unknown tables, runs and jobs with 404 and bad input with 400', async () => {
    const http = api(backend);
    expect((await http.get('/tables/silver/nope')).status).toBe(404);
    expect((await http.get('/tables/nope/purchases/snapshots')).status).toBe(
      404,
    );
    expect((await http.get('/tables/silver/nope/preview')).status).toBe(404);
    expect(
      (await http.get('/runs/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    expect(
      (await http.post('/runs/00000000-0000-4000-8000-000000000000/cancel'))
        .status,
    ).toBe(404);
    expect((await http.post('/jobs/platinum/runs')).status).toBe(404);
    const badTraining = await http.post('/jobs/training/runs', {
      params: { contamination: 0.9 },
    });
    expect(badTraining.status).toBe(400);
    expect(badTraining.body.error.message).toMatch(/params\.contamination/);
    const badParams = await http.post('/jobs/producer/runs', {
      params: { rate: -1, colour: 'red' },
    });
    expect(badParams.status).toBe(400);
    expect(badParams.body.error.message).toMatch(/params\.rate/);
    expect((await http.get('/runs?limit=0')).status).toBe(400);
    expect((await http.get('/runs?status=done')).status).toBe(400);
    expect((await http.get('/runs?cursor=garbage')).status).toBe(400);
    expect(
      (await http.get('/tables/silver/purchases/snapshots?limit=501')).status,
    ).toBe(400);
    expect(
      (await http.get('/tables/silver/purchases/preview?limit=x')).status,
    ).toBe(400);
    expect((await http.get('/metrics/pipeline?window=5')).status).toBe(400);
  });

  it('exercised every documented operation', () => {
    const covered = new Set(
      coveredResponses().map(r => `${r.method} ${r.path}`),
    );
    const missing = documentedOperations()
      .map(o => `${o.method} ${o.path}`)
      .filter(o => !covered.has(o));
    expect(missing).toEqual([]);
  });
});
