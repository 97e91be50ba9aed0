/**
 * `medallion ingest` and `medallion silver` as a user runs them: real child processes
 * against the real broker, stopped with SIGTERM mid-stream, then checked through SQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertBrokerReachable,
  testKafka,
  uniqueTopic,
} from '../kafka/__testUtils__/broker';
import { ensureTopics } from '../kafka/topics';
import { runMedallion } from './__testUtils__/runCli';

jest.setTimeout(180_000);
const home = mkdtempSync(join(tmpdir(), 'medallion-home-'));

const medallion = (
  args: string[],
  onStderr?: (text: string, kill: () => void) => void,
) =>
  runMedallion(args, { MEDALLION_HOME: home }, (text, child) =>
    onStderr?.(text, () => child.kill('SIGTERM')),
  );

const { kafka, settings } = testKafka();
beforeAll(() => assertBrokerReachable(kafka, settings));
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function topicSize(topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce(
      (sum, p) => sum + Number(p.high) - Number(p.low),
      0,
    );
  } finally {
    await admin.disconnect();
  }
}

async function sql(query: string): Promise<Array<Record<string, unknown>>> {
  const run = await medallion(['sql', query, '--json']);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout).rows;
}

const uniqueRows = (table: string) =>
  sql(
    `select count(*) as n, count(distinct kafka_partition::varchar || ':' || kafka_offset::varchar) as u from ${table}`,
  );

/** Kills the CLI once its status line (printed every 5 s off a terminal) matches. */
const killWhen = (pattern: RegExp) => {
  let stopping = false;
  return (text: string, kill: () => void) => {
    if (!stopping && pattern.test(text)) {
      stopping = true;
      kill();
    }
  };
};

