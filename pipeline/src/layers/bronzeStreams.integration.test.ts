/**
 * Both bronze streams against the real broker: purchases and their ground-truth labels
 * land in their own tables exactly once, across a restart.
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
import type { TableIdentifier } from '../iceberg/catalog/catalog';
import { loadTable } from '../iceberg/table';
import { scanRows } from '../iceberg/tableScan';
import {
  createTestCatalog,
  type TestCatalog,
} from '../iceberg/__testUtils__/localCatalog';
import { BRONZE_LABELS, BRONZE_PURCHASES } from './bronzeTable';
import {
  createBronzeStreams,
  labelsGroup,
  startBronzeStreams,
  stopBronzeStreams,
} from './bronzeStreams';
import { tableOffsets } from './kafkaOffsets';

jest.setTimeout(180_000);

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

async function waitForRows(id: TableIdentifier, rows: number) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const total = Number(
      (await loadTable(t.catalog, id)).currentSnapshot()?.summary[
        'total-records'
      ] ?? 0,
    );
    if (total >= rows) return;
    if (Date.now() > deadline)
      throw new Error(`${id.name} has ${total} of ${rows} rows`);
    await new Promise(r => setTimeout(r, 250));
  }
}

async function highWatermarks(topic: string) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return Object.fromEntries(
      (await admin.fetchTopicOffsets(topic)).map(o => [
        String(o.partition),
        o.high,
      ]),
    );
  } finally {
    await admin.disconnect();
  }
}

describe('bronze streams', () => {
  it('lands purchases and their labels exactly once, each in its own table, across a restart', async () => {
    const topic = uniqueTopic('streams');
    const labelsTopic = `${topic}.labels`;
    await ensureTopics(kafka, [
      { topic, numPartitions: 3, replicationFactor: -1 },
      { topic: labelsTopic, numPartitions: 3, replicationFactor: -1 },
    ]);
    const groupId = `streams-${randomUUID().slice(0, 8)}`;
    const errors: string[] = [];
    const streams = () =>
      createBronzeStreams({
        kafka,
        catalog: t.catalog,
        topics: { purchases: topic, labels: labelsTopic },
        groupId,
        commitIntervalMs: 300,
        onError: (name, e) => errors.push(`${name}: ${e.message}`),
      });
    const produce = async (seed: string, count: number) =>
      (
        await producePurchases(producer, {
          seed,
          schemaVersion: 1,
          rate: 1000,
          startMs: Date.parse('2026-11-27T08:00:00Z'),
          // Many anomalies, so the labels topic gets a real stream of its own.
          anomalyRate: 0.2,
          malformedRate: 0.02,
          topic,
          labelsTopic,
          count,
          maxSpeed: true,
        })
      ).stats;

    const first = await produce('labels-a', 1500);
    const a = streams();
    await startBronzeStreams(a);
    await waitForRows(BRONZE_PURCHASES, first.sent);
    await waitForRows(BRONZE_LABELS, first.labels);
    await stopBronzeStreams(a);

    // A restart resumes each table from its own offsets.
    const second = await produce('labels-b', 700);
    const b = streams();
    await startBronzeStreams(b);
    await waitForRows(BRONZE_PURCHASES, first.sent + second.sent);
    await waitForRows(BRONZE_LABELS, first.labels + second.labels);
    await stopBronzeStreams(b);

    const labelsTable = await loadTable(t.catalog, BRONZE_LABELS);
    const labels = await scanRows(labelsTable);
    expect(first.labels).toBeGreaterThan(0);
    expect(labels).toHaveLength(first.labels + second.labels);
    expect(
      new Set(labels.map(r => `${r.kafka_partition}:${r.kafka_offset}`)).size,
    ).toBe(labels.length);
    // Raw like all bronze: the value is the producer's label JSON, keyed by event_id.
    const ids = labels.map(r => {
      const label = JSON.parse(
        Buffer.from(r.value as Uint8Array).toString('utf8'),
      ) as { event_id: string };
      expect(r.kafka_key).toBe(label.event_id);
      return label.event_id;
    });
    expect(new Set(ids).size).toBe(labels.length);
    expect(labels.every(r => r.kafka_topic === labelsTopic)).toBe(true);

    // Each table's offsets are its own topic's end, under its own group.
    const { offsets } = tableOffsets(
      labelsTable.metadata,
      labelsTopic,
      labelsGroup(groupId),
    );
    expect(
      Object.fromEntries([...offsets].map(([p, o]) => [String(p), String(o)])),
    ).toEqual(await highWatermarks(labelsTopic));
    const purchases = await scanRows(
      await loadTable(t.catalog, BRONZE_PURCHASES),
    );
    expect(purchases).toHaveLength(first.sent + second.sent);
    expect(purchases.every(r => r.kafka_topic === topic)).toBe(true);
    expect(errors).toEqual([]);
  });
});
