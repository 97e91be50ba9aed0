/** `medallion maintain`: compaction, snapshot expiry and orphan cleanup of the streaming tables. */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config';
import { parseIdentifier } from '../iceberg/catalog/catalog';
import { catalogFromSettings } from '../iceberg/catalog/fromConfig';
import {
  describeMaintenance,
  maintainStreamingTables,
  STREAMING_TABLES,
  type MaintenanceOptions,
} from '../layers/streamingMaintenance';
import { UsageError } from './usage';

export const MAINTAIN_HELP = `Usage: medallion maintain [--table <ns.name>] [--older-than <duration>] [--retain <n>]
                         [--orphan-age <duration>] [--min-files <n>]

Maintains the streaming tables (${STREAMING_TABLES.map(id =>
  [...id.namespace, id.name].join('.'),
).join(', ')}):
compacts small files per partition, expires old snapshots, deletes orphan files, and
makes sure old metadata files are deleted after each commit. Safe while ingestion and
silver run: Kafka offsets and silver watermarks are carried forward and never expired.
medallion run does this on a schedule (--maintain-every).

Options:
  --table <ns.name>          only this table (repeatable)
  --older-than <duration>    expire snapshots older than this (default 30m; e.g. 90s, 10m, 2h, 7d)
  --retain <n>               always keep the newest n snapshots (default 10)
  --orphan-age <duration>    only files older than this can be orphans (default 1h)
  --min-files <n>            compact a partition once it has n small files (default 5)
  -h, --help`;

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const durationText = z
  .string()
  .regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/, 'a number with a unit: ms, s, m, h or d');

/** "90s", "10m", "2h", "7d" → milliseconds. */
export function parseDuration(text: string, option: string): number {
  const parsed = durationText.safeParse(text.trim());
  if (!parsed.success)
    throw new UsageError(
      `${option} must be ${parsed.error.issues[0]!.message} (got "${text}")`,
      MAINTAIN_HELP,
    );
  const [, amount, unit] = /^([\d.]+)(ms|s|m|h|d)$/.exec(parsed.data)!;
  return Number(amount) * UNITS[unit!]!;
}

function positiveInt(text: string | undefined, option: string) {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${option} must be a positive integer`, MAINTAIN_HELP);
  return n;
}

/** Maintenance options from the flags shared by maintain and run. */
export function maintenanceOptions(values: {
  'older-than'?: string;
  retain?: string;
  'orphan-age'?: string;
  'min-files'?: string;
}): MaintenanceOptions {
  return {
    snapshotMaxAgeMs:
      values['older-than'] === undefined
        ? undefined
        : parseDuration(values['older-than'], '--older-than'),
    retainSnapshots: positiveInt(values.retain, '--retain'),
    orphanMinAgeMs:
      values['orphan-age'] === undefined
        ? undefined
        : parseDuration(values['orphan-age'], '--orphan-age'),
    minInputFiles: positiveInt(values['min-files'], '--min-files'),
  };
}

export async function runMaintain(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      table: { type: 'string', multiple: true },
      'older-than': { type: 'string' },
      retain: { type: 'string' },
      'orphan-age': { type: 'string' },
      'min-files': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${MAINTAIN_HELP}\n`);
    return 0;
  }
  const options = maintenanceOptions(values);
  const tables = values.table?.map(name => parseIdentifier(name));
  const catalog = catalogFromSettings(loadConfig().lakehouse);
  try {
    const reports = await maintainStreamingTables(catalog, {
      ...options,
      tables,
    });
    for (const r of reports)
      process.stdout.write(`${describeMaintenance(r)}\n`);
    return 0;
  } finally {
    await catalog.close();
  }
}
