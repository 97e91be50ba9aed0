/**
 * `medallion run` (what `npm start` runs): the local platform with live data in one
 * process — the seeded producer into Kafka, the exactly-once ingester into bronze, and
 * silver following bronze — with one status line. Ctrl-C stops all three cleanly.
 */
import { randomInt } from 'node:crypto';
import { loadConfig } from '../config';
import { catalogFromSettings } from '../iceberg/catalog/fromConfig';
import { createKafka, describeKafkaError } from '../kafka/client';
import {
  createPurchaseProducer,
  producePurchases,
  type ProduceStats,
} from '../kafka/purchaseProducer';
import { ensureTopics, pipelineTopics } from '../kafka/topics';
import {
  createBronzeStreams,
  startBronzeStreams,
  stopBronzeStreams,
  streamStats,
} from '../layers/bronzeStreams';
import { SilverThread } from '../layers/silverThread';
import { maintainStreamingTables } from '../layers/streamingMaintenance';
import { parseDuration } from './maintain';
import {
  PRODUCE_HELP,
  parseProduceArgs,
  runDurationSec,
  toProduceOptions,
} from './produce';
import { createProgressLine, formatDuration, formatInt } from './progress';

export const RUN_HELP = `Usage: medallion run [--maintain-every <duration>] [produce options]

Runs the local platform with live data: produces purchase events into Kafka, ingests them
exactly once into bronze.purchases_raw (and their labels into bronze.purchase_labels) and
keeps silver.purchases / purchases_rejected up to date, printing one status line. Query the live tables meanwhile with: medallion sql "..."
The producer stops at its duration cap (default 900 s); ingestion and silver run until Ctrl-C.
Every --maintain-every (default 5m; 0 turns it off) the streaming tables are maintained
as by medallion maintain (compaction, snapshot expiry, orphan files), alongside ingestion.

Producer options are those of medallion produce:
${PRODUCE_HELP.split('\n').slice(5).join('\n')}`;

