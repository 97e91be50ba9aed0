/**
 * Table metadata files: parse (validated, with a clear error for anything corrupt),
 * serialize, and the small queries every operation needs.
 */
import { z } from 'zod';
import { JsonSyntaxError, parseJson, stringifyJson } from './json';
import type {
  IcebergType,
  PartitionSpec,
  Schema,
  Snapshot,
  SortOrder,
  TableMetadata,
} from './types';

export class MetadataError extends Error {}

const long = z.union([z.bigint(), z.number().int()]).transform(v => BigInt(v));
const int = z.number().int();

// Declared first: nested types and fields refer to each other.
// eslint-disable-next-line prefer-const
let icebergType: z.ZodType<IcebergType>;

const nestedField = z.looseObject({
  id: int,
  name: z.string(),
  required: z.boolean(),
  type: z.lazy(() => icebergType),
  doc: z.string().optional(),
});

icebergType = z.union([
  z.string().min(1),
  z.looseObject({ type: z.literal('struct'), fields: z.array(nestedField) }),
  z.looseObject({
    type: z.literal('list'),
    'element-id': int,
    element: z.lazy(() => icebergType),
    'element-required': z.boolean(),
  }),
  z.looseObject({
    type: z.literal('map'),
    'key-id': int,
    key: z.lazy(() => icebergType),
    'value-id': int,
    value: z.lazy(() => icebergType),
    'value-required': z.boolean(),
  }),
]) as z.ZodType<IcebergType>;

const schema = z.looseObject({
  type: z.literal('struct'),
  'schema-id': int,
  'identifier-field-ids': z.array(int).optional(),
  fields: z.array(nestedField),
});

const partitionSpec = z.looseObject({
  'spec-id': int,
  fields: z.array(
    z.looseObject({
      'source-id': int,
      'field-id': int,
      name: z.string(),
      transform: z.string(),
    }),
  ),
});

const sortOrder = z.looseObject({
  'order-id': int,
  fields: z.array(
    z.looseObject({
      'source-id': int,
      transform: z.string(),
      direction: z.enum(['asc', 'desc']),
      'null-order': z.enum(['nulls-first', 'nulls-last']),
    }),
  ),
});

const snapshot = z.looseObject({
  'snapshot-id': long,
  'parent-snapshot-id': long.nullish().transform(v => v ?? undefined),
  'sequence-number': long.default(0n),
  'timestamp-ms': int,
  'manifest-list': z.string(),
  summary: z
    .looseObject({
      operation: z.enum(['append', 'replace', 'overwrite', 'delete']),
    })
    .catchall(z.string()),
  'schema-id': int.optional(),
});

const metadataSchema = z.looseObject({
  'format-version': z.literal(2, {
    error: 'only Iceberg format-version 2 tables are supported',
  }),
  'table-uuid': z.string(),
  location: z.string(),
  'last-sequence-number': long,
  'last-updated-ms': int,
  'last-column-id': int,
  'current-schema-id': int,
  schemas: z.array(schema).min(1),
  'default-spec-id': int,
  'partition-specs': z.array(partitionSpec).min(1),
  'last-partition-id': int,
  'default-sort-order-id': int,
  'sort-orders': z.array(sortOrder),
  properties: z.record(z.string(), z.string()).default({}),
  'current-snapshot-id': long
    .nullish()
    .transform(v =>
      v === null || v === undefined || v === -1n ? undefined : v,
    ),
  snapshots: z.array(snapshot).default([]),
  'snapshot-log': z
    .array(z.looseObject({ 'timestamp-ms': int, 'snapshot-id': long }))
    .default([]),
  'metadata-log': z
    .array(z.looseObject({ 'timestamp-ms': int, 'metadata-file': z.string() }))
    .default([]),
  refs: z
    .record(
      z.string(),
      z.looseObject({
        'snapshot-id': long,
        type: z.enum(['branch', 'tag']),
        'max-ref-age-ms': int.optional(),
        'max-snapshot-age-ms': int.optional(),
        'min-snapshots-to-keep': int.optional(),
      }),
    )
    .default({}),
});

/** Parses a metadata file's text; `where` names the file in error messages. */
export function parseTableMetadata(
  text: string,
  where = 'table metadata',
): TableMetadata {
  let json: unknown;
  try {
    json = parseJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      throw new MetadataError(`${where} is not valid JSON: ${error.message}`);
    throw error;
  }
  const parsed = metadataSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new MetadataError(
      `${where} is not valid Iceberg table metadata: ${issues}`,
    );
  }
  const meta = parsed.data as unknown as TableMetadata;
  // Older writers omit refs; the spec says main then points at the current snapshot.
  if (meta['current-snapshot-id'] !== undefined && !meta.refs.main) {
    meta.refs.main = {
      'snapshot-id': meta['current-snapshot-id'],
      type: 'branch',
    };
  }
  checkConsistency(meta, where);
  return meta;
}

