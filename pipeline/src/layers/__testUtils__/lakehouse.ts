/**
 * What the reliability tests check after the chaos: the lakehouse read through the
 * repo's own scan code, against an expectation computed independently of the pipeline
 * (the seeded generator replayed in the test, and the broker's log end offsets).
 */
import { loadConfig } from '../../config';
import { EXPECTED_REJECTION, type MalformedKind } from '../../events/malformed';
import {
  PurchaseGenerator,
  type GeneratorOptions,
} from '../../events/generator';
import type { Catalog, TableIdentifier } from '../../iceberg/catalog/catalog';
import { sqlCatalogFromSettings } from '../../iceberg/catalog/fromConfig';
import type { SqlCatalog } from '../../iceberg/catalog/sqlCatalog';
import { planFiles } from '../../iceberg/scan';
import {
  readManifestEntries,
  snapshotManifests,
} from '../../iceberg/snapshotProducer';
import { loadTableIfExists, type Table } from '../../iceberg/table';
import { readTaskRows, type Row } from '../../iceberg/tableScan';
import { BRONZE_PURCHASES } from '../bronzeTable';
import { tableOffsets } from '../kafkaOffsets';
import { watermarkOf } from '../silverProcessor';
import { SILVER_PURCHASES, SILVER_REJECTED } from '../silverRows';

/** The catalog the CLI children use for this MEDALLION_HOME. */
export function homeCatalog(home: string): SqlCatalog {
  return sqlCatalogFromSettings(loadConfig({ MEDALLION_HOME: home }).lakehouse);
}

/** What a produced stream must turn into: per record value, an event_id or a rejection code. */
export interface Expected {
  count: number;
  validIds: Set<string>;
  /** Rejection code (or ANY_CODE) by valueKey of the value, for the records that must be rejected. */
  rejectionByValue: Map<string, string>;
  malformed: number;
}

/** The producer's stream replayed in the test (same seed and options as `medallion produce`). */
export function expectedFromGenerator(
  options: GeneratorOptions,
  count: number,
): Expected {
  const expected: Expected = {
    count,
    validIds: new Set(),
    rejectionByValue: new Map(),
    malformed: 0,
  };
  for (const r of new PurchaseGenerator(options).take(count)) {
    if (r.malformed) {
      expected.malformed++;
      expected.rejectionByValue.set(
        valueKey(r.value),
        EXPECTED_REJECTION[r.malformed as MalformedKind],
      );
    } else {
      expected.validIds.add(r.event.event_id);
    }
  }
  return expected;
}

/** Rows of a table's current snapshot, only the columns asked for. */
export async function readColumns(
  table: Table,
  columns: string[],
): Promise<Row[]> {
  const plan = await planFiles(table);
  const out: Row[] = [];
  for (const task of plan.tasks)
    for (const row of await readTaskRows(table, task, plan.schema, columns))
      out.push(row);
  return out;
}

export interface LakehouseState {
  bronze: Table;
  silver: Table;
  rejected: Table;
  /** `partition:offset` of every bronze row. */
  bronzeKeys: string[];
  silverRows: Row[];
  rejectedRows: Row[];
}

const key = (r: Row) => `${r.kafka_partition}:${r.kafka_offset}`;

export async function readLakehouse(
  catalog: Catalog,
  bronzeId: TableIdentifier = BRONZE_PURCHASES,
): Promise<LakehouseState> {
  const load = async (id: TableIdentifier) => {
    const table = await loadTableIfExists(catalog, id);
    if (!table) throw new Error(`${id.namespace}.${id.name} does not exist`);
    return table;
  };
  const bronze = await load(bronzeId);
  const silver = await load(SILVER_PURCHASES);
  const rejected = await load(SILVER_REJECTED);
  return {
    bronze,
    silver,
    rejected,
    bronzeKeys: (
      await readColumns(bronze, ['kafka_partition', 'kafka_offset'])
    ).map(key),
    silverRows: await readColumns(silver, [
      'event_id',
      'kafka_partition',
      'kafka_offset',
    ]),
    rejectedRows: await readColumns(rejected, [
      'kafka_partition',
      'kafka_offset',
      'value',
      'error_code',
      'error_reason',
    ]),
  };
}

/** True once bronze holds the log up to the broker's high watermarks (for this group). */
export async function bronzeCaughtUp(
  catalog: Catalog,
  topic: string,
  groupId: string,
  high: Map<number, bigint>,
): Promise<boolean> {
  const bronze = await loadTableIfExists(catalog, BRONZE_PURCHASES);
  if (!bronze) return false;
  const { offsets } = tableOffsets(bronze.metadata, topic, groupId);
  return [...high].every(([p, h]) => h === 0n || offsets.get(p) === h);
}

/** True once both silver tables absorbed bronze's current snapshot. */
export async function silverCaughtUp(catalog: Catalog): Promise<boolean> {
  const bronze = await loadTableIfExists(catalog, BRONZE_PURCHASES);
  const silver = await loadTableIfExists(catalog, SILVER_PURCHASES);
  const rejected = await loadTableIfExists(catalog, SILVER_REJECTED);
  const target = bronze?.metadata['current-snapshot-id'];
  return (
    target !== undefined &&
    silver !== undefined &&
    rejected !== undefined &&
    watermarkOf(silver.metadata) === target &&
    watermarkOf(rejected.metadata) === target
  );
}

/** Any rejection code will do (fuzz: what matters is that the record is quarantined with a reason). */
export const ANY_CODE = '*';

