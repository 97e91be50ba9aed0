/**
 * `medallion ingest`: Kafka → bronze, continuously, with a status line: purchases into
 * bronze.purchases_raw and the producer's labels into bronze.purchase_labels.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { catalogFromSettings } from '../iceberg/catalog/fromConfig';
import { createKafka, describeKafkaError } from '../kafka/client';
import {
  createBronzeStreams,
  DEFAULT_BRONZE_GROUP,
  labelsGroup,
  startBronzeStreams,
  stopBronzeStreams,
  type BronzeStream,
} from '../layers/bronzeStreams';
import { formatLag, LagMonitor, totalLag } from '../layers/ingestLag';
import { createProgressLine, formatDuration, formatInt } from './progress';
import { UsageError } from './usage';

export const INGEST_HELP = `Usage: medallion ingest [--group <id>] [--topic <name>] [--labels-topic <name>] [--commit-interval <ms>] [--duration <s>]

Consumes the purchases topic into the Iceberg table bronze.purchases_raw and the labels
topic into bronze.purchase_labels, exactly once: the consumed offsets are committed with
the data, and every restart resumes from the table. The status line shows the lag per
partition (topic high watermark − offset the table committed), events/s, the age of the
last commit and the files committed. Runs until Ctrl-C / SIGTERM (or --duration),
committing what is buffered before it exits.

Options:
  --group <id>             consumer group (default ${DEFAULT_BRONZE_GROUP}; labels use <id>-labels)
  --topic <name>           topic (default $KAFKA_TOPIC or purchases)
  --labels-topic <name>    labels topic (default $KAFKA_LABELS_TOPIC or purchases.labels)
  --commit-interval <ms>   commit at least this often (default 2000)
  --duration <s>           stop after this many seconds
  -h, --help`;

interface StreamCounters {
  files: number;
}

export async function runIngest(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      group: { type: 'string' },
      topic: { type: 'string' },
      'labels-topic': { type: 'string' },
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
  const labelsTopic = values['labels-topic'] ?? config.kafka.topics.labels;
  const groupId = values.group ?? DEFAULT_BRONZE_GROUP;
  const catalog = catalogFromSettings(config.lakehouse);
  const kafka = createKafka(config.kafka);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const progress = createProgressLine();
  let lastError: string | undefined;
  const counters: Record<BronzeStream['name'], StreamCounters> = {
    purchases: { files: 0 },
    labels: { files: 0 },
  };
  const streams = createBronzeStreams({
    kafka,
    catalog,
    topics: { purchases: topic, labels: labelsTopic },
    groupId,
    commitIntervalMs: interval,
    onCommit: (name, info) => {
      counters[name].files += info.files;
    },
    onError: (name, error) => {
      lastError = error.message;
      log(
        `\n${name} commit failed (will retry): ${describeKafkaError(
          error,
          config.kafka,
        )}`,
      );
    },
  });
  const [purchases, labels] = streams as [BronzeStream, BronzeStream];
  log(
    `medallion ingest: ${topic} → bronze.purchases_raw (group ${groupId}), ${labelsTopic} → bronze.purchase_labels (group ${labelsGroup(
      groupId,
    )}); catalog ${config.lakehouse.catalogUri}`,
  );
  try {
    await startBronzeStreams(streams);
  } catch (error) {
    log(`error: ${describeKafkaError(error, config.kafka)}`);
    await catalog.close();
    return 2;
  }

  const lag = new LagMonitor(
    () => kafka.admin(),
    streams.map(s => ({
      topic: s.topic,
      committed: () => s.ingester.stats.offsets,
    })),
  );
  const started = Date.now();
  let previous = { records: 0, at: started };
  const ticker = setInterval(() => {
    // One broker round trip per tick; the line shows the previous tick's watermarks.
    void lag.poll();
    const s = purchases.ingester.stats;
    const now = Date.now();
    const rate =
      ((s.committedRecords - previous.records) * 1000) /
      Math.max(now - previous.at, 1);
    previous = { records: s.committedRecords, at: now };
    const age = s.lastCommitMs
      ? `${((now - s.lastCommitMs) / 1000).toFixed(1)}s ago`
      : 'none yet';
    const purchaseLag = lag.lag(topic);
    const labelLag = lag.lag(labelsTopic);
    const lagText = purchaseLag
      ? `lag ${formatLag(purchaseLag)} (total ${totalLag(purchaseLag)})`
      : 'lag ?';
    progress.update(
      `ingesting: ${formatInt(s.committedRecords)} committed · ${formatInt(
        rate,
      )} ev/s · ${lagText} · last commit ${age} · ${
        counters.purchases.files
      } files in ${s.commits} commits · ${formatInt(
        s.bufferedRecords,
      )} buffered · ${s.fenced} fenced · labels ${formatInt(
        labels.ingester.stats.committedRecords,
      )} (lag ${labelLag ? totalLag(labelLag) : '?'}) · ${formatDuration(
        now - started,
      )}`,
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
  await stopBronzeStreams(streams);
  await lag.close();
  await catalog.close();
  const s = purchases.ingester.stats;
  const l = labels.ingester.stats;
  progress.done(
    `done: ${formatInt(s.committedRecords)} records committed in ${
      s.commits
    } commits · ${formatInt(l.committedRecords)} labels in ${
      l.commits
    } commits · ${formatDuration(Date.now() - started)}`,
  );
  return lastError && s.commits + l.commits === 0 ? 1 : 0;
}
