/**
 * The backend on the AWS path, end to end: the standalone backend configured with
 * `lakehouse.platform: aws` against the AWS emulator (moto's server, started here) and
 * the test Kafka broker. The demo producer streams, bronze, silver and scoring commit
 * Iceberg tables registered in Glue with their files on S3, and the REST API answers
 * from them: the catalog, a table preview and the anomaly statistics (DuckDB reading
 * local copies of the S3 files; the emulator's Athena runs no SQL).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startMotoServer,
  type MotoServer,
} from '../pipeline/src/aws/__testUtils__/motoServer';
import { startStack, type Stack } from './stack';

const BUCKET = 'medallion-e2e-lake';

describe('the backend on S3 and Glue (AWS emulator)', () => {
  let moto: MotoServer;
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

  before(async () => {
    // Sets dummy credentials in this process's environment, which the backend inherits.
    moto = await startMotoServer();
    await moto.createBuckets(BUCKET);
    stack = await startStack({
      backendPort: 17207,
      frontend: false,
      config: `lakehouse:
  platform: aws
  warehouse: s3://${BUCKET}/warehouse
  aws: { region: ${moto.region}, endpoint: ${moto.endpoint}, forcePathStyle: true }
  queryEngine: { type: duckdb }
  jobs:
    silver: { schedule: { frequency: { seconds: 3 } } }
`,
    });
  });

  after(async () => {
    await stack?.stop();
    await moto?.stop();
  });

  it('streams into Glue tables on S3 and serves the catalog, previews and anomalies from them', async () => {
    type Tables = {
      tables: Array<{ id: string; location: string; rows: number | null }>;
    };
    const silver = await eventually('silver.purchases on S3', async () => {
      const { tables } = await get<Tables>('/tables');
      return tables.find(
        t => t.id === 'silver.purchases' && (t.rows ?? 0) > 500,
      );
    });
    assert.match(silver.location, new RegExp(`^s3://${BUCKET}/warehouse/`));

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

    const { jobs } = await get<{
      jobs: Array<{ name: string; enabled: boolean; disabledReason?: string }>;
    }>('/jobs');
    const gold = jobs.find(j => j.name === 'gold');
    assert.equal(gold?.enabled, false);
    assert.match(gold?.disabledReason ?? '', /dbt-athena/);
  });
});
