/** The `medallion produce` command as a user runs it, against the real broker. */
import {
  assertBrokerReachable,
  consumeAll,
  testKafka,
  uniqueTopic,
} from '../kafka/__testUtils__/broker';
import { runMedallion } from './__testUtils__/runCli';

jest.setTimeout(120_000);

const medallion = runMedallion;

const { kafka, settings } = testKafka();

beforeAll(async () => {
  await assertBrokerReachable(kafka, settings);
});

describe('medallion produce', () => {
  it('creates the topics with the configured partitions and reports what it sent', async () => {
    const topic = uniqueTopic('cli-count');
    const run = await medallion(
      [
        'produce',
        '--count',
        '800',
        '--max-speed',
        '--seed',
        'cli',
        '--anomaly-rate',
        '0.05',
        '--malformed-rate',
        '0.05',
        '--topic',
        topic,
        '--labels-topic',
        `${topic}.labels`,
      ],
      { KAFKA_TOPIC_PARTITIONS: '4' },
    );
    expect(run.stderr).toContain('done (count reached)');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`${topic} \\(4 partitions\\)`));
    expect(run.stderr).toContain('800 sent');
    expect(run.stderr).toContain('replay this stream with: --seed cli');
    const messages = await consumeAll(kafka, topic, 800);
    expect(new Set(messages.map(m => m.partition)).size).toBe(4);

    // The printed replay arguments reproduce the stream byte for byte.
    const replayArgs = /replay this stream with: (.*)/
      .exec(run.stderr)![1]!
      .split(' ');
    const replayTopic = uniqueTopic('cli-replay');
    const replay = await medallion(
      [
        'produce',
        ...replayArgs,
        '--count',
        '800',
        '--max-speed',
        '--topic',
        replayTopic,
        '--labels-topic',
        `${replayTopic}.labels`,
      ],
      { KAFKA_TOPIC_PARTITIONS: '4' },
    );
    expect(replay.code).toBe(0);
    const values = (ms: typeof messages) =>
      ms.map(m => m.value!.toString()).sort();
    expect(values(await consumeAll(kafka, replayTopic, 800))).toEqual(
      values(messages),
    );
  });

  it('stops cleanly on SIGINT and on SIGTERM', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const topic = uniqueTopic('cli-signal');
      let sent = false;
      const run = await medallion(
        ['produce', '--rate', '200', '--duration', '60', '--topic', topic],
        {},
        (text, child) => {
          if (!sent && text.includes('producing schema')) {
            sent = true;
            setTimeout(() => child.kill(signal), 1500);
          }
        },
      );
      expect(run.stderr).toContain(`${signal} received`);
      expect(run.stderr).toContain('done (stopped by signal)');
      expect(run.code).toBe(0);
    }
  });

  it('explains an unreachable broker and exits non-zero', async () => {
    const run = await medallion(['produce', '--count', '10'], {
      KAFKA_BROKERS: '127.0.0.1:1',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot reach Kafka at 127.0.0.1:1');
    expect(run.stderr).toContain('KAFKA_BROKERS');
  });

  it('rejects bad options with the reason and the usage', async () => {
    const both = await medallion([
      'produce',
      '--count',
      '10',
      '--duration',
      '5',
    ]);
    expect(both.code).toBe(64);
    expect(both.stderr).toContain('use either --duration or --count, not both');
    expect(both.stderr).toContain('Usage: medallion produce');
    const rate = await medallion(['produce', '--anomaly-rate', '2']);
    expect(rate.code).toBe(64);
    expect(rate.stderr).toContain('--anomaly-rate');
    const unknown = await medallion(['produce', '--nope']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain("Unknown option '--nope'");
    const cap = await medallion(['produce', '--duration', '7200']);
    expect(cap.code).toBe(64);
    expect(cap.stderr).toContain('--max-duration');
    const config = await medallion(['produce', '--count', '1'], {
      KAFKA_BROKERS: 'no-port-here',
    });
    expect(config.code).toBe(78);
    expect(config.stderr).toContain('KAFKA_BROKERS');
  });
});
