/**
 * Two ingesters in one consumer group, rebalancing mid-stream: a second process joins
 * while the first is ingesting, the first then leaves (SIGTERM, committing what it
 * buffered while the other may already own its partitions: fencing), and a third joins.
 * Same invariants as the crash test, and the processes' committed counts add up to the
 * stream exactly: no record was committed by two of them.
 */
import {
  assertBrokerReachable,
  testKafka,
} from '../kafka/__testUtils__/broker';
import {
  sleep,
  startMedallion,
  superviseLives,
  testRandom,
  waitFor,
  type MedallionProcess,
  killAllMedallion,
} from './__testUtils__/processes';
import { Scenario } from './__testUtils__/scenario';

jest.setTimeout(200_000);

const EVENTS = 100_000;
const { kafka, settings } = testKafka();
const { seed, random } = testRandom('reliability rebalance');
const log: string[] = [];
let s: Scenario;

beforeAll(async () => {
  await assertBrokerReachable(kafka, settings);
  s = new Scenario(kafka, {
    name: 'rebalance',
    count: EVENTS,
    streamSec: 30,
    malformedRate: 0.02,
    seed: `rebalance-${seed}`,
  });
  await s.createTopics();
});
afterAll(async () => {
  await killAllMedallion();
  // eslint-disable-next-line no-console
  console.log(log.join('\n'));
  await s?.cleanup();
});

/** Records the process says it committed (its closing line). */
const committed = (p: MedallionProcess) => {
  const m = /done: ([\d,]+) records committed/.exec(p.stderr());
  return m ? Number(m[1]!.replace(/,/g, '')) : -1;
};

describe('reliability: two ingesters in one group', () => {
  it('keeps exactly-once through members joining and leaving mid-stream', async () => {
    // When the group changes, from the seeded PRNG (seconds after the stream starts).
    const joinB = random.uniform(5, 9) * 1000;
    const leaveA = joinB + random.uniform(5, 9) * 1000;
    const joinC = leaveA + random.uniform(2, 5) * 1000;
    log.push(
      `B joins at ${Math.round(joinB)} ms, A leaves at ${Math.round(
        leaveA,
      )} ms, C joins at ${Math.round(joinC)} ms`,
    );
    s.expected();
    const started = Date.now();
    const producer = s.startProducer();
    let ingested = false;
    const silver = superviseLives({
      label: 'silver',
      args: s.silverArgs(500),
      env: s.env,
      plans: [],
      finished: async () => ingested && (await s.silverCaughtUp()),
      finishTimeoutMs: 180_000,
      readyText: 'silver: following',
      log: line => log.push(line),
    });
    const at = (ms: number) => sleep(Math.max(0, started + ms - Date.now()));
    const a = startMedallion('ingest A', s.ingestArgs(500), s.env);
    await at(joinB);
    const b = startMedallion('ingest B', s.ingestArgs(500), s.env);
    await at(leaveA);
    a.signal('SIGTERM');
    await at(joinC);
    const c = startMedallion('ingest C', s.ingestArgs(500), s.env);

    expect(await producer.exited).toEqual({ code: 0, signal: null });
    await waitFor(
      'bronze to catch up with the topic',
      async () => ((await s.bronzeCaughtUp()) ? true : undefined),
      120_000,
    );
    // C may still be joining: a SIGTERM before its handlers exist would kill it.
    await waitFor(
      'C to be up',
      async () => (c.stderr().includes('ingesting:') ? true : undefined),
      60_000,
    );
    b.signal('SIGTERM');
    c.signal('SIGTERM');
    const exits = await Promise.all([a.exited, b.exited, c.exited]);
    ingested = true;
    const silverLives = await silver;
    log.push(
      `committed: A ${committed(a)}, B ${committed(b)}, C ${committed(c)}`,
    );

    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    expect(silverLives.map(l => l.exit)).toEqual([{ code: 0, signal: null }]);
    // Each member ingested part of the stream (the rebalances really split the work)...
    expect(committed(a)).toBeGreaterThan(0);
    expect(committed(b)).toBeGreaterThan(0);
    // ...and no record was committed twice, by one member or by two.
    expect(committed(a) + committed(b) + committed(c)).toBe(EVENTS);
    const { actual, wanted } = await s.check();
    expect(actual).toEqual(wanted);
  });
});
