/**
 * One status line in the backend log every 30 s, so whoever runs the backend in a
 * terminal (`npm start`) sees the pipeline move without opening the UI or the API.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { LakehouseReader } from './lakehouse';
import type { JobManager } from './runs';

const fmt = (n: number) => n.toLocaleString('en-US');

export async function statusLine(
  jobs: JobManager,
  reader: LakehouseReader,
  since: Date,
): Promise<string> {
  const [list, tables, failed] = await Promise.all([
    jobs.listJobs(),
    reader.listTables(),
    jobs.listRuns({ status: ['failed'], limit: 200 }),
  ]);
  const rows = (id: string) => tables.find(t => t.id === id)?.rows ?? 0;
  const bronze = list.find(j => j.name === 'bronze');
  const silver = list.find(j => j.name === 'silver');
  const silverAt = silver?.lastRun?.finishedAt;
  const failures = failed.items.filter(
    r => Date.parse(r.createdAt) >= since.getTime(),
  ).length;
  return [
    `bronze ${fmt(rows('bronze.purchases_raw'))} purchases committed${
      bronze?.activeRun ? '' : ' (ingester not running)'
    }`,
    `silver ${fmt(rows('silver.purchases'))} accepted / ${fmt(
      rows('silver.purchases_rejected'),
    )} rejected${
      silverAt
        ? ` (last run ${Math.round(
            (Date.now() - Date.parse(silverAt)) / 1000,
          )} s ago)`
        : ''
    }`,
    `${failures} failed runs`,
  ].join(' · ');
}

export function startStatusLog(options: {
  jobs: JobManager;
  reader: LakehouseReader;
  logger: LoggerService;
  intervalMs?: number;
}): () => void {
  const since = new Date();
  const timer = setInterval(() => {
    statusLine(options.jobs, options.reader, since).then(
      line => options.logger.info(`lakehouse: ${line}`),
      error => options.logger.warn(`lakehouse status: ${error.message}`),
    );
  }, options.intervalMs ?? 30_000);
  timer.unref();
  return () => clearInterval(timer);
}