function checkConsistency(meta: TableMetadata, where: string): void {
  const fail = (what: string): never => {
    throw new MetadataError(`${where} is inconsistent: ${what}`);
  };
  if (!meta.schemas.some(s => s['schema-id'] === meta['current-schema-id'])) {
    fail(
      `current-schema-id ${meta['current-schema-id']} is not among the schemas`,
    );
  }
  if (
    !meta['partition-specs'].some(s => s['spec-id'] === meta['default-spec-id'])
  ) {
    fail(
      `default-spec-id ${meta['default-spec-id']} is not among the partition specs`,
    );
  }
  const current = meta['current-snapshot-id'];
  if (
    current !== undefined &&
    !meta.snapshots.some(s => s['snapshot-id'] === current)
  ) {
    fail(`current-snapshot-id ${current} is not among the snapshots`);
  }
}

/** The metadata file's JSON text (spec key order, 64-bit ids as JSON numbers). */
export function serializeTableMetadata(meta: TableMetadata): string {
  const out: Record<string, unknown> = {
    'format-version': meta['format-version'],
    'table-uuid': meta['table-uuid'],
    location: meta.location,
    'last-sequence-number': meta['last-sequence-number'],
    'last-updated-ms': meta['last-updated-ms'],
    'last-column-id': meta['last-column-id'],
    'current-schema-id': meta['current-schema-id'],
    schemas: meta.schemas,
    'default-spec-id': meta['default-spec-id'],
    'partition-specs': meta['partition-specs'],
    'last-partition-id': meta['last-partition-id'],
    'default-sort-order-id': meta['default-sort-order-id'],
    'sort-orders': meta['sort-orders'],
    properties: meta.properties,
    'current-snapshot-id': meta['current-snapshot-id'] ?? -1,
    refs: meta.refs,
    snapshots: meta.snapshots,
    statistics: meta.statistics ?? [],
    'partition-statistics': meta['partition-statistics'] ?? [],
    'snapshot-log': meta['snapshot-log'],
    'metadata-log': meta['metadata-log'],
  };
  return stringifyJson(out, 2);
}

export function currentSchema(meta: TableMetadata): Schema {
  return meta.schemas.find(s => s['schema-id'] === meta['current-schema-id'])!;
}

export function schemaById(meta: TableMetadata, id: number): Schema {
  const found = meta.schemas.find(s => s['schema-id'] === id);
  if (!found)
    throw new MetadataError(`schema ${id} is not in the table metadata`);
  return found;
}

export function defaultSpec(meta: TableMetadata): PartitionSpec {
  return meta['partition-specs'].find(
    s => s['spec-id'] === meta['default-spec-id'],
  )!;
}

export function specById(meta: TableMetadata, id: number): PartitionSpec {
  const found = meta['partition-specs'].find(s => s['spec-id'] === id);
  if (!found)
    throw new MetadataError(
      `partition spec ${id} is not in the table metadata`,
    );
  return found;
}

export function defaultSortOrder(meta: TableMetadata): SortOrder | undefined {
  return meta['sort-orders'].find(
    s => s['order-id'] === meta['default-sort-order-id'],
  );
}

export function currentSnapshot(meta: TableMetadata): Snapshot | undefined {
  const id = meta['current-snapshot-id'];
  return id === undefined
    ? undefined
    : meta.snapshots.find(s => s['snapshot-id'] === id);
}

export function snapshotById(meta: TableMetadata, id: bigint): Snapshot {
  const found = meta.snapshots.find(s => s['snapshot-id'] === id);
  if (!found)
    throw new MetadataError(
      `snapshot ${id} does not exist (it may have been expired)`,
    );
  return found;
}

/** The snapshot that was current at `timestampMs`, from the snapshot log. */
export function snapshotAsOf(
  meta: TableMetadata,
  timestampMs: number,
): Snapshot | undefined {
  let found: bigint | undefined;
  for (const entry of meta['snapshot-log']) {
    if (entry['timestamp-ms'] <= timestampMs) found = entry['snapshot-id'];
  }
  return found === undefined
    ? undefined
    : meta.snapshots.find(s => s['snapshot-id'] === found);
}

/** Snapshots from the current one back through its parents (newest first). */
export function ancestors(
  meta: TableMetadata,
  from = meta['current-snapshot-id'],
): Snapshot[] {
  const byId = new Map(meta.snapshots.map(s => [s['snapshot-id'], s]));
  const chain: Snapshot[] = [];
  let cursor = from === undefined ? undefined : byId.get(from);
  const seen = new Set<bigint>();
  while (cursor) {
    if (seen.has(cursor['snapshot-id'])) {
      throw new MetadataError(
        `snapshot ${cursor['snapshot-id']} is its own ancestor: the metadata is corrupt`,
      );
    }
    seen.add(cursor['snapshot-id']);
    chain.push(cursor);
    cursor =
      cursor['parent-snapshot-id'] === undefined
        ? undefined
        : byId.get(cursor['parent-snapshot-id']);
  }
  return chain;
}

/** Integer table property with a default (e.g. write.metadata.previous-versions-max). */
export function intProperty(
  meta: TableMetadata,
  key: string,
  fallback: number,
): number {
  const raw = meta.properties[key];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n))
    throw new MetadataError(`table property ${key}="${raw}" is not an integer`);
  return n;
}

export function boolProperty(
  meta: TableMetadata,
  key: string,
  fallback: boolean,
): boolean {
  const raw = meta.properties[key];
  if (raw === undefined) return fallback;
  return raw.toLowerCase() === 'true';
}
