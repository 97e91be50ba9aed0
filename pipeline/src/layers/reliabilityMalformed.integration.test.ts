/**
 * Bad input never crashes a job or disappears: the producer's malformed mix (every
 * kind) plus a seeded fuzz set (random bytes of every length, JSON-ish token soup, null,
 * empty and hostile values, binary keys) go through the real `medallion ingest` and
 * `medallion silver`. Every record lands in bronze once; every malformed or fuzz record
 * is in silver.purchases_rejected with a code and a reason (the producer's with exactly
 * the code its kind must get), and no valid event is lost.
 */
import { createPurchaseProducer } from '../kafka/purchaseProducer';
import {
  assertBrokerReachable,
  testKafka,
} from '../kafka/__testUtils__/broker';
import { MAX_EVENT_BYTES } from '../events/schema';
import { PurchaseGenerator } from '../events/generator';
import type { Random } from '../events/random';
import { ANY_CODE, expectRejected } from './__testUtils__/lakehouse';
import {
  superviseLives,
  testRandom,
  type LifeRecord,
  killAllMedallion,
} from './__testUtils__/processes';
import { Scenario } from './__testUtils__/scenario';

jest.setTimeout(180_000);

const { kafka, settings } = testKafka();
const { seed, random } = testRandom('reliability malformed');
const log: string[] = [];
let s: Scenario;

beforeAll(async () => {
  await assertBrokerReachable(kafka, settings);
  s = new Scenario(kafka, {
    name: 'malformed',
    count: 20_000,
    streamSec: 5,
    malformedRate: 0.25,
    // A quarter malformed means 1 in 20 records is 65-160 KB: with the default 2000 records
    // a request this also checks that the producer bounds its requests by bytes (the
    // broker refuses a partition batch over 1 MB).
    seed: `malformed-${seed}`,
  });
  await s.createTopics();
});
afterAll(async () => {
  await killAllMedallion();
  // eslint-disable-next-line no-console
  console.log(log.join('\n'));
  await s?.cleanup();
});

const bytes = (r: Random, n: number) => {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = r.int(0, 255);
  return out;
};

const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  ' ',
  'null',
  'true',
  'false',
  '1e309',
  '-0',
  '0x1F',
  '"event_id"',
  '"schema_version"',
  '"quantity"',
  '1',
  '\\u0000',
  '\\ud800',
  '"\u00e9\u{1f600}"',
];

/** The fuzz set: values that are no purchase event, whatever a validator thinks of JSON. */
function fuzzValues(r: Random): Array<Buffer | null> {
  const values: Array<Buffer | null> = [];
  for (let i = 0; i < 400; i++) {
    const band = r.next();
    let n: number;
    if (band < 0.4) n = r.int(1, 16);
    else if (band < 0.8) n = r.int(17, 512);
    else if (band < 0.95) n = r.int(513, 8192);
    else n = r.int(MAX_EVENT_BYTES + 1, MAX_EVENT_BYTES + 40_000);
    values.push(bytes(r, n));
  }
  for (let i = 0; i < 200; i++) {
    const parts = Array.from({ length: r.int(1, 60) }, () => r.pick(TOKENS));
    values.push(Buffer.from(parts.join('')));
  }
  const event = new PurchaseGenerator({
    seed: `fuzz-base-${seed}`,
    schemaVersion: 1,
    rate: 10,
    startMs: Date.parse('2026-11-27T12:00:00Z'),
    anomalyRate: 0,
    malformedRate: 0,
  }).next().value;
  const hostile = [
    '',
    'null',
    'true',
    '0',
    '"purchase"',
    '[]',
    '{}',
    'NaN',
    '\u0000',
    '['.repeat(50_000),
    `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
    `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
    '{"__proto__":{"schema_version":1},"constructor":{"prototype":{}}}',
    `[${event}]`,
    `${event}${event}`,
    event.replace('"schema_version":1', '"schema_version":"1"'),
    event.slice(0, -1),
  ];
  for (const h of hostile) values.push(Buffer.from(h));
  // The event as UTF-16: the same characters, not UTF-8 JSON.
  values.push(Buffer.from(event, 'utf16le'));
  values.push(null, null, null);
  return values;
}

describe('reliability: malformed and fuzzed records', () => {
  it('accounts for every record: bronze once, bad ones quarantined with a reason', async () => {
    const expected = s.expected();
    const fuzz = fuzzValues(random);
    expectRejected(expected, fuzz, v => {
      if (v === null || v.length === 0) return 'empty_payload';
      if (v.length > MAX_EVENT_BYTES) return 'oversized';
      return ANY_CODE;
    });

    const producer = s.startProducer();
    // The fuzz set goes in while the generated stream flows, with random and null keys.
    const fuzzProducer = createPurchaseProducer(kafka);
    await fuzzProducer.connect();
    try {
      for (let i = 0; i < fuzz.length; i += 50) {
        await fuzzProducer.send({
          topic: s.topic,
          acks: -1,
          messages: fuzz.slice(i, i + 50).map(value => ({
            key: random.chance(0.5) ? null : bytes(random, random.int(0, 40)),
            value,
          })),
        });
      }
    } finally {
      await fuzzProducer.disconnect();
    }
    let produced = false;
    void producer.exited.then(() => {
      produced = true;
    });
    let ingested = false;
    const [ingest, silver] = await Promise.all([
      superviseLives({
        label: 'ingest',
        args: s.ingestArgs(500),
        env: s.env,
        plans: [],
        finished: async () => produced && (await s.bronzeCaughtUp()),
        finishTimeoutMs: 120_000,
        readyText: 'ingesting:',
        log: line => log.push(line),
      }).then(r => {
        ingested = true;
        return r;
      }),
      superviseLives({
        label: 'silver',
        args: s.silverArgs(250),
        env: s.env,
        plans: [],
        finished: async () => ingested && (await s.silverCaughtUp()),
        finishTimeoutMs: 150_000,
        readyText: 'silver: following',
        log: line => log.push(line),
      }),
    ]);
    const exits = (lives: LifeRecord[]) => lives.map(l => l.exit);
    log.push(
      `producer: ${producer
        .stderr()
        .split(/[\r\n]+/)
        .slice(-4)
        .join(' | ')}`,
    );
    expect(await producer.exited).toEqual({ code: 0, signal: null });
    expect(exits(ingest)).toEqual([{ code: 0, signal: null }]);
    expect(exits(silver)).toEqual([{ code: 0, signal: null }]);

    const { actual, wanted, state } = await s.check();
    expect(actual).toEqual(wanted);
    // Every malformed kind and the fuzz set really went through the quarantine.
    const codes = new Set(state.rejectedRows.map(r => String(r.error_code)));
    expect([...codes].sort()).toEqual(
      expect.arrayContaining([
        'empty_payload',
        'invalid_json',
        'missing_field',
        'oversized',
        'unsupported_schema_version',
        'wrong_type',
      ]),
    );
    expect(state.rejectedRows.length).toBe(expected.malformed + fuzz.length);
  });
});
