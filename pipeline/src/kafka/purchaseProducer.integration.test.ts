/**
 * Integration tests against the real Kafka broker that `npm test` starts (or the
 * cluster in KAFKA_BROKERS). They fail, never skip, when no broker answers.
 */
import { EXPECTED_REJECTION, type MalformedKind } from '../events/malformed';
import { parsePurchaseEvent } from '../events/validate';
import { purchaseLabel } from '../events/schema';
import { PurchaseGenerator } from '../events/generator';
import { rateFactorAt } from '../events/seasonality';
import {
  createPurchaseProducer,
  producePurchases,
  type ProduceOptions,
} from './purchaseProducer';
import { ensureTopics } from './topics';
import {
  assertBrokerReachable,
  consumeAll,
  testKafka,
  uniqueTopic,
} from './__testUtils__/broker';
import type { Producer } from 'kafkajs';

jest.setTimeout(120_000);

const { kafka, settings } = testKafka();
let producer: Producer;

const START = Date.parse('2026-11-27T08:00:00.000Z');
const base = (
  topic: string,
  overrides: Partial<ProduceOptions> = {},
): ProduceOptions => ({
  seed: 'integration',
  schemaVersion: 1,
  rate: 100,
  startMs: START,
  anomalyRate: 0.03,
  malformedRate: 0,
  topic,
  labelsTopic: `${topic}.labels`,
  maxSpeed: true,
  batchSize: 500,
  ...overrides,
});

async function topics(topic: string, partitions = 6) {
  return ensureTopics(kafka, [
    { topic, numPartitions: partitions, replicationFactor: -1 },
    {
      topic: `${topic}.labels`,
      numPartitions: partitions,
      replicationFactor: -1,
    },
  ]);
}

beforeAll(async () => {
  await assertBrokerReachable(kafka, settings);
  producer = createPurchaseProducer(kafka);
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
});