describe('medallion ingest', () => {
  const topic = uniqueTopic('cli-ingest');
  const labelsTopic = `${topic}.labels`;
  const ingestArgs = [
    'ingest',
    '--topic',
    topic,
    '--labels-topic',
    labelsTopic,
    '--group',
    `g-${topic}`,
    '--commit-interval',
    '300',
  ];

  it('stops cleanly on SIGTERM mid-stream and resumes exactly once, purchases and labels', async () => {
    await ensureTopics(kafka, [
      { topic, numPartitions: 3, replicationFactor: -1 },
      { topic: labelsTopic, numPartitions: 3, replicationFactor: -1 },
    ]);
    // A live stream; the ingester is stopped while records keep arriving.
    const producing = medallion([
      'produce',
      '--rate',
      '1500',
      '--duration',
      '12',
      '--anomaly-rate',
      '0.1',
      '--malformed-rate',
      '0.05',
      '--topic',
      topic,
      '--labels-topic',
      labelsTopic,
    ]);
    const first = await medallion(
      ingestArgs,
      killWhen(/ingesting: [1-9][\d,]* committed/),
    );
    expect(first.stderr).toContain('SIGTERM received');
    expect(first.stderr).toMatch(/done: [\d,]+ records committed/);
    expect(first.code).toBe(0);
    // What was committed is consistent: no duplicates, whatever was in flight.
    const [mid] = await uniqueRows('bronze.purchases_raw');
    expect(mid!.n).toBe(mid!.u);
    expect(Number(mid!.n)).toBeGreaterThan(0);

    expect((await producing).code).toBe(0);
    const events = await topicSize(topic);
    const labels = await topicSize(labelsTopic);
    expect(labels).toBeGreaterThan(0);
    // Restarted, it catches up: zero lag on every partition of both topics.
    const second = await medallion(
      ingestArgs,
      killWhen(/\(total 0\) .*labels [\d,]+ \(lag 0\)/),
    );
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/lag 0:\d+ 1:\d+/);
    expect(second.stderr).toMatch(/[\d,]+ ev\/s/);
    expect(second.stderr).toMatch(/last commit [\d.]+s ago/);
    expect(second.stderr).toMatch(/\d+ files in \d+ commits/);
    expect(await uniqueRows('bronze.purchases_raw')).toEqual([
      { n: events, u: events },
    ]);
    expect(await uniqueRows('bronze.purchase_labels')).toEqual([
      { n: labels, u: labels },
    ]);
  });

  it('silver --follow stops cleanly on SIGTERM with both tables consistent; rebuild agrees', async () => {
    const [bronze] = await sql(
      'select count(*) as n from bronze.purchases_raw',
    );
    const follow = await medallion(
      ['silver', '--follow', '--interval', '100'],
      // Sent as the first run starts: it is finished, not torn.
      killWhen(/following bronze/),
    );
    expect(follow.stderr).toContain('SIGTERM received');
    expect(follow.code).toBe(0);
    const counts = () =>
      sql(
        'select (select count(*) from silver.purchases) as accepted, (select count(*) from silver.purchases_rejected) as rejected, (select count(distinct event_id) from silver.purchases) as ids',
      );
    const [after] = await counts();
    expect(Number(after!.accepted) + Number(after!.rejected)).toBe(bronze!.n);
    expect(after!.ids).toBe(after!.accepted);

    const rebuild = await medallion(['silver', 'rebuild']);
    expect(rebuild.code).toBe(0);
    expect(rebuild.stderr).toMatch(/watermark = bronze snapshot \d+/);
    expect(await counts()).toEqual([after]);
  });

  it('maintain compacts and expires the streaming tables; ingestion and silver continue exactly once', async () => {
    const before = await sql(
      'select (select count(*) from bronze.purchases_raw) as bronze, (select count(*) from silver.purchases) as silver, (select count(*) from bronze.purchase_labels) as labels',
    );
    const maintain = await medallion([
      'maintain',
      '--min-files',
      '2',
      '--older-than',
      '0s',
      '--retain',
      '1',
    ]);
    expect(maintain.code).toBe(0);
    expect(maintain.stdout).toMatch(
      /bronze\.purchases_raw: compacted \d+ files into \d+ \(1 partitions\)/,
    );
    expect(maintain.stdout).toMatch(/bronze\.purchase_labels: compacted/);
    // Silver was just rebuilt (one file per day): maintained, nothing to compact.
    expect(maintain.stdout).toMatch(/silver\.purchases: nothing to compact/);
    expect(maintain.stdout).toMatch(/snapshots expired/);
    expect(
      await sql(
        'select (select count(*) from bronze.purchases_raw) as bronze, (select count(*) from silver.purchases) as silver, (select count(*) from bronze.purchase_labels) as labels',
      ),
    ).toEqual(before);

    // The offsets survived compaction and expiry: more records land exactly once.
    expect(
      (
        await medallion([
          'produce',
          '--count',
          '300',
          '--max-speed',
          '--topic',
          topic,
          '--labels-topic',
          labelsTopic,
        ])
      ).code,
    ).toBe(0);
    const events = await topicSize(topic);
    const resumed = await medallion(
      ingestArgs,
      killWhen(/\(total 0\) .*labels [\d,]+ \(lag 0\)/),
    );
    expect(resumed.code).toBe(0);
    expect(await uniqueRows('bronze.purchases_raw')).toEqual([
      { n: events, u: events },
    ]);
    expect((await medallion(['silver'])).code).toBe(0);
    const [after] = await sql(
      'select (select count(*) from silver.purchases) + (select count(*) from silver.purchases_rejected) as total',
    );
    expect(after!.total).toBe(events);
  });

  it('run maintains the tables on its schedule and stops cleanly on SIGTERM', async () => {
    const runTopic = uniqueTopic('cli-run');
    const run = await medallion(
      [
        'run',
        '--maintain-every',
        '1s',
        '--rate',
        '500',
        '--topic',
        runTopic,
        '--labels-topic',
        `${runTopic}.labels`,
      ],
      killWhen(/maintenance [1-9]\d* runs/),
    );
    expect(run.stderr).toContain('SIGTERM received');
    expect(run.code).toBe(0);
  });
});
