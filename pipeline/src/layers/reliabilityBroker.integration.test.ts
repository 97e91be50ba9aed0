/**
 * The broker restarts mid-stream (a clean stop and start of its own private broker, so
 * the shared test broker other files use is untouched): producer, ingester and silver
 * ride through it, and the same invariants hold.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { createKafka } from '../kafka/client';
import { assertBrokerReachable } from '../kafka/__testUtils__/broker';
import { PrivateBroker } from './__testUtils__/kafka';
import {
  killAllMedallion,
  sleep,
  superviseLives,
  testRandom,
} from './__testUtils__/processes';
import { Scenario } from './__testUtils__/scenario';

jest.setTimeout(240_000);

const EVENTS = 60_000;
const { seed, random } = testRandom('reliability broker restart');
const log: string[] = [];
const stateDir = mkdtempSync(join(tmpdir(), 'medallion-broker-'));
let broker: PrivateBroker | undefined;
let s: Scenario;

beforeAll(async () => {
  broker = await PrivateBroker.start(stateDir);
  const env = { KAFKA_BROKERS: broker.brokers };
  const settings = loadConfig({ ...process.env, ...env }).kafka;
  const kafka = createKafka(settings);
  await assertBrokerReachable(kafka, settings);
  s = new Scenario(kafka, {
    name: 'broker',
    count: EVENTS,
    streamSec: 30,
    malformedRate: 0.02,
    seed: `broker-${seed}`,
    env,
  });
  await s.createTopics();
});
afterAll(async () => {
  await killAllMedallion();
  // eslint-disable-next-line no-console
  console.log(log.join('\n'));
  await s?.cleanup();
  await broker?.script('stop');
  rmSync(stateDir, { recursive: true, force: true });
});

describe('reliability: broker restart', () => {
  it('loses nothing and doubles nothing when the broker restarts mid-stream', async () => {
    const restartAt = Math.round(random.uniform(8, 14) * 1000);
    log.push(`broker restart at ${restartAt} ms (port ${broker!.port})`);
    s.expected();
    const started = Date.now();
    const producer = s.startProducer();
    let produced = false;
    void producer.exited.then(() => {
      produced = true;
    });
    let ingested = false;
    const ingest = superviseLives({
      label: 'ingest',
      args: s.ingestArgs(500),
      env: s.env,
      plans: [],
      finished: async () => produced && (await s.bronzeCaughtUp()),
      finishTimeoutMs: 180_000,
      readyText: 'ingesting:',
      log: line => log.push(line),
    }).then(r => {
      ingested = true;
      return r;
    });
    const silver = superviseLives({
      label: 'silver',
      args: s.silverArgs(500),
      env: s.env,
      plans: [],
      finished: async () => ingested && (await s.silverCaughtUp()),
      finishTimeoutMs: 200_000,
      readyText: 'silver: following',
      log: line => log.push(line),
    });

    await sleep(Math.max(0, started + restartAt - Date.now()));
    const t0 = Date.now();
    await broker!.script('restart');
    log.push(`broker restarted in ${Date.now() - t0} ms`);

    const [ingestLives, silverLives] = await Promise.all([ingest, silver]);
    const producerExit = await producer.exited;
    log.push(
      `producer: ${producer
        .stderr()
        .split(/[\r\n]+/)
        .slice(-4)
        .join(' | ')}`,
      `ingester: ${ingestLives[0]!.stderr
        .split(/[\r\n]+/)
        .filter(l => /failed|error/i.test(l))
        .slice(-5)
        .join(' | ')}`,
    );
    expect(producerExit).toEqual({ code: 0, signal: null });
    expect(ingestLives.map(l => l.exit)).toEqual([{ code: 0, signal: null }]);
    expect(silverLives.map(l => l.exit)).toEqual([{ code: 0, signal: null }]);
    const { actual, wanted } = await s.check();
    expect(actual).toEqual(wanted);
  });
});
