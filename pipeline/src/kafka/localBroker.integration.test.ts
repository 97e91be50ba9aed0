/**
 * scripts/kafka.sh as a user drives it: a full lifecycle of its own broker (own port
 * and state dir, so it never touches the broker other tests use).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

jest.setTimeout(240_000);

const SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'kafka.sh');
const state = mkdtempSync(join(tmpdir(), 'medallion-kafka-'));
const port = 19192 + Math.floor(Math.random() * 500);
const env = {
  ...process.env,
  KAFKA_BROKERS: '',
  KAFKA_PORT: String(port),
  KAFKA_CONTROLLER_PORT: String(port + 1),
  KAFKA_STATE_DIR: state,
  KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m',
};
const kafkaSh = (...args: string[]) => {
  const r = spawnSync('bash', [SCRIPT, ...args], {
    env,
    encoding: 'utf8',
    timeout: 200_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
};

afterAll(() => {
  kafkaSh('stop');
  rmSync(state, { recursive: true, force: true });
});

describe('scripts/kafka.sh', () => {
  it('starts, is idempotent, serves clients, reports status, and stops', async () => {
    const first = kafkaSh('start');
    expect(first.out).toContain(`ready: broker pid`);
    expect(first.code).toBe(0);

    const again = kafkaSh('start');
    expect(again.code).toBe(0);
    expect(again.out).toContain('already running');

    const admin = new Kafka({
      brokers: [`127.0.0.1:${port}`],
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: 'lifecycle', numPartitions: 2 }],
    });
    expect(await admin.listTopics()).toContain('lifecycle');
    await admin.disconnect();

    const status = kafkaSh('status');
    expect(status.code).toBe(0);
    expect(status.out).toContain(String(port));
    expect(readFileSync(join(state, 'broker.log'), 'utf8')).toContain(
      'Kafka Server started',
    );

    expect(kafkaSh('stop').code).toBe(0);
    const stoppedAgain = kafkaSh('stop');
    expect(stoppedAgain.code).toBe(0);
    expect(stoppedAgain.out).toContain('no broker running');
    expect(kafkaSh('status').code).toBe(3);
  });
});
