/**
 * Reliability under kill -9: 200k events stream through the real CLI processes
 * (`medallion produce`, `ingest`, `silver --follow`) while the test SIGKILLs the ingester
 * and the silver processor again and again, at seeded random instants and at injected
 * crash points (mid data-file write, between the data files and the catalog commit,
 * between silver's two commits). After a clean finish: bronze holds every produced
 * record once, silver + rejected = bronze, no event_id twice in silver, none missing.
 * Then the files the killed writers left behind: never referenced by any snapshot, and
 * removed by removeOrphanFiles without changing what the tables read.
 */
import { existsSync } from 'node:fs';
import {
  assertBrokerReachable,
  testKafka,
} from '../kafka/__testUtils__/broker';
import { toLocalPath } from '../iceberg/io/localFileIO';
import { removeOrphanFiles } from '../iceberg/maintenance';
import { evictDeadMembers } from './__testUtils__/kafka';
import {
  allTables,
  filesUnder,
  invariants,
  readLakehouse,
  referencedFiles,
} from './__testUtils__/lakehouse';
import {
  superviseLives,
  testRandom,
  type LifePlan,
  type LifeRecord,
  killAllMedallion,
} from './__testUtils__/processes';
import { Scenario } from './__testUtils__/scenario';

// About 100 s here; the budget leaves room for a slow, shared CI machine.
jest.setTimeout(300_000);

const EVENTS = 200_000;
/** External kills per process, on top of the crash-point deaths. */
const RANDOM_KILLS = 10;

const { kafka, settings } = testKafka();
const { seed, random } = testRandom('reliability crash');
const log: string[] = [];
const say = (line: string) => log.push(line);
let s: Scenario;
let ingestLives: LifeRecord[] = [];
let silverLives: LifeRecord[] = [];

beforeAll(async () => {
  await assertBrokerReachable(kafka, settings);
  s = new Scenario(kafka, {
    name: 'crash',
    count: EVENTS,
    streamSec: 45,
    malformedRate: 0.02,
    seed: `crash-${seed}`,
  });
  await s.createTopics();
});
afterAll(async () => {
  await killAllMedallion();
  // eslint-disable-next-line no-console
  console.log(`seed ${seed}\n${log.join('\n')}`);
  await s?.cleanup();
});

/**
 * The lives of one process: RANDOM_KILLS external kills at uniform random instants, and
 * one life armed at each crash point (its nth hit random too), shuffled together. The
 * armed lives go into the first two thirds, while the stream still flows, so they reach
 * their point; one that does not is re-armed once (see superviseLives).
 */
function plan(
  points: string[],
  killMs: [number, number],
  maxHit: number,
): LifePlan[] {
  const kills: LifePlan[] = Array.from({ length: RANDOM_KILLS }, () => ({
    killAfterMs: Math.round(random.uniform(killMs[0], killMs[1])),
  }));
  const armed: LifePlan[] = points.map(p => ({
    crashAt: `${p}:${random.int(1, maxHit)}`,
    killAfterMs: 20_000,
  }));
  const early = Math.ceil(((kills.length + armed.length) * 2) / 3);
  const lives = kills.slice();
  for (const a of armed) lives.splice(random.int(0, early - 1), 0, a);
  return lives;
}