/** Takes `--name value` / `--name=value` out of argv (the rest are producer options). */
function takeOption(
  argv: string[],
  name: string,
): { value?: string; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}`) value = argv[++i] ?? '';
    else if (arg.startsWith(`--${name}=`)) value = arg.slice(name.length + 3);
    else rest.push(arg);
  }
  return { value, rest };
}

/** Resolves after `ms`, or as soon as the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

export async function runPlatform(argv: string[]): Promise<number> {
  const maintain = takeOption(argv, 'maintain-every');
  const maintainEveryMs =
    maintain.value === undefined || maintain.value === '0'
      ? Number(maintain.value ?? 300_000)
      : parseDuration(maintain.value, '--maintain-every');
  const opts = parseProduceArgs(maintain.rest);
  if (opts === 'help') {
    process.stdout.write(`${RUN_HELP}\n`);
    return 0;
  }
  const config = loadConfig();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const kafka = createKafka(config.kafka);
  const catalog = catalogFromSettings(config.lakehouse);
  const topic = opts.topic ?? config.kafka.topics.purchases;
  const labelsTopic = opts['labels-topic'] ?? config.kafka.topics.labels;
  try {
    await ensureTopics(
      kafka,
      pipelineTopics({
        ...config.kafka,
        topics: {
          ...config.kafka.topics,
          purchases: topic,
          labels: labelsTopic,
        },
      }),
    );
  } catch (error) {
    log(`error: ${describeKafkaError(error, config.kafka)}`);
    await catalog.close();
    return 2;
  }
  const seed = opts.seed ?? String(randomInt(1, 2 ** 31));
  const durationSec = runDurationSec(opts);
  log(
    `medallion run: producer (seed ${seed}, ${formatInt(
      opts.rate,
    )} ev/s mean) → ${topic} → bronze.purchases_raw → silver.purchases (labels → bronze.purchase_labels)`,
  );
  log(
    `catalog ${config.lakehouse.catalogUri} · warehouse ${config.lakehouse.warehouse}`,
  );

  const errors: string[] = [];
  let silverTotals = { accepted: 0, rejected: 0, runs: 0 };
  // Silver runs on its own thread (a core of its own), as soon as bronze commits and
  // every 2 s regardless.
  const silver = new SilverThread({
    lakehouse: config.lakehouse,
    onRun: r => {
      silverTotals = {
        accepted: silverTotals.accepted + r.accepted,
        rejected: silverTotals.rejected + r.rejected,
        runs: silverTotals.runs + 1,
      };
    },
    onError: e => errors.push(`silver: ${e.message}`),
  });
  const streams = createBronzeStreams({
    kafka,
    catalog,
    topics: { purchases: topic, labels: labelsTopic },
    onError: (name, e) => errors.push(`${name}: ${e.message}`),
    onCommit: name => {
      if (name === 'purchases') silver.wake();
    },
  });
  const ingested = streamStats(streams, 'purchases');
  const labelsIngested = streamStats(streams, 'labels');
  const producer = createPurchaseProducer(kafka);
  try {
    await startBronzeStreams(streams);
    await producer.connect();
  } catch (error) {
    log(`error: ${describeKafkaError(error, config.kafka)}`);
    await catalog.close();
    return 2;
  }

  const stop = new AbortController();
  const onSignal = (signal: string) => {
    if (stop.signal.aborted) return;
    log(
      `\n${signal} received: stopping the producer, committing bronze, finishing silver`,
    );
    stop.abort();
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));

  let produced: Readonly<ProduceStats> | undefined;
  let producerDone = false;
  const producing = producePurchases(
    producer,
    toProduceOptions(opts, {
      seed,
      startMs: opts.start ? Date.parse(opts.start) : Date.now(),
      topic,
      labelsTopic,
      durationSec,
    }),
    {
      signal: stop.signal,
      onProgress: s => (produced = s),
      progressIntervalMs: 500,
    },
  )
    .then(r => {
      produced = r.stats;
      if (!stop.signal.aborted)
        log(
          `\nproducer finished (${r.reason}); ingestion and silver keep running until Ctrl-C`,
        );
    })
    .catch(error => errors.push(`producer: ${(error as Error).message}`))
    .finally(() => {
      producerDone = true;
    });

  silver.start();

  // Maintenance shares the process but not the loops: ingestion and silver keep
  // committing while it runs (their commits and its commits retry on conflict).
  let maintenance = { runs: 0, compacted: 0, expired: 0, orphans: 0 };
  const maintenanceLoop = (async () => {
    while (maintainEveryMs > 0 && !stop.signal.aborted) {
      await pause(maintainEveryMs, stop.signal);
      if (stop.signal.aborted) break;
      try {
        const reports = await maintainStreamingTables(catalog, {
          signal: stop.signal,
        });
        maintenance = reports.reduce(
          (m, r) => ({
            ...m,
            compacted: m.compacted + r.compaction.rewrittenFiles,
            expired: m.expired + r.expiredSnapshots,
            orphans: m.orphans + r.orphanFiles,
          }),
          { ...maintenance, runs: maintenance.runs + 1 },
        );
      } catch (error) {
        errors.push(`maintenance: ${(error as Error).message}`);
      }
    }
  })();

  const progress = createProgressLine();
  const started = Date.now();
  const status = () =>
    `${producerDone ? 'produced' : 'producing'} ${formatInt(
      produced?.sent ?? 0,
    )} · bronze ${formatInt(ingested.committedRecords)} ` +
    `(${formatInt(ingested.bufferedRecords)} buffered, ${formatInt(
      labelsIngested.committedRecords,
    )} labels) · silver ${formatInt(
      silverTotals.accepted,
    )} accepted / ${formatInt(silverTotals.rejected)} rejected · ` +
    `maintenance ${maintenance.runs} runs (${formatInt(
      maintenance.compacted,
    )} files compacted) · ` +
    `${errors.length} errors · ${formatDuration(Date.now() - started)}`;
  const ticker = setInterval(() => progress.update(status()), 1000);
  await new Promise<void>(resolve =>
    stop.signal.addEventListener('abort', () => resolve()),
  );
  clearInterval(ticker);
  await producing;
  await producer.disconnect().catch(() => undefined);
  await stopBronzeStreams(streams);
  await maintenanceLoop;
  // Silver then catches up with what bronze committed on the way out.
  await silver.stop();
  progress.done(`stopped: ${status()}`);
  for (const e of errors.slice(-5)) log(`  error: ${e}`);
  await catalog.close();
  return 0;
}
