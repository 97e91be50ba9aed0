/**
 * The backend on the AWS path, end to end: the standalone backend configured with
 * `lakehouse.platform: aws` against the AWS emulator (moto's server, started here) and
 * the test Kafka broker. The demo producer streams, bronze, silver and scoring commit
 * Iceberg tables registered in Glue with their files on S3, and the REST API answers
 * from them: the catalog, a table preview and the anomaly views, queried on a real
 * Trino 476 over the same Glue tables (the backend's Athena SQL: Athena engine v3 is
 * built on Trino, and the emulator's Athena runs no SQL). Then the gold job builds the
 * marts with dbt-trino and publishes them into gold, and profitability reads them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startMotoServer,
  type MotoServer,
} from '../pipeline/src/aws/__testUtils__/motoServer';
import { glueLakehouse } from '../pipeline/src/aws/__testUtils__/glueLakehouse';
import {
  startTrino,
  type TrinoServer,
} from '../pipeline/src/query/__testUtils__/trinoServer';
import { startStack, type Stack } from './stack';

const BUCKET = 'medallion-e2e-lake';

describe('the backend on S3 and Glue (AWS emulator)', () => {
  let moto: MotoServer;
  let trino: TrinoServer;
  let stack: Stack;

  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${stack.backendUrl}/api/lakehouse${path}`, {
      headers: { Authorization: `Bearer ${stack.token}` },
    });
    assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
    return (await res.json()) as T;
  };

  /** Polls until `check` returns a value (not undefined), or fails with the last one seen. */
  const eventually = async <T>(
    what: string,
    check: () => Promise<T | undefined>,
    timeoutMs = 180_000,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}`);
      await new Promise(r => setTimeout(r, 1000));
    }
  };

  /** The SQL of the queries Trino has seen from the backend's user. */
  const trinoQueries = async (): Promise<string[]> => {
    let res = await fetch(`${trino.url}/v1/statement`, {
      method: 'POST',
      headers: { 'X-Trino-User': 'e2e-check' },
      body: 'SELECT query FROM system.runtime.queries WHERE "user" = \'e2e\'',
    });
    const out: string[] = [];
    for (;;) {
      const page = (await res.json()) as {
        nextUri?: string;
        data?: string[][];
        error?: { message: string };
      };
      if (page.error) throw new Error(page.error.message);
      out.push(...(page.data ?? []).map(r => r[0]!));
      if (!page.nextUri) return out;
      res = await fetch(page.nextUri);
    }
  };

  before(async () => {
    // Sets dummy credentials in this process's environment, which the backend inherits.
    moto = await startMotoServer();
    // The Glue databases, located in the bucket, as Terraform creates them.
    const glue = await glueLakehouse(moto, BUCKET, [
      'bronze',
      'silver',
      'gold',
      'gold_staging',
    ]);
    await glue.close();
    trino = await startTrino({ aws: moto.aws });
    stack = await startStack({
      backendPort: 17207,
      frontend: false,
      config: `lakehouse:
  platform: aws
  warehouse: s3://${BUCKET}/warehouse
  aws: { region: ${moto.region}, endpoint: ${moto.endpoint}, forcePathStyle: true }
  queryEngine:
    type: trino
    trino: { server: ${trino.url}, catalog: ${trino.catalog}, user: e2e }
  jobs:
    silver: { schedule: { frequency: { seconds: 3 } } }
