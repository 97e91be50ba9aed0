/**
 * Producer throughput into the local broker, with peers measured in the same run:
 *   1. generator only (no Kafka): how fast events are made;
 *   2. `medallion produce` path (generator + kafkajs, idempotent, acks=all);
 *   3. kafkajs alone with the same pre-built payloads (isolates generation cost);
 *   4. Kafka's own Java ProducerPerformance with the same record count and size.
 * Prints events/s and MB/s and the ratios. Run through bench/run.sh (starts a broker).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Partitioners, type Message } from 'kafkajs';
import {
  createKafka,
  createPurchaseProducer,
  ensureTopics,
  loadConfig,
  producePurchases,
  PurchaseGenerator,
  type GeneratorOptions,
} from '../pipeline/src';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '300000' },
    'batch-size': { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
    'peer-libs': { type: 'string' },
  },
});
const count = Number(values.count);
const batchSize = Number(values['batch-size']);
const runs = Math.max(1, Number(values.runs));
const settings = loadConfig().kafka;
const kafka = createKafka(settings);
const genOptions: GeneratorOptions = {
  seed: 'bench',
  schemaVersion: 1,
  rate: 1000,
  startMs: Date.parse('2026-11-27T08:00:00Z'),
  anomalyRate: 0.01,
  malformedRate: 0,
};

interface Row {
  name: string;
  events: number;
  seconds: number;
  bytes: number;
}
const rows: Row[] = [];
const report = (r: Row) => {
  rows.push(r);
  process.stdout.write(
    `${r.name.padEnd(44)} ${Math.round(r.events / r.seconds)
      .toLocaleString('en-US')
      .padStart(10)} ev/s ` +
      `${(r.bytes / 1e6 / r.seconds)
        .toFixed(1)
        .padStart(7)} MB/s  (${r.events.toLocaleString(
        'en-US',
      )} events, ${r.seconds.toFixed(2)} s)\n`,
  );
};

async function freshTopic(name: string) {
  const topic = `${name}-${Date.now()}`;
  const spec = {
    numPartitions: settings.topics.partitions,
    replicationFactor: -1,
  };
  await ensureTopics(kafka, [
    { topic, ...spec },
    { topic: `${topic}.labels`, ...spec },
  ]);
  return topic;
}

async function main() {
  process.stdout.write(
    `producer benchmark: ${count.toLocaleString(
      'en-US',
    )} events, batches of ${batchSize}, brokers ${settings.brokers.join(
      ',',
    )}, node ${process.version}\n\n`,
  );

  // 1. Generator only.
  {
    const generator = new PurchaseGenerator(genOptions);
    const t0 = performance.now();
    let bytes = 0;
    for (let i = 0; i < count; i++) bytes += generator.next().value.length;
    report({
      name: 'generator only (no Kafka)',
      events: count,
      seconds: (performance.now() - t0) / 1000,
      bytes,
    });
  }

  // 2 and 3 alternate, `runs` times each; the median run of each is reported.
  let avgBytes = 0;
  const medallionRuns: Row[] = [];
  const kafkajsRuns: Row[] = [];
  const median = (xs: Row[]) =>
    [...xs].sort((a, b) => a.events / a.seconds - b.events / b.seconds)[
      Math.floor(xs.length / 2)
    ]!;
  for (let run = 0; run < runs; run++) {
    {
      const topic = await freshTopic('bench-medallion');
      const producer = createPurchaseProducer(kafka);
      await producer.connect();
      const t0 = performance.now();
      const { stats } = await producePurchases(producer, {
        ...genOptions,
        topic,
        labelsTopic: `${topic}.labels`,
        count,
        maxSpeed: true,
        batchSize,
      });
      const seconds = (performance.now() - t0) / 1000;
      await producer.disconnect();
      avgBytes = stats.bytes / stats.sent;
      medallionRuns.push({
        name: 'medallion produce (idempotent, acks=all)',
        events: stats.sent,
        seconds,
        bytes: stats.bytes,
      });
    }

    // 3. kafkajs alone, payloads built beforehand.
    {
      const topic = await freshTopic('bench-kafkajs');
      const generator = new PurchaseGenerator(genOptions);
      const messages: Message[] = new Array(count);
      let bytes = 0;
      for (let i = 0; i < count; i++) {
        const r = generator.next();
        messages[i] = { key: r.key, value: r.value };
        bytes += r.value.length;
      }
      const producer = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      const t0 = performance.now();
      for (let i = 0; i < count; i += batchSize) {
        await producer.send({
          topic,
          acks: -1,
          messages: messages.slice(i, i + batchSize),
        });
      }
      const seconds = (performance.now() - t0) / 1000;
      await producer.disconnect();
      kafkajsRuns.push({
        name: 'kafkajs alone (pre-built payloads)',
        events: count,
        seconds,
        bytes,
      });
    }
    process.stdout.write(
      `  run ${run + 1}/${runs}: medallion ${Math.round(
        medallionRuns[run]!.events / medallionRuns[run]!.seconds,
      )} ev/s, kafkajs alone ${Math.round(
        kafkajsRuns[run]!.events / kafkajsRuns[run]!.seconds,
      )} ev/s\n`,
    );
  }
  report({
    ...median(medallionRuns),
    name: `medallion produce (idempotent, acks=all), median of ${runs}`,
  });
  report({
    ...median(kafkajsRuns),
    name: `kafkajs alone (pre-built payloads), median of ${runs}`,
  });

  // 4. Kafka's Java producer benchmark, same count and record size.
  const peerLibs = values['peer-libs'];
  if (peerLibs && existsSync(peerLibs)) {
    const topic = await freshTopic('bench-java');
    const classpath = readdirSync(peerLibs)
      .map(f => join(peerLibs, f))
      .join(':');
    const recordSize = Math.round(avgBytes);
    const t0 = performance.now();
    const out = execFileSync(
      'java',
      [
        '-Xmx512m',
        '-cp',
        classpath,
        'org.apache.kafka.tools.ProducerPerformance',
        '--topic',
        topic,
        '--num-records',
        String(count),
        '--record-size',
        String(recordSize),
        '--throughput',
        '-1',
        '--producer-props',
        `bootstrap.servers=${settings.brokers.join(',')}`,
        'acks=all',
        'enable.idempotence=true',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const wall = (performance.now() - t0) / 1000;
    const last = out.trim().split('\n').pop() ?? '';
    const match = /([\d.]+) records\/sec/.exec(last);
    const perSec = match ? Number(match[1]) : count / wall;
    report({
      name: 'Java ProducerPerformance (peer, JVM)',
      events: count,
      seconds: count / perSec,
      bytes: count * recordSize,
    });
    process.stdout.write(`  peer says: ${last}\n`);
  } else {
    process.stdout.write(
      'Java peer skipped: pass --peer-libs <dir> (bench/run.sh fetches it)\n',
    );
  }

  const medallion = rows.find(r => r.name.startsWith('medallion'))!;
  const rate = (r: Row) => r.events / r.seconds;
  process.stdout.write('\nratios (medallion produce vs peer):\n');
  for (const r of rows.filter(x => x !== medallion)) {
    process.stdout.write(
      `  vs ${r.name.padEnd(40)} ${(rate(medallion) / rate(r)).toFixed(2)}x\n`,
    );
  }
  process.stdout.write(
    `\npeak RSS of this process: ${(
      process.resourceUsage().maxRSS / 1024
    ).toFixed(0)} MiB\n`,
  );
  const target = 50_000;
  process.stdout.write(
    `\ntarget ≥ ${target.toLocaleString('en-US')} ev/s from one process: ${
      rate(medallion) >= target ? 'met' : 'NOT met'
    } (${Math.round(rate(medallion)).toLocaleString('en-US')} ev/s)\n`,
  );
}

main().catch(error => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
