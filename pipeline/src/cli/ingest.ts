/** `medallion ingest`: Kafka → bronze.purchases_raw, continuously, with a progress line. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { catalogFromSettings } from '../iceberg/catalog/fromConfig';
import { createKafka, describeKafkaError } from '../kafka/client';
import { BronzeIngester } from '../layers/bronzeIngester';
import { createProgressLine, formatDuration, formatInt } from './progress';
import { UsageError } from './usage';

export const INGEST_HELP = `Usage: medallion ingest [--group <id>] [--topic <name>] [--commit-interval <ms>] [--duration <s>]

Consumes the purchases topic into the Iceberg table bronze.purchases_raw, exactly once:
the consumed offsets are committed with the data, and every restart resumes from the table.
Runs until Ctrl-C / SIGTERM (or --duration), committing what is buffered before it exits.

Options:
  --group <id>             consumer group (default medallion-bronze)
  --topic <name>           topic (default $KAFKA_TOPIC or purchases)
  --commit-interval <ms>   commit at least this often (default 2000)
  --duration <s>           stop after this many seconds
  -h, --help`;

export async function runIngest(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      group: { type: 'string' },
      topic: { type: 'string' },
      'commit-interval': { type: 'string' },
      duration: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${INGEST_HELP}\n`);
    return 0;
  }
  const interval = Number(values['commit-interval'] ?? 2000);
  const duration =
    values.duration === undefined ? undefined : Number(values.duration);
  if (!(interval >= 50))
    throw new UsageError(
      '--commit-interval must be at least 50 ms',
      INGEST_HELP,
    );
  if (duration !== undefined && !(duration > 0))
    throw new UsageError('--duration must be positive', INGEST_HELP);

  const config = loadConfig();
  const topic = values.topic ?? config.kafka.topics.purchases;
  const groupId = values.group ?? 'medallion-bronze';
  const catalog = catalogFromSettings(config.lakehouse);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const progress = createProgressLine();
  let lastError: string | undefined;
  const ingester = new BronzeIngester({
    kafka: createKafka(config.kafka),
    catalog,
    topic,
    groupId,
    commitIntervalMs: interval,
    onError: error => {
      lastError = error.message;
      log(
        `\ncommit failed (will retry): ${describeKafkaError(
          error,
          config.kafka,
        )}`,
      );
    },
  });
  log(
    `medallion ingest: ${topic} → bronze.purchases_raw (group ${groupId}, catalog ${config.lakehouse.catalogUri})`,
  );
  try {
    await ingester.start();
  } catch (error) {
    log(`error: ${describeKafkaError(error, config.kafka)}`);
    await catalog.close();
    return 2;
  }

  const started = Date.now();
  let previous = { records: 0, at: started };
  const ticker = setInterval(() => {
    const s = ingester.stats;
    const now = Date.now();
    const rate =
      ((s.committedRecords - previous.records) * 1000) /
      Math.max(now - previous.at, 1);
    previous = { records: s.committedRecords, at: now };
    const age = s.lastCommitMs
      ? `${((now - s.lastCommitMs) / 1000).toFixed(1)}s ago`
      : 'none yet';
    progress.update(
      `ingesting: ${formatInt(s.committedRecords)} committed · ${formatInt(
        rate,
      )} rec/s · ${formatInt(s.bufferedRecords)} buffered · ` +
        `${s.commits} commits (last ${age}) · partitions ${
          s.assigned.join(',') || '-'
        } · ${s.fenced} fenced · ${formatDuration(now - started)}`,
    );
  }, 1000);

  await new Promise<void>(resolve => {
    const done = (signal?: string) => {
      if (signal)
        log(`\n${signal} received: committing what is buffered, then stopping`);
      resolve();
    };
    process.once('SIGINT', () => done('SIGINT'));
    process.once('SIGTERM', () => done('SIGTERM'));
    if (duration !== undefined)
      setTimeout(() => done(), duration * 1000).unref();
  });
  clearInterval(ticker);
  await ingester.stop();
  await catalog.close();
  const s = ingester.stats;
  progress.done(
    `done: ${formatInt(s.committedRecords)} records committed in ${
      s.commits
    } commits · ${formatDuration(Date.now() - started)}`,
  );
  return lastError && s.commits === 0 ? 1 : 0;
}