describe('producing purchases into a real broker', () => {
  it('delivers every seeded event, valid and keyed, with one label per injected anomaly', async () => {
    const topic = uniqueTopic('it-purchases');
    const created = await topics(topic);
    expect(created.get(topic)).toBe(6);
    const { stats, reason } = await producePurchases(
      producer,
      base(topic, { count: 3000 }),
    );
    expect(reason).toBe('count');
    expect(stats.sent).toBe(3000);

    const expectedLabels = new PurchaseGenerator(base(topic))
      .take(3000)
      .filter(r => r.label).length;
    expect(expectedLabels).toBeGreaterThan(30);
    expect(stats.labels).toBe(expectedLabels);

    const events = await consumeAll(kafka, topic, 3000);
    const labels = await consumeAll(kafka, `${topic}.labels`, expectedLabels);
    expect(events).toHaveLength(3000);
    expect(labels).toHaveLength(expectedLabels);

    const ids = new Set<string>();
    const partitionOfKey = new Map<string, number>();
    for (const m of events) {
      const parsed = parsePurchaseEvent(m.value);
      if (!parsed.ok) throw new Error(`${parsed.code}: ${parsed.reason}`);
      expect(m.key).toBe(parsed.event.customer_id);
      ids.add(parsed.event.event_id);
      // Keyed by customer: one customer's orders stay in one partition, in order.
      expect(partitionOfKey.get(m.key!) ?? m.partition).toBe(m.partition);
      partitionOfKey.set(m.key!, m.partition);
    }
    expect(ids.size).toBe(3000);
    expect(new Set(events.map(m => m.partition)).size).toBe(6);
    for (const m of labels) {
      const label = purchaseLabel.parse(JSON.parse(m.value!.toString()));
      expect(m.key).toBe(label.event_id);
      expect(ids.has(label.event_id)).toBe(true);
    }
  });

  it('gives the same events for the same seed', async () => {
    const [a, b] = [uniqueTopic('it-same-a'), uniqueTopic('it-same-b')];
    await topics(a);
    await topics(b);
    await producePurchases(producer, base(a, { count: 1500, seed: 'same' }));
    await producePurchases(producer, base(b, { count: 1500, seed: 'same' }));
    const values = async (t: string) =>
      (await consumeAll(kafka, t, 1500))
        .map(m => `${m.partition}|${m.value!.toString()}`)
        .sort();
    expect(await values(b)).toEqual(await values(a));
  });

  it('mixes in malformed records that are detectably malformed, by kind', async () => {
    const topic = uniqueTopic('it-malformed');
    await topics(topic);
    const { stats } = await producePurchases(
      producer,
      base(topic, { count: 2000, malformedRate: 0.2, schemaVersion: 2 }),
    );
    const malformedTotal = Object.values(stats.malformed).reduce(
      (a, b) => a + (b ?? 0),
      0,
    );
    expect(malformedTotal).toBeGreaterThan(250);
    const rejectedByCode = new Map<string, number>();
    let accepted = 0;
    for (const m of await consumeAll(kafka, topic, 2000)) {
      const parsed = parsePurchaseEvent(m.value);
      if (parsed.ok) accepted++;
      else
        rejectedByCode.set(
          parsed.code,
          (rejectedByCode.get(parsed.code) ?? 0) + 1,
        );
    }
    expect(accepted).toBe(2000 - malformedTotal);
    for (const [kind, count] of Object.entries(stats.malformed) as Array<
      [MalformedKind, number]
    >) {
      expect(rejectedByCode.get(EXPECTED_REJECTION[kind])).toBe(count);
    }
  });

  it('commits consumer-group offsets that a restarted group member resumes from', async () => {
    const topic = uniqueTopic('it-offsets');
    await topics(topic, 3);
    await producePurchases(
      producer,
      base(topic, { count: 600, anomalyRate: 0 }),
    );
    const groupId = uniqueTopic('it-group');
    await consumeAll(kafka, topic, 600, { groupId });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committed = offsets!.partitions.reduce(
        (sum, p) => sum + Number(p.offset),
        0,
      );
      expect(committed).toBe(600);
    } finally {
      await admin.disconnect();
    }
    // New events only: the group resumes after its committed offsets.
    await producePurchases(
      producer,
      base(topic, { count: 50, anomalyRate: 0, seed: 'second' }),
    );
    const resumed = await consumeAll(kafka, topic, 50, { groupId });
    const secondIds = new PurchaseGenerator(
      base(topic, { anomalyRate: 0, seed: 'second' }),
    )
      .take(50)
      .map(r => r.event.event_id)
      .sort();
    expect(
      resumed.map(m => JSON.parse(m.value!.toString()).event_id).sort(),
    ).toEqual(secondIds);
  });

  it('paces by event time in live mode and stops at the duration', async () => {
    const topic = uniqueTopic('it-live');
    await topics(topic);
    const now = Date.now();
    const started = Date.now();
    const { stats, reason } = await producePurchases(
      producer,
      base(topic, {
        maxSpeed: false,
        rate: 300,
        durationSec: 3,
        startMs: now,
        anomalyRate: 0,
      }),
    );
    const elapsed = Date.now() - started;
    expect(reason).toBe('duration');
    expect(elapsed).toBeGreaterThanOrEqual(2900);
    const expected = 300 * rateFactorAt(now) * 3;
    expect(stats.sent).toBeGreaterThan(expected * 0.5);
    expect(stats.sent).toBeLessThan(expected * 1.5);
  });

  it('stops cleanly when aborted', async () => {
    const topic = uniqueTopic('it-abort');
    await topics(topic);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 700);
    const { stats, reason } = await producePurchases(
      producer,
      base(topic, {
        maxSpeed: false,
        rate: 500,
        durationSec: 60,
        startMs: Date.now(),
        anomalyRate: 0,
      }),
      { signal: controller.signal },
    );
    expect(reason).toBe('signal');
    expect(stats.sent).toBeGreaterThan(0);
    expect(await consumeAll(kafka, topic, stats.sent)).toHaveLength(stats.sent);
  });
});