`,
    });
  });

  after(async () => {
    await stack?.stop();
    await trino?.stop();
    await moto?.stop();
  });

  it('streams into Glue tables on S3, serves the catalog, previews and anomalies through Trino, and builds gold there', async () => {
    type Tables = {
      tables: Array<{ id: string; location: string; rows: number | null }>;
    };
    const silver = await eventually('silver.purchases on S3', async () => {
      const { tables } = await get<Tables>('/tables');
      return tables.find(
        t => t.id === 'silver.purchases' && (t.rows ?? 0) > 500,
      );
    });
    // In its Glue database's location, as Terraform sets it.
    assert.match(silver.location, new RegExp(`^s3://${BUCKET}/silver/`));

    const preview = await get<{ rows: Array<Record<string, unknown>> }>(
      '/tables/silver/purchases/preview?limit=5',
    );
    assert.equal(preview.rows.length, 5);
    assert.match(String(preview.rows[0]!.event_id), /^[0-9a-f-]{36}$/);

    const stats = await eventually('scored purchases', async () => {
      const s = await get<{ scored: number; flagged: number }>(
        '/anomalies/stats',
      );
      return s.scored > 0 ? s : undefined;
    });
    assert.ok(stats.flagged <= stats.scored);
    const page = await get<{ items: Array<{ eventId: string }> }>(
      '/anomalies?limit=3',
    );
    assert.equal(page.items.length, 3);
    const detail = await get<{ purchase: { eventId: string } }>(
      `/anomalies/${page.items[0]!.eventId}`,
    );
    assert.equal(detail.purchase.eventId, page.items[0]!.eventId);

    // Trino ran the queries: its query history holds the backend's time travel.
    const queries = await trinoQueries();
    assert.ok(
      queries.some(q => /FOR VERSION AS OF/.test(q)),
      `no time-travel query reached Trino:\n${queries.join('\n')}`,
    );

    // Gold on Trino: dbt-trino builds into gold_staging, the backend publishes into gold.
    const trigger = await fetch(
      `${stack.backendUrl}/api/lakehouse/jobs/gold/runs`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${stack.token}`,
          'Content-Type': 'application/json',
        },
        body: '{}',
      },
    );
    assert.equal(trigger.status, 202, await trigger.clone().text());
    const { runId } = (await trigger.json()) as { runId: string };
    const run = await eventually(
      'the gold run to end',
      async () => {
        const r = await get<{ status: string; error?: string | null }>(
          `/runs/${runId}`,
        );
        return ['succeeded', 'failed', 'cancelled'].includes(r.status)
          ? r
          : undefined;
      },
      300_000,
    );
    assert.equal(run.status, 'succeeded', run.error ?? '');
    const profitability = await get<{
      table: string;
      snapshotId: string | null;
      rows: Array<{ revenue: string; margin: string }>;
    }>('/metrics/profitability');
    assert.ok(
      profitability.snapshotId,
      'gold.product_profitability has a snapshot',
    );
    assert.ok(profitability.rows.length > 0);
    assert.match(profitability.rows[0]!.revenue, /^-?\d+\.\d{2}$/);
    const { tables } = await get<Tables>('/tables');
    const fct = tables.find(t => t.id === 'gold.fct_purchases');
    assert.match(fct?.location ?? '', new RegExp(`^s3://${BUCKET}/gold/`));

    // Lineage: dbt built the mart in gold_staging, but its job feeds the published table.
    const lineage = await get<{
      nodes: Array<{ id: string; name: string; table?: string | null }>;
      edges: Array<{ from: string; to: string }>;
    }>('/lineage');
    const fctJob = lineage.nodes.find(
      n => n.name === 'lakehouse.gold_dbt_build.fct_purchases',
    );
    const fctTable = lineage.nodes.find(n => n.table === 'gold.fct_purchases');
    assert.ok(
      fctJob &&
        fctTable &&
        lineage.edges.some(e => e.from === fctJob.id && e.to === fctTable.id),
      'the fct_purchases model job feeds gold.fct_purchases',
    );
    // The dbt view links the model to the published table, not to dbt's staging copy.
    const { models } = await get<{
      models: Array<{ name: string; schema: string; table: string | null }>;
    }>('/dbt/models');
    const fctModel = models.find(m => m.name === 'fct_purchases');
    assert.deepEqual(
      [fctModel?.schema, fctModel?.table],
      ['gold_staging', 'gold.fct_purchases'],
    );
  });
});