/** A record value as an exact map key (null, empty and binary values included). */
export function valueKey(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return `b:${Buffer.from(v).toString('base64')}`;
  if (v instanceof Uint8Array)
    return `b:${Buffer.from(v.buffer, v.byteOffset, v.length).toString(
      'base64',
    )}`;
  throw new Error(`not a record value: ${typeof v}`);
}

const preview = (v: unknown) =>
  v instanceof Uint8Array
    ? JSON.stringify(Buffer.from(v).toString('utf8').slice(0, 80))
    : String(v);

/** Adds records that must all be rejected (with `code`, or any code). */
export function expectRejected(
  expected: Expected,
  values: Array<Uint8Array | null>,
  codeOf: (value: Uint8Array | null) => string,
): void {
  expected.count += values.length;
  for (const v of values) expected.rejectionByValue.set(valueKey(v), codeOf(v));
}

/** Counts of a list of strings. */
export function tally(values: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/**
 * The invariants, as one comparable summary: a failing test prints every broken one at
 * once (expected vs actual), not only the first.
 */
export function invariants(
  state: LakehouseState,
  expected: Expected,
  high: Map<number, bigint>,
  topic: string,
  groupId: string,
) {
  const bronzeSet = new Set(state.bronzeKeys);
  const silverKeys = state.silverRows.map(key);
  const rejectedKeys = state.rejectedRows.map(key);
  const outputKeys = new Set([...silverKeys, ...rejectedKeys]);
  const silverIds = state.silverRows.map(r => String(r.event_id));
  const silverIdSet = new Set(silverIds);
  const { offsets } = tableOffsets(state.bronze.metadata, topic, groupId);
  // Every offset of the log, partition by partition: [0, high).
  const logKeys: string[] = [];
  for (const [p, h] of high)
    for (let o = 0n; o < h; o++) logKeys.push(`${p}:${o}`);
  const missingFromBronze = logKeys.filter(k => !bronzeSet.has(k));
  const wrongRejections = state.rejectedRows.filter(r => {
    const want = expected.rejectionByValue.get(valueKey(r.value));
    return want === undefined || (want !== ANY_CODE && want !== r.error_code);
  });
  return {
    producedInLog: logKeys.length,
    bronzeRows: state.bronzeKeys.length,
    bronzeDistinct: bronzeSet.size,
    bronzeMissingFromLog: missingFromBronze.slice(0, 5),
    bronzeOffsetsInTable: Object.fromEntries(
      [...offsets].map(([p, o]) => [p, o.toString()]),
    ),
    silverPlusRejected: silverKeys.length + rejectedKeys.length,
    silverAndRejectedDistinct: outputKeys.size,
    outputNotInBronze: [...outputKeys].filter(k => !bronzeSet.has(k)).length,
    silverDuplicateIds: silverIds.length - silverIdSet.size,
    validIdsMissingFromSilver: [...expected.validIds].filter(
      id => !silverIdSet.has(id),
    ).length,
    silverIdsNotProducedValid: silverIds.filter(
      id => !expected.validIds.has(id),
    ).length,
    rejectedWithoutReason: state.rejectedRows.filter(
      r => !r.error_code || !String(r.error_reason ?? '').trim(),
    ).length,
    rejectedWithWrongCode: wrongRejections.length,
    wrongRejectionSample: wrongRejections
      .slice(0, 3)
      .map(r => `${r.error_code}: ${preview(r.value)}`),
  };
}

/** What `invariants` must equal for a stream that was produced exactly once. */
export function perfect(expected: Expected, high: Map<number, bigint>) {
  return {
    producedInLog: expected.count,
    bronzeRows: expected.count,
    bronzeDistinct: expected.count,
    bronzeMissingFromLog: [],
    bronzeOffsetsInTable: Object.fromEntries(
      [...high].filter(([, h]) => h > 0n).map(([p, h]) => [p, h.toString()]),
    ),
    silverPlusRejected: expected.count,
    silverAndRejectedDistinct: expected.count,
    outputNotInBronze: 0,
    silverDuplicateIds: 0,
    validIdsMissingFromSilver: 0,
    silverIdsNotProducedValid: 0,
    rejectedWithoutReason: 0,
    rejectedWithWrongCode: 0,
    wrongRejectionSample: [],
  };
}

/** Every table of the catalog (all namespaces). */
export async function allTables(catalog: Catalog): Promise<Table[]> {
  const tables: Table[] = [];
  for (const ns of await catalog.listNamespaces())
    for (const id of await catalog.listTables(ns)) {
      const table = await loadTableIfExists(catalog, id);
      if (table) tables.push(table);
    }
  return tables;
}

/**
 * Every file any snapshot of the table references, in any form (metadata, manifest
 * lists, manifests, data files, including entries marked deleted): what "referenced by
 * the table" means. Each manifest is read once.
 */
export async function referencedFiles(table: Table): Promise<Set<string>> {
  const out = new Set<string>([
    table.metadataLocation,
    ...table.metadata['metadata-log'].map(e => e['metadata-file']),
  ]);
  for (const snapshot of table.metadata.snapshots) {
    out.add(snapshot['manifest-list']);
    for (const manifest of await snapshotManifests(table.io, snapshot)) {
      if (out.has(manifest.manifestPath)) continue;
      out.add(manifest.manifestPath);
      for (const entry of await readManifestEntries(table.io, manifest))
        out.add(entry.dataFile.filePath);
    }
  }
  return out;
}

/** Every file under the table's location. */
export async function filesUnder(table: Table): Promise<string[]> {
  const out: string[] = [];
  for await (const f of table.io.list(table.location)) out.push(f.location);
  return out;
}
