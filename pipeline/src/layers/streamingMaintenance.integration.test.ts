/**
 * Maintenance while the stream runs, against the real broker: the ingester and the silver
 * processor commit while compaction and expiry commit on the same tables; CAS retries
 * must keep every record exactly once and the offsets/watermarks intact.
 */
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import {
  createPurchaseProducer,
  producePurchases,
} from '../kafka/purchaseProducer';
import { ensureTopics } from '../kafka/topics';
import {
  assertBrokerReachable,
  testKafka,
  uniqueTopic,
} from '../kafka/__testUtils__/broker';
import { loadTable } from '../iceberg/table';
import { scanRows } from '../iceberg/tableScan';
import {
  createTestCatalog,
  type TestCatalog,
} from '../iceberg/__testUtils__/localCatalog';
import { BronzeIngester } from './bronzeIngester';
import { BRONZE_PURCHASES } from './bronzeTable';
import { tableOffsets } from './kafkaOffsets';
import { SilverProcessor } from './silverProcessor';
import { SILVER_PURCHASES, SILVER_REJECTED } from './silverRows';
import { maintainStreamingTables } from './streamingMaintenance';

jest.setTimeout(300_000);

const { kafka, settings } = testKafka();
let t: TestCatalog;
let producer: Producer;
beforeAll(async () => {
  await assertBrokerReachable(kafka, settings);
  t = await createTestCatalog();
  producer = createPurchaseProducer(kafka);
  await producer.connect();
});
afterAll(async () => {
  await producer?.disconnect();
  await t?.cleanup();
});

describe('streaming maintenance', () => {
  it('compacts and expires while ingestion and silver commit: exactly once throughout', async () => {
    const topic = uniqueTopic('maintain');
    await ensureTopics(kafka, [
      { topic, numPartitions: 3, replicationFactor: -1 },
      { topic: `${topic}.labels`, numPartitions: 1, replicationFactor: -1 },
    ]);
    const groupId = `maintain-${randomUUID().slice(0, 8)}`;
    const errors: Error[] = [];
    const ingester = new BronzeIngester({
      kafka,
      catalog: t.catalog,
      topic,
      groupId,
      commitIntervalMs: 150,
      onError: e => errors.push(e),
    });
    await ingester.start();
    const silver = new SilverProcessor({ catalog: t.catalog });
    let producing = true;
    // The stream lasts at least 6 s and until maintenance has compacted a few times (a
    // loaded machine runs fewer maintenance passes per second: beside the Trino and dbt
    // tests a CI run once managed one in 60 s), 150 s at most.
    const enough = new AbortController();
    const started = Date.now();
    const produced = producePurchases(
      producer,
      {
        seed: 'maintain',
        schemaVersion: 1,
        rate: 800,
        startMs: Date.now(),
        anomalyRate: 0.01,
        malformedRate: 0.05,
        topic,
        labelsTopic: `${topic}.labels`,
        durationSec: 150,
      },
      { signal: enough.signal },
    ).finally(() => {
      producing = false;
    });

    // Silver and maintenance loop alongside the ingester until the stream is done.
    let compactions = 0;
    let expired = 0;
    const loop = async () => {
      while (producing) {
        await silver.runOnce();
        const reports = await maintainStreamingTables(t.catalog, {
          minInputFiles: 2,
          snapshotMaxAgeMs: 0,
          retainSnapshots: 1,
        });
        for (const r of reports) {
          compactions += r.compaction.rewrittenFiles > 0 ? 1 : 0;
          expired += r.expiredSnapshots;
        }
        if (compactions > 2 && Date.now() - started >= 6000) enough.abort();
      }
    };
    try {
      await loop();
    } catch (error) {
      // Leave nothing running into the next test file of this worker.
      await produced.catch(() => undefined);
      await ingester.stop();
      throw error;
    }
    const { stats } = await produced;
    const deadline = Date.now() + 60_000;
    while (
      ingester.stats.committedRecords < stats.sent &&
      Date.now() < deadline
    )
      await new Promise(r => setTimeout(r, 200));
    await ingester.stop();
    await maintainStreamingTables(t.catalog, {
      minInputFiles: 2,
      snapshotMaxAgeMs: 0,
      retainSnapshots: 1,
    });
    // Until caught up: one run is bounded (maxRowsPerRun), and a loaded machine makes the
    // stream long enough to leave more than one run's worth behind.
    await silver.runUntilCaughtUp();

    expect(compactions).toBeGreaterThan(2);
    expect(expired).toBeGreaterThan(0);
    const bronze = await loadTable(t.catalog, BRONZE_PURCHASES);
    const rows = await scanRows(bronze);
    expect(rows).toHaveLength(stats.sent);
    expect(
      new Set(rows.map(r => `${r.kafka_partition}:${r.kafka_offset}`)).size,
    ).toBe(stats.sent);
    const admin = kafka.admin();
    await admin.connect();
    const high = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    const { offsets } = tableOffsets(bronze.metadata, topic, groupId);
    expect(
      Object.fromEntries([...offsets].map(([p, o]) => [p, o.toString()])),
    ).toEqual(Object.fromEntries(high.map(h => [h.partition, h.high])));

    const accepted = await scanRows(
      await loadTable(t.catalog, SILVER_PURCHASES),
    );
    const rejected = await scanRows(
      await loadTable(t.catalog, SILVER_REJECTED),
    );
    expect(accepted.length + rejected.length).toBe(stats.sent);
    expect(new Set(accepted.map(r => r.event_id)).size).toBe(accepted.length);
    expect(errors).toEqual([]);
  });
});
