/**
 * Streaming benchmarks against a real broker (bench/run.sh starts one), with the bronze
 * ingester and silver composed as `medallion run` composes them (one process; silver on a
 * worker thread, woken by each bronze commit):
 *
 *   catch-up   N pre-loaded events (default 1,000,000; 1 % malformed) → committed silver:
 *              events/s, CPU-seconds per 1k events, peak RSS while catching up.
 *              Targets: ≥ 50,000 events/s, RSS ≤ 1 GiB.
 *   freshness  events produced at --rate for --seconds while ingesting: per event, the
 *              time from its Kafka timestamp (set when the producer sent it) to the commit
 *              of the silver snapshot that made it visible, from the tables themselves.
 *              p50 / p99 / max. Target: p99 ≤ 5 s at 5,000 events/s.
 *
 * Each run uses its own topic, consumer group and temporary warehouse + SQLite catalog.
 *
 *   node --import tsx bench/streaming.ts catch-up [--events 1000000]
 *   node --import tsx bench/streaming.ts freshness [--rate 5000] [--seconds 60]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createKafka,
  createPurchaseProducer,
  ensureTopics,
  loadConfig,
  producePurchases,
} from '../pipeline/src';
import { catalogFromSettings } from '../pipeline/src/iceberg/catalog/fromConfig';
import { planAppendedFiles } from '../pipeline/src/iceberg/scan';
import { readTaskRows } from '../pipeline/src/iceberg/tableScan';
import type { Catalog } from '../pipeline/src/iceberg';
import { loadTable, type Table } from '../pipeline/src/iceberg/table';
import { BronzeIngester } from '../pipeline/src/layers/bronzeIngester';
import { BRONZE_PURCHASES } from '../pipeline/src/layers/bronzeTable';
import { watermarkOf } from '../pipeline/src/layers/silverProcessor';
import { SilverThread } from '../pipeline/src/layers/silverThread';
import {
  SILVER_PURCHASES,
  SILVER_REJECTED,
} from '../pipeline/src/layers/silverRows';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    events: { type: 'string', default: '1000000' },
    rate: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '60' },
    partitions: { type: 'string', default: '6' },
  },
});
const mode = positionals[0] ?? 'catch-up';
if (mode !== 'catch-up' && mode !== 'freshness') {
  console.error('usage: bench/streaming.ts catch-up|freshness [options]');
  process.exit(2);
}

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Peak resident set size of this process so far (VmHWM), bytes. */
function peakRss(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : process.memoryUsage().rss;
}

const home = mkdtempSync(join(tmpdir(), 'medallion-bench-'));
const run = `bench-${Date.now().toString(36)}`;
const config = loadConfig({
  ...process.env,
  MEDALLION_HOME: home,
  KAFKA_TOPIC: `${run}-purchases`,
  KAFKA_LABELS_TOPIC: `${run}-labels`,
  KAFKA_TOPIC_PARTITIONS: values.partitions,
});
const kafka = createKafka(config.kafka);
const catalog: Catalog = catalogFromSettings(config.lakehouse);
const { purchases, labels } = config.kafka.topics;

const createTopics = () =>
  ensureTopics(
    kafka,
    [purchases, labels].map(topic => ({
      topic,
      numPartitions: Number(values.partitions),
      replicationFactor: 1,
    })),
  );

async function preload(count: number, rate: number, maxSpeed: boolean) {
  const producer = createPurchaseProducer(kafka);
  await producer.connect();
  try {
    return await producePurchases(producer, {
      seed: run,
      schemaVersion: 1,
      rate,
      startMs: Date.now(),
      anomalyRate: 0.01,
      malformedRate: 0.01,
      topic: purchases,
      labelsTopic: labels,
      count: maxSpeed ? count : undefined,
      durationSec: maxSpeed ? undefined : count / rate,
      maxSpeed,
      batchSize: maxSpeed ? 2000 : 250,
    });
  } finally {
    await producer.disconnect();
  }
}

