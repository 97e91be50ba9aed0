/**
 * The bronze ingester against the real broker: everything produced lands exactly once,
 * across restarts and with two ingesters sharing the partitions.
 */
import { randomUUID } from 'node:crypto';
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
import type { TableIdentifier } from '../iceberg/catalog/catalog';
import { BronzeIngester } from './bronzeIngester';
import { encodeOffsets, offsetsKey, tableOffsets } from './kafkaOffsets';
import { appendRows } from '../iceberg/dataWriter';
import { toBronzeRow } from './bronzeTable';
import type { Producer } from 'kafkajs';

jest.setTimeout(240_000);

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

async function produce(topic: string, count: number, seed: string) {
  await producePurchases(producer, {
    seed,
    schemaVersion: 1,
    rate: 1000,
    startMs: Date.parse('2026-11-27T08:00:00Z'),
    anomalyRate: 0.01,
    malformedRate: 0.02,
    topic,
    labelsTopic: `${topic}.labels`,
    count,
    maxSpeed: true,
  });
}

async function waitForRows(
  id: TableIdentifier,
  rows: number,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const table = await loadTable(t.catalog, id);
    const total = Number(
      table.currentSnapshot()?.summary['total-records'] ?? 0,
    );
    if (total >= rows) return table;
    if (Date.now() > deadline)
      throw new Error(
        `bronze has ${total} of ${rows} rows after ${timeoutMs} ms`,
      );
    await new Promise(r => setTimeout(r, 250));
  }
}

/** A fresh topic (with its labels topic), consumer group and bronze table for one test. */
async function stream(prefix: string, partitions: number) {
  const topic = uniqueTopic(`bronze-${prefix}`);
  await ensureTopics(kafka, [
    { topic, numPartitions: partitions, replicationFactor: -1 },
    {
      topic: `${topic}.labels`,
      numPartitions: partitions,
      replicationFactor: -1,
    },
  ]);
  const suffix = randomUUID().slice(0, 8);
  const id: TableIdentifier = {
    namespace: ['bronze'],
    name: `${prefix}_${suffix}`,
  };
  return { topic, groupId: `${prefix}-${suffix}`, id, errors: [] as Error[] };
}

function ingester(
  s: Awaited<ReturnType<typeof stream>>,
  commitIntervalMs = 300,
) {
  return new BronzeIngester({
    kafka,
    catalog: t.catalog,
    topic: s.topic,
    groupId: s.groupId,
    table: s.id,
    commitIntervalMs,
    onError: e => s.errors.push(e),
  });
}

describe('bronze ingester', () => {
  it('lands every record exactly once, across a restart and two group members', async () => {
    const s = await stream('raw', 6);
    const { topic, groupId, id, errors } = s;

    await produce(topic, 3000, 'first');
    const first = ingester(s);
    await first.start();
    await waitForRows(id, 3000);
    await first.stop();

    // A restart resumes from the table's offsets.
    await produce(topic, 500, 'second');
    const second = ingester(s);
    await second.start();
    await waitForRows(id, 3500);

    // A second member joins mid-stream: partitions are shared, nothing doubles.
    const third = ingester(s);
    await third.start();
    await produce(topic, 2000, 'third');
    const table = await waitForRows(id, 5500);
    await Promise.all([second.stop(), third.stop()]);

    const rows = await scanRows(await loadTable(t.catalog, id));
    expect(rows).toHaveLength(5500);
    expect(
      new Set(rows.map(r => `${r.kafka_partition}:${r.kafka_offset}`)).size,
    ).toBe(5500);
    const admin = kafka.admin();
    await admin.connect();
    const high = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    const { offsets } = tableOffsets(table.metadata, topic, groupId);
    expect(
      Object.fromEntries([...offsets].map(([p, o]) => [p, o.toString()])),
    ).toEqual(Object.fromEntries(high.map(h => [h.partition, h.high])));
    expect(errors).toEqual([]);
    expect(second.stats.committedRecords + third.stats.committedRecords).toBe(
      2500,
    );
  });
  it('fences itself when another writer advances its partitions, and resumes from the table', async () => {
    const s = await stream('fence', 2);
    const { topic, groupId, id, errors } = s;
    await produce(topic, 400, 'fence-a');
    const writer = ingester(s, 1500);
    await writer.start();
    await waitForRows(id, 400);
    // Another writer (a zombie's successor) commits offsets past ours for every partition.
    const table = await loadTable(t.catalog, id);
    const { offsets } = tableOffsets(table.metadata, topic, groupId);
    const advanced = new Map([...offsets].map(([p, o]) => [p, o + 10n]));
    await appendRows(
      table,
      [
        toBronzeRow(
          {
            topic,
            partition: 99,
            offset: '0',
            key: null,
            value: Buffer.from('other writer'),
          },
          BigInt(Date.now()) * 1000n,
        ),
      ],
      { summary: { [offsetsKey(topic, groupId)]: encodeOffsets(advanced) } },
    );
    // Our writer's next batch is stale: it must be refused, not committed.
    await produce(topic, 100, 'fence-b');
    const deadline = Date.now() + 30_000;
    while (writer.stats.fenced === 0 && Date.now() < deadline)
      await new Promise(r => setTimeout(r, 200));
    expect(writer.stats.fenced).toBeGreaterThan(0);
    // After re-syncing it continues from the table's offsets: the 10 per partition the other
    // writer claimed are not read again, everything after them is.
    const expectedRows = 400 + 100 - 10 * advanced.size + 1;
    await waitForRows(id, expectedRows);
    await writer.stop();
    const rows = await scanRows(await loadTable(t.catalog, id));
    expect(rows).toHaveLength(expectedRows);
    expect(
      new Set(rows.map(r => `${r.kafka_partition}:${r.kafka_offset}`)).size,
    ).toBe(expectedRows);
    expect(errors).toEqual([]);
  });
  it('loses nothing while records keep arriving during commits', async () => {
    const s = await stream('steady', 3);
    const { topic, id, errors } = s;
    const writer = ingester(s, 150);
    await writer.start();
    // A steady live stream, so records land in the buffer while commits are in flight.
    const { stats } = await producePurchases(producer, {
      seed: 'steady',
      schemaVersion: 1,
      rate: 800,
      startMs: Date.now(),
      anomalyRate: 0,
      malformedRate: 0,
      topic,
      labelsTopic: `${topic}.labels`,
      durationSec: 5,
    });
    await waitForRows(id, stats.sent);
    await writer.stop();
    const rows = await scanRows(await loadTable(t.catalog, id));
    expect(rows).toHaveLength(stats.sent);
    expect(writer.stats.commits).toBeGreaterThan(10);
    const byPartition = new Map<number, bigint[]>();
    for (const r of rows)
      byPartition.set(Number(r.kafka_partition), [
        ...(byPartition.get(Number(r.kafka_partition)) ?? []),
        r.kafka_offset as bigint,
      ]);
    for (const offsets of byPartition.values()) {
      offsets.sort((a, b) => Number(a - b));
      // Contiguous from 0: no offset skipped at a commit boundary.
      expect(offsets).toEqual(offsets.map((_, i) => BigInt(i)));
    }
    expect(errors).toEqual([]);
  });
});
