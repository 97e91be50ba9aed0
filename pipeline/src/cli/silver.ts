/** `medallion silver`: bronze → silver + quarantine, once or continuously; or a full rebuild. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { catalogFromSettings } from '../iceberg/catalog/fromConfig';
import {
  SilverProcessor,
  type SilverRunResult,
} from '../layers/silverProcessor';
import { rebuildSilver } from '../layers/silverRebuild';
import { formatInt } from './progress';
import { UsageError } from './usage';

export const SILVER_HELP = `Usage: medallion silver [--follow] [--interval <ms>] [--dedup-window-days <n>]
       medallion silver rebuild

Turns what bronze.purchases_raw committed since the last run into silver.purchases (typed,
validated, deduplicated) and silver.purchases_rejected (every bad record with a reason).
Without --follow it runs once; with --follow it keeps going until Ctrl-C / SIGTERM, finishing
the run in progress first.

rebuild replays all of bronze into both silver tables, each replaced by one atomic
overwrite that sets the watermark to the bronze snapshot it read, so incremental runs
continue from there. A silver run committing meanwhile makes the rebuild start over
(at most 3 times); for large tables stop the follower first.`;

export function describeRun(r: SilverRunResult): string {
  return `${formatInt(r.read)} read · ${formatInt(
    r.accepted,
  )} accepted · ${formatInt(r.rejected)} rejected (${formatInt(
    r.duplicates,
  )} duplicates)${r.schemaEvolved ? ' · schema evolved' : ''}`;
}

export async function runSilver(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      follow: { type: 'boolean' },
      interval: { type: 'string' },
      'dedup-window-days': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${SILVER_HELP}\n`);
    return 0;
  }
  if (positionals.length > 1 || (positionals[0] ?? 'rebuild') !== 'rebuild')
    throw new UsageError(
      `unknown silver command "${positionals.join(' ')}"`,
      SILVER_HELP,
    );
  if (positionals[0] === 'rebuild') return runRebuild();
  const interval = Number(values.interval ?? 2000);
  const windowDays = Number(values['dedup-window-days'] ?? 7);
  if (!(interval >= 100))
    throw new UsageError('--interval must be at least 100 ms', SILVER_HELP);
  if (!(windowDays >= 0))
    throw new UsageError('--dedup-window-days must be 0 or more', SILVER_HELP);
  const catalog = catalogFromSettings(loadConfig().lakehouse);
  const processor = new SilverProcessor({
    catalog,
    dedupWindowDays: windowDays,
  });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    if (!values.follow) {
      const total = await processor.runUntilCaughtUp(r => {
        if (r.more) log(`silver: ${describeRun(r)} (more to come)`);
      });
      log(`silver: ${describeRun(total)}`);
      return 0;
    }
    let stop = false;
    const onSignal = (signal: string) => {
      log(`${signal} received: finishing the run in progress, then stopping`);
      stop = true;
    };
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    log(`silver: following bronze every ${interval} ms (Ctrl-C stops)`);
    while (!stop) {
      const r = await processor.runOnce().catch(error => {
        log(`silver run failed (will retry): ${(error as Error).message}`);
        return undefined;
      });
      if (r && r.read > 0) log(`silver: ${describeRun(r)}`);
      if (r?.more) continue; // catching up: no pause between bounded batches
      for (let waited = 0; waited < interval && !stop; waited += 100)
        await new Promise(res => setTimeout(res, 100));
    }
    return 0;
  } finally {
    await catalog.close();
  }
}

async function runRebuild(): Promise<number> {
  const catalog = catalogFromSettings(loadConfig().lakehouse);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const r = await rebuildSilver({
      catalog,
      onProgress: message => {
        log(`silver rebuild: ${message}`);
      },
    });
    if (r.bronzeSnapshotId === undefined) {
      log('silver rebuild: bronze is empty, nothing to rebuild');
      return 0;
    }
    log(
      `silver rebuild: ${formatInt(r.read)} read · ${formatInt(
        r.accepted,
      )} accepted · ${formatInt(r.rejected)} rejected (${formatInt(
        r.duplicates,
      )} duplicates) · watermark = bronze snapshot ${r.bronzeSnapshotId}`,
    );
    return 0;
  } finally {
    await catalog.close();
  }
}
