/**
 * Time from a silver commit to its flagged purchases in the API, through the real stack:
 * the standalone backend (its own process) with the demo producer streaming into Kafka,
 * bronze ingesting, silver woken by bronze commits, scoring woken by silver commits (the
 * first model trained by the scoring job itself once silver holds enough purchases).
 *
 * While the stream runs, GET /api/lakehouse/anomalies (flagged, newest first) is polled
 * every --poll-ms; each purchase's first sighting is noted. Afterwards, silver's
 * snapshots are read from the catalog: the snapshot that added a purchase gives its
 * silver commit time. Latency = first sighting − silver commit (resolution: the poll
 * interval). Target: p99 ≤ 5 s.
 *
 * Needs a broker: `npm run bench` starts one (or set KAFKA_PORT / KAFKA_BROKERS).
 * Run: node --import tsx bench/anomaly-latency.ts [--seconds 60] [--poll-ms 250]
 */
import { parseArgs } from 'node:util';
import type {
  AnomaliesPage,
  AnomalyModelResponse,
  AnomalyStats,
} from '../plugins/lakehouse-common/src';
import {
  catalogFromSettings,
  loadConfig,
  loadTable,
  planAppendedFiles,
  readTaskRows,
  SILVER_PURCHASES,
} from '../pipeline/src';
import { startStack } from '../e2e/stack';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    'poll-ms': { type: 'string', default: '250' },
    port: { type: 'string', default: '17270' },
  },
});
const seconds = Number(values.seconds);
const pollMs = Number(values['poll-ms']);

const say = (text: string) => console.log(text);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** When each purchase became visible in silver: its snapshot's commit time. */
async function silverCommitTimes(home: string): Promise<Map<string, number>> {
  const catalog = catalogFromSettings(
    loadConfig({ ...process.env, MEDALLION_HOME: home }).lakehouse,
  );
  try {
    const silver = await loadTable(catalog, SILVER_PURCHASES);
    const out = new Map<string, number>();
    for (const s of silver.metadata.snapshots ?? []) {
      if (s.summary.operation !== 'append') continue;
      const { tasks } = await planAppendedFiles(
        silver,
        s['parent-snapshot-id'],
        s['snapshot-id'],
      );
      for (const task of tasks)
        for (const row of await readTaskRows(silver, task, silver.schema(), [
          'event_id',
        ]))
          out.set(String(row.event_id), s['timestamp-ms']);
    }
    return out;
  } finally {
    await catalog.close();
  }
}

async function main() {
  say('starting the standalone backend with the demo producer (200 events/s)');
  const stack = await startStack({
    frontend: false,
    backendPort: Number(values.port),
  });
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${stack.backendUrl}/api/lakehouse${path}`, {
      headers: { authorization: `Bearer ${stack.token}` },
    });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  try {
    say('waiting for the first anomaly model (trained by the scoring job)');
    const deadline = Date.now() + 180_000;
    for (;;) {
      const model = await get<{ current: { version: string } | null }>(
        '/anomalies/model',
      );
      if (model.current) {
        say(`model ${model.current.version} is scoring`);
        break;
      }
      if (Date.now() > deadline)
        throw new Error('no anomaly model within 180 s');
      await sleep(1000);
    }

    const started = Date.now();
    const since = new Date(started - 10 * 60_000).toISOString();
    const seen = new Map<string, number>();
    let polls = 0;
    say(`polling GET /anomalies every ${pollMs} ms for ${seconds} s`);
    while (Date.now() - started < seconds * 1000) {
      const page = await get<AnomaliesPage>(
        `/anomalies?decision=anomaly&limit=200&since=${encodeURIComponent(
          since,
        )}`,
      );
      const now = Date.now();
      polls++;
      for (const p of page.items)
        if (!seen.has(p.eventId)) seen.set(p.eventId, now);
      await sleep(pollMs);
    }

    const stats = await get<AnomalyStats>('/anomalies/stats');
    const recent = await get<AnomalyStats>(
      `/anomalies/stats?since=${encodeURIComponent(
        new Date(Date.now() - 30_000).toISOString(),
      )}`,
    );
    const model = await get<AnomalyModelResponse>('/anomalies/model');
    const committed = await silverCommitTimes(stack.home);
    const latencies: number[] = [];
    let unknown = 0;
    for (const [eventId, seenAt] of seen) {
      const at = committed.get(eventId);
      if (at === undefined) unknown++;
      // Only purchases committed to silver while we watched.
      else if (at >= started) latencies.push(seenAt - at);
    }
    latencies.sort((a, b) => a - b);
    if (latencies.length === 0)
      throw new Error('no flagged purchase was committed while polling');
    const p99 = quantile(latencies, 0.99);
    const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    say(
      `silver commit → flagged in GET /anomalies: ${
        latencies.length
      } purchases over ${polls} polls; p50 ${fmt(
        quantile(latencies, 0.5),
      )}, p99 ${fmt(p99)}, max ${fmt(
        latencies.at(-1)!,
      )} (resolution ${pollMs} ms${
        unknown ? `; ${unknown} seen but not found in silver's snapshots` : ''
      })`,
    );
    say(`target p99 ≤ 5 s: ${p99 <= 5000 ? 'met' : 'NOT met'}`);
    say(
      `meanwhile: ${stats.scored} purchases scored, ${(
        (stats.flaggedRate ?? 0) * 100
      ).toFixed(1)}% flagged (${((recent.flaggedRate ?? 0) * 100).toFixed(
        1,
      )}% in the last 30 s, AUC ${
        recent.quality[0]?.auc?.toFixed(3) ?? 'n/a'
      }); models ${model.history
        .map(m => `${m.version} (${m.trainingWindow.rows} rows)`)
        .join(', ')}`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