describe('reliability: kill -9 at random points and at crash points', () => {
  it('loses nothing and doubles nothing across repeated kills of ingester and silver', async () => {
    const ingestPlan = plan(
      ['mid-file-write', 'bronze-before-commit'],
      [1000, 6000],
      3,
    );
    const silverPlan = plan(
      ['mid-file-write', 'silver-before-commit', 'silver-between-commits'],
      [800, 5000],
      4,
    );
    say(
      `ingest plan: ${ingestPlan
        .map(p => p.crashAt ?? `${p.killAfterMs}ms`)
        .join(', ')}`,
    );
    say(
      `silver plan: ${silverPlan
        .map(p => p.crashAt ?? `${p.killAfterMs}ms`)
        .join(', ')}`,
    );
    const expected = s.expected();
    const producer = s.startProducer();
    let produced = false;
    let ingested = false;
    void producer.exited.then(() => {
      produced = true;
    });

    const ingest = superviseLives({
      label: 'ingest',
      args: s.ingestArgs(500),
      env: s.env,
      plans: ingestPlan,
      finished: async () => produced && (await s.bronzeCaughtUp()),
      finishTimeoutMs: 180_000,
      readyText: 'ingesting:',
      // Only this test's process is in the group, and it is dead: see evictDeadMembers.
      afterDeath: () => evictDeadMembers(kafka, s.groupId).then(() => {}),
      log: say,
    }).then(records => {
      ingested = true;
      return records;
    });
    const silver = superviseLives({
      label: 'silver',
      args: s.silverArgs(250),
      env: s.env,
      plans: silverPlan,
      finished: async () => ingested && (await s.silverCaughtUp()),
      finishTimeoutMs: 240_000,
      readyText: 'silver: following',
      log: say,
    });
    [ingestLives, silverLives] = await Promise.all([ingest, silver]);
    const producerExit = await producer.exited;
    say(
      `producer: ${producer
        .stderr()
        .split(/[\r\n]+/)
        .filter(Boolean)
        .slice(-3)
        .join(' | ')}`,
    );

    expect(producerExit).toEqual({ code: 0, signal: null });
    expect(producer.stderr()).toContain(
      `done (count reached): ${EVENTS.toLocaleString('en-US')} sent`,
    );
    // Every life ended the way the plan said: no process died on its own.
    const summary = (lives: LifeRecord[]) => ({
      killed: lives.filter(l => l.outcome === 'killed').length,
      crashPoints: [
        ...new Set(lives.flatMap(l => l.reports.map(r => r.point))),
      ].sort(),
      unexpected: lives
        .filter(
          l =>
            l.outcome === 'exited' ||
            (l.outcome === 'stopped' &&
              (l.exit.code !== 0 || l.exit.signal !== null)),
        )
        .map(
          l =>
            `life ${l.life}: ${JSON.stringify(l.exit)}\n${l.stderr.slice(
              -2000,
            )}`,
        ),
    });
    expect(summary(ingestLives)).toEqual({
      killed: expect.any(Number),
      crashPoints: ['bronze-before-commit', 'mid-file-write'],
      unexpected: [],
    });
    expect(summary(silverLives)).toEqual({
      killed: expect.any(Number),
      crashPoints: [
        'mid-file-write',
        'silver-before-commit',
        'silver-between-commits',
      ],
      unexpected: [],
    });
    expect(summary(ingestLives).killed).toBeGreaterThanOrEqual(RANDOM_KILLS);
    expect(summary(silverLives).killed).toBeGreaterThanOrEqual(RANDOM_KILLS);

    const { actual, wanted } = await s.check();
    expect(actual).toEqual(wanted);
    expect(expected.malformed).toBeGreaterThan(0);
  });

  it('never references the files killed writers left behind, and removeOrphanFiles removes them', async () => {
    expect(ingestLives.length + silverLives.length).toBeGreaterThan(0);
    const leftBehind = [...ingestLives, ...silverLives].flatMap(l =>
      l.reports.flatMap(r => r.files),
    );
    // The crash points left files (a torn one mid write, whole ones before a commit).
    expect(leftBehind.length).toBeGreaterThanOrEqual(2);
    expect(leftBehind.filter(f => !existsSync(toLocalPath(f)))).toEqual([]);

    const before = await readLakehouse(s.catalog);
    const tables = await allTables(s.catalog);
    const referenced = new Set<string>();
    for (const t of tables)
      for (const f of await referencedFiles(t)) referenced.add(f);
    // No snapshot of any table ever referenced them.
    expect(leftBehind.filter(f => referenced.has(f))).toEqual([]);

    // Every writer is stopped, so every unreferenced file is garbage whatever its age:
    // the cutoff can be now (its default of 3 days protects writes in flight).
    const removed: string[] = [];
    for (const t of tables)
      removed.push(
        ...(await removeOrphanFiles(t, { olderThanMs: Date.now() })),
      );
    say(`removeOrphanFiles removed ${removed.length} files`);
    expect(removed.filter(f => referenced.has(f))).toEqual([]);
    expect(leftBehind.filter(f => !removed.includes(f))).toEqual([]);
    expect(leftBehind.filter(f => existsSync(toLocalPath(f)))).toEqual([]);
    // What is left under the tables is exactly what they reference, and nothing more to remove.
    for (const t of tables) {
      expect((await filesUnder(t)).filter(f => !referenced.has(f))).toEqual([]);
      expect(
        await removeOrphanFiles(t, { olderThanMs: Date.now(), dryRun: true }),
      ).toEqual([]);
    }

    // The tables read the same rows as before, and the invariants still hold.
    const after = await readLakehouse(s.catalog);
    const keys = (st: typeof before) => ({
      bronze: [...st.bronzeKeys].sort(),
      silver: st.silverRows.map(r => String(r.event_id)).sort(),
      rejected: st.rejectedRows
        .map(r => `${r.kafka_partition}:${r.kafka_offset}:${r.error_code}`)
        .sort(),
    });
    expect(keys(after)).toEqual(keys(before));
    const high = await s.high();
    expect(invariants(after, s.expected(), high, s.topic, s.groupId)).toEqual(
      invariants(before, s.expected(), high, s.topic, s.groupId),
    );
  });
});
