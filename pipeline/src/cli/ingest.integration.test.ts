/** `medallion ingest` as a user runs it: produce, ingest for a while, query bronze. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertBrokerReachable,
  testKafka,
  uniqueTopic,
} from '../kafka/__testUtils__/broker';
import { runMedallion } from './__testUtils__/runCli';

jest.setTimeout(120_000);
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

describe('medallion ingest', () => {
  it('commits everything produced to bronze and stops cleanly on SIGTERM', async () => {
    const topic = uniqueTopic('cli-ingest');
    const produced = await medallion([
      'produce',
      '--count',
      '700',
      '--max-speed',
      '--malformed-rate',
      '0.05',
      '--topic',
      topic,
      '--labels-topic',
      `${topic}.labels`,
    ]);
    expect(produced.code).toBe(0);
    let stopping = false;
    const run = await medallion(
      [
        'ingest',
        '--topic',
        topic,
        '--group',
        `g-${topic}`,
        '--commit-interval',
        '300',
      ],
      (text, kill) => {
        if (!stopping && /ingesting: 700 committed/.test(text)) {
          stopping = true;
          kill();
        }
      },
    );
    expect(run.stderr).toContain('SIGTERM received');
    expect(run.stderr).toContain('done: 700 records committed');
    expect(run.code).toBe(0);
    const sql = await medallion([
      'sql',
      "select count(*) as n, count(distinct kafka_partition::varchar || ':' || kafka_offset::varchar) as u from bronze.purchases_raw",
      '--json',
    ]);
    expect(JSON.parse(sql.stdout).rows).toEqual([{ n: 700, u: 700 }]);
  });
});