async function highWatermarks(): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(purchases);
    return offsets.reduce((n, o) => n + Number(o.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** The streaming pipeline minus the producer, as `medallion run` composes it. */
function startPipeline() {
  let silverRows = 0;
  const follower = new SilverThread({
    lakehouse: config.lakehouse,
    onRun: r => {
      silverRows += r.accepted + r.rejected;
    },
    onError: e => console.error(`silver: ${e.message}`),
  });
  const ingester = new BronzeIngester({
    kafka,
    catalog,
    topic: purchases,
    groupId: `${run}-bronze`,
    onCommit: () => follower.wake(),
    onError: e => console.error(`ingester: ${e.message}`),
  });
  follower.start();
  return {
    ingester,
    follower,
    silverRows: () => silverRows,
    async stop() {
      await ingester.stop();
      await follower.stop({ finalRun: false });
    },
  };
}

const load = (name: typeof BRONZE_PURCHASES) => loadTable(catalog, name);

/** True once silver (accepted + rejected) has absorbed bronze's head and bronze holds `events`. */
async function caughtUp(events: number): Promise<boolean> {
  try {
    const bronze = await load(BRONZE_PURCHASES);
    const head = bronze.metadata['current-snapshot-id'];
    const total = Number(
      bronze.currentSnapshot()?.summary['total-records'] ?? 0,
    );
    if (head === undefined || total < events) return false;
    const silver = await load(SILVER_PURCHASES);
    const rejected = await load(SILVER_REJECTED);
    return (
      watermarkOf(silver.metadata) === head &&
      watermarkOf(rejected.metadata) === head
    );
  } catch {
    return false; // tables not created yet
  }
}

/** Commit time (ms) of the snapshot that added each row, keyed by partition:offset. */
async function visibleAt(table: Table): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const snapshots = [...(table.metadata.snapshots ?? [])].sort(
    (a, b) => Number(a['sequence-number']) - Number(b['sequence-number']),
  );
  for (const s of snapshots) {
    if (s.summary.operation !== 'append') continue;
    const { tasks } = await planAppendedFiles(
      table,
      s['parent-snapshot-id'],
      s['snapshot-id'],
    );
    for (const task of tasks) {
      const rows = await readTaskRows(table, task, table.schema(), [
        'kafka_partition',
        'kafka_offset',
      ]);
      for (const r of rows)
        out.set(`${r.kafka_partition}:${r.kafka_offset}`, s['timestamp-ms']);
    }
  }
  return out;
}

/** With BENCH_CPU_PROFILE=file.cpuprofile, a CPU profile of the measured phase (main thread). */
async function startProfile() {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      console.log(`  CPU profile of the main thread: ${file}`);
    },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function catchUp() {
  const events = Number(values.events);
  console.log(
    `catch-up: pre-loading ${fmtInt(
      events,
    )} events (1 % malformed) into ${purchases} (${
      values.partitions
    } partitions)`,
  );
  await createTopics();
  const loaded = await preload(events, 1000, true);
  const onBroker = await highWatermarks();
  console.log(
    `  pre-loaded ${fmtInt(loaded.stats.sent)} in ${(
      loaded.stats.elapsedMs / 1000
    ).toFixed(1)} s; broker holds ${fmtInt(onBroker)}`,
  );
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const profiler = await startProfile();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const pipeline = startPipeline();
  await pipeline.ingester.start();
  let bronzeAt: number | undefined;
  let lastReport = t0;
  for (;;) {
    await sleep(250);
    const stats = pipeline.ingester.stats;
    if (bronzeAt === undefined && stats.committedRecords >= onBroker)
      bronzeAt = performance.now();
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      console.log(
        `  … ${((lastReport - t0) / 1000).toFixed(0)} s: bronze ${fmtInt(
          stats.committedRecords,
        )}, silver ${fmtInt(pipeline.silverRows())}, rss ${(
          process.memoryUsage().rss /
          2 ** 20
        ).toFixed(0)} MiB`,
      );
    }
    if (await caughtUp(onBroker)) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await profiler?.stop();
  await pipeline.stop();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rate = onBroker / seconds;
  console.log(
    `catch-up ${fmtInt(onBroker)} events → committed silver: ${seconds.toFixed(
      1,
    )} s = ${fmtInt(rate)} events/s (bronze caught up after ${(
      ((bronzeAt ?? performance.now()) - t0) /
      1000
    ).toFixed(1)} s)`,
  );
  console.log(
    `  CPU ${cpuSeconds.toFixed(1)} s = ${(
      (cpuSeconds / onBroker) *
      1000
    ).toFixed(3)} CPU-s per 1k events; RSS peak ${(peak / 2 ** 20).toFixed(
      0,
    )} MiB while catching up (${(rssBefore / 2 ** 20).toFixed(
      0,
    )} MiB before; process VmHWM ${(peakRss() / 2 ** 20).toFixed(0)} MiB)`,
  );
  console.log(
    `  target ≥ 50,000 events/s: ${
      rate >= 50_000 ? 'met' : 'NOT met'
    }; RSS ≤ 1 GiB: ${peak <= 2 ** 30 ? 'met' : 'NOT met'}`,
  );
}

async function freshness() {
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  await createTopics();
  const pipeline = startPipeline();
  await pipeline.ingester.start();
  console.log(
    `freshness: producing ~${fmtInt(
      rate,
    )} events/s for ${seconds} s while ingesting`,
  );
  const produced = await preload(rate * seconds, rate, false);
  const onBroker = await highWatermarks();
  console.log(
    `  produced ${fmtInt(produced.stats.sent)} (${fmtInt(
      produced.stats.sent / (produced.stats.elapsedMs / 1000),
    )} events/s achieved)`,
  );
  while (!(await caughtUp(onBroker))) await sleep(250);
  await pipeline.stop();

  const bronze = await load(BRONZE_PURCHASES);
  const silverVisible = new Map([
    ...(await visibleAt(await load(SILVER_PURCHASES))),
    ...(await visibleAt(await load(SILVER_REJECTED))),
  ]);
  const bronzeVisible = await visibleAt(bronze);
  const toSilver: number[] = [];
  const toBronze: number[] = [];
  for (const s of bronze.metadata.snapshots ?? []) {
    if (s.summary.operation !== 'append') continue;
    const { tasks } = await planAppendedFiles(
      bronze,
      s['parent-snapshot-id'],
      s['snapshot-id'],
    );
    for (const task of tasks)
      for (const r of await readTaskRows(bronze, task, bronze.schema(), [
        'kafka_partition',
        'kafka_offset',
        'kafka_ts',
      ])) {
        const key = `${r.kafka_partition}:${r.kafka_offset}`;
        const sentMs = Number(r.kafka_ts as bigint) / 1000;
        const silverMs = silverVisible.get(key);
        if (silverMs !== undefined) toSilver.push(silverMs - sentMs);
        toBronze.push(bronzeVisible.get(key)! - sentMs);
      }
  }
  toSilver.sort((a, b) => a - b);
  toBronze.sort((a, b) => a - b);
  const line = (name: string, xs: number[]) =>
    `  ${name.padEnd(10)} p50 ${(percentile(xs, 50) / 1000).toFixed(
      2,
    )} s  p99 ${(percentile(xs, 99) / 1000).toFixed(2)} s  max ${(
      xs[xs.length - 1]! / 1000
    ).toFixed(2)} s  (${fmtInt(xs.length)} events)`;
  console.log(`produce → visible at ~${fmtInt(rate)} events/s offered:`);
  console.log(line('bronze', toBronze));
  console.log(line('silver', toSilver));
  if (toSilver.length !== onBroker)
    console.log(
      `  WARNING: ${fmtInt(
        onBroker - toSilver.length,
      )} events not found in silver`,
    );
  const p99 = percentile(toSilver, 99) / 1000;
  console.log(
    `  target p99 ≤ 5 s at 5,000 events/s: ${
      p99 <= 5 ? 'met' : 'NOT met'
    } (${p99.toFixed(2)} s at ${fmtInt(rate)})`,
  );
}

(mode === 'catch-up' ? catchUp() : freshness())
  .catch(error => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(home, { recursive: true, force: true }));
