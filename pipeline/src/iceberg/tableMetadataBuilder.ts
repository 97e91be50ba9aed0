/** Building new table metadata: a fresh table, and the bookkeeping every commit does. */
import { randomBytes, randomUUID } from 'node:crypto';
import { joinLocation } from './io/fileIO';
import { intProperty } from './metadata';
import {
  indexFields,
  PARTITION_FIELD_ID_START,
  type PartitionSpec,
  type Schema,
  type SortOrder,
  type TableMetadata,
} from './types';

export class SchemaDefinitionError extends Error {}

/** Random positive 63-bit id, as Java and PyIceberg use for snapshots. */
export function newSnapshotId(): bigint {
  let id = 0n;
  while (id === 0n) id = randomBytes(8).readBigUInt64BE() & 0x7fffffffffffffffn;
  return id;
}

const METADATA_FILE = /\/(\d+)-[^/]*\.metadata\.json$/;

/** `<location>/metadata/<NNNNN>-<uuid>.metadata.json`, the version one past the previous file's. */
export function nextMetadataLocation(
  tableLocation: string,
  previous?: string,
): string {
  const version = previous
    ? Number(METADATA_FILE.exec(previous)?.[1] ?? -1) + 1
    : 0;
  return joinLocation(
    tableLocation,
    'metadata',
    `${String(version).padStart(5, '0')}-${randomUUID()}.metadata.json`,
  );
}

export interface NewTableOptions {
  schema: Schema;
  partitionSpec?: PartitionSpec;
  sortOrder?: SortOrder;
  properties?: Record<string, string>;
  location: string;
}

export function validateSchemaIds(schema: Schema): number {
  const seen = new Set<number>();
  let max = 0;
  const walk = (ids: number[]) => {
    for (const id of ids) {
      if (!Number.isInteger(id) || id <= 0)
        throw new SchemaDefinitionError(
          `field id ${id} must be a positive integer`,
        );
      if (seen.has(id))
        throw new SchemaDefinitionError(
          `field id ${id} is used twice in the schema`,
        );
      seen.add(id);
      max = Math.max(max, id);
    }
  };
  walk([...indexFields(schema).keys()]);
  const names = new Set<string>();
  for (const f of schema.fields) {
    if (names.has(f.name))
      throw new SchemaDefinitionError(`column "${f.name}" appears twice`);
    names.add(f.name);
  }
  return max;
}

export function newTableMetadata(options: NewTableOptions): TableMetadata {
  const schema: Schema = { ...options.schema, 'schema-id': 0 };
  const lastColumnId = validateSchemaIds(schema);
  const fields = indexFields(schema);
  const spec: PartitionSpec = options.partitionSpec
    ? { ...options.partitionSpec, 'spec-id': 0 }
    : { 'spec-id': 0, fields: [] };
  for (const f of spec.fields) {
    if (!fields.has(f['source-id'])) {
      throw new SchemaDefinitionError(
        `partition field ${f.name} refers to unknown source field id ${f['source-id']}`,
      );
    }
  }
  const lastPartitionId = spec.fields.reduce(
    (m, f) => Math.max(m, f['field-id']),
    PARTITION_FIELD_ID_START - 1,
  );
  const sortOrder: SortOrder = options.sortOrder ?? {
    'order-id': 0,
    fields: [],
  };
  const now = Date.now();
  return {
    'format-version': 2,
    'table-uuid': randomUUID(),
    location: options.location.replace(/\/+$/, ''),
    'last-sequence-number': 0n,
    'last-updated-ms': now,
    'last-column-id': lastColumnId,
    'current-schema-id': 0,
    schemas: [schema],
    'default-spec-id': 0,
    'partition-specs': [spec],
    'last-partition-id': lastPartitionId,
    'default-sort-order-id': sortOrder['order-id'],
    'sort-orders': [sortOrder],
    properties: { ...options.properties },
    'current-snapshot-id': undefined,
    snapshots: [],
    'snapshot-log': [],
    'metadata-log': [],
    refs: {},
    statistics: [],
    'partition-statistics': [],
  };
}

export const PREVIOUS_VERSIONS_MAX = 'write.metadata.previous-versions-max';
export const DELETE_AFTER_COMMIT = 'write.metadata.delete-after-commit.enabled';

/**
 * Stamps a commit: the previous metadata file joins the metadata log, which keeps at most
 * `write.metadata.previous-versions-max` entries (default 100, as in Java). Returns the
 * metadata files that fell off the log (deleted after commit when enabled).
 */
export function stampCommit(
  next: TableMetadata,
  previousLocation: string,
  previousUpdatedMs: number,
): { metadata: TableMetadata; droppedMetadataFiles: string[] } {
  const max = Math.max(intProperty(next, PREVIOUS_VERSIONS_MAX, 100), 1);
  const log = [
    ...next['metadata-log'],
    { 'timestamp-ms': previousUpdatedMs, 'metadata-file': previousLocation },
  ];
  const dropped = log.length > max ? log.splice(0, log.length - max) : [];
  return {
    metadata: {
      ...next,
      'metadata-log': log,
      'last-updated-ms': Math.max(Date.now(), previousUpdatedMs + 1),
    },
    droppedMetadataFiles: dropped.map(d => d['metadata-file']),
  };
}
