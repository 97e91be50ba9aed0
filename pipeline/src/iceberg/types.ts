/**
 * Apache Iceberg spec types (format v2), kept in the spec's own JSON shape so that table
 * metadata is read and written without translation. Nested types carry field ids; the
 * primitive types are the spec's strings ("long", "decimal(9,2)", "fixed[16]").
 *
 * Reference: the Iceberg table spec, "Schemas and Data Types" and "Appendix C: JSON
 * serialization".
 */

export type PrimitiveTypeName =
  | 'boolean'
  | 'int'
  | 'long'
  | 'float'
  | 'double'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'timestamptz'
  | 'string'
  | 'uuid'
  | 'binary';

/** A primitive in its JSON form: a name, `decimal(P,S)` or `fixed[L]`. */
export type PrimitiveType =
  | PrimitiveTypeName
  | `decimal(${number},${number})`
  | `decimal(${number}, ${number})`
  | `fixed[${number}]`;

export interface NestedField {
  id: number;
  name: string;
  required: boolean;
  type: IcebergType;
  doc?: string;
}

export interface StructType {
  type: 'struct';
  fields: NestedField[];
}

export interface ListType {
  type: 'list';
  'element-id': number;
  element: IcebergType;
  'element-required': boolean;
}

export interface MapType {
  type: 'map';
  'key-id': number;
  key: IcebergType;
  'value-id': number;
  value: IcebergType;
  'value-required': boolean;
}

export type NestedType = StructType | ListType | MapType;
export type IcebergType = PrimitiveType | NestedType;

export interface Schema extends StructType {
  'schema-id': number;
  'identifier-field-ids'?: number[];
}

/** A primitive type parsed into its parameters. */
export type ParsedPrimitive =
  | { kind: PrimitiveTypeName }
  | { kind: 'decimal'; precision: number; scale: number }
  | { kind: 'fixed'; length: number };

const DECIMAL = /^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$/;
const FIXED = /^fixed\[\s*(\d+)\s*\]$/;
const PRIMITIVE_NAMES: ReadonlySet<string> = new Set<PrimitiveTypeName>([
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'string',
  'uuid',
  'binary',
]);

export class IcebergTypeError extends Error {}

export function isPrimitive(type: IcebergType): type is PrimitiveType {
  return typeof type === 'string';
}

export function parsePrimitive(type: PrimitiveType): ParsedPrimitive {
  if (PRIMITIVE_NAMES.has(type)) return { kind: type as PrimitiveTypeName };
  const decimal = DECIMAL.exec(type);
  if (decimal) {
    const precision = Number(decimal[1]);
    const scale = Number(decimal[2]);
    if (precision < 1 || precision > 38 || scale > precision) {
      throw new IcebergTypeError(
        `invalid decimal type ${type}: precision must be 1..38 and scale <= precision`,
      );
    }
    return { kind: 'decimal', precision, scale };
  }
  const fixed = FIXED.exec(type);
  if (fixed) return { kind: 'fixed', length: Number(fixed[1]) };
  throw new IcebergTypeError(`unknown Iceberg type ${JSON.stringify(type)}`);
}

export const decimalType = (precision: number, scale: number): PrimitiveType =>
  `decimal(${precision}, ${scale})`;
export const fixedType = (length: number): PrimitiveType => `fixed[${length}]`;

/** Number of bytes needed to store an unscaled decimal of this precision (Parquet FIXED_LEN_BYTE_ARRAY). */
export function decimalRequiredBytes(precision: number): number {
  for (let bytes = 1; bytes <= 16; bytes++) {
    if (precision <= Math.floor(Math.log10(2) * (8 * bytes - 1))) return bytes;
  }
  return 16;
}

/** Every field of a schema (including list elements and map keys/values) by id. */
export interface IndexedField {
  id: number;
  /** Dotted path of names, e.g. "address.city"; list elements are "element", map parts "key"/"value". */
  path: string;
  type: IcebergType;
  required: boolean;
  /** Id of the enclosing field, undefined at the top level. */
  parentId?: number;
}

export function indexFields(struct: StructType): Map<number, IndexedField> {
  const index = new Map<number, IndexedField>();
  const visit = (
    type: IcebergType,
    prefix: string,
    parentId: number | undefined,
  ) => {
    if (isPrimitive(type)) return;
    if (type.type === 'struct') {
      for (const f of type.fields) {
        const path = prefix ? `${prefix}.${f.name}` : f.name;
        index.set(f.id, {
          id: f.id,
          path,
          type: f.type,
          required: f.required,
          parentId,
        });
        visit(f.type, path, f.id);
      }
    } else if (type.type === 'list') {
      const path = `${prefix}.element`;
      index.set(type['element-id'], {
        id: type['element-id'],
        path,
        type: type.element,
        required: type['element-required'],
        parentId,
      });
      visit(type.element, path, type['element-id']);
    } else {
      const keyPath = `${prefix}.key`;
      const valuePath = `${prefix}.value`;
      index.set(type['key-id'], {
        id: type['key-id'],
        path: keyPath,
        type: type.key,
        required: true,
        parentId,
      });
      index.set(type['value-id'], {
        id: type['value-id'],
        path: valuePath,
        type: type.value,
        required: type['value-required'],
        parentId,
      });
      visit(type.key, keyPath, type['key-id']);
      visit(type.value, valuePath, type['value-id']);
    }
  };
  visit(struct, '', undefined);
  return index;
}

/** Highest field id used anywhere in the type (0 for an empty struct). */
export function maxFieldId(type: IcebergType): number {
  if (isPrimitive(type)) return 0;
  let max = 0;
  for (const id of indexFields(
    type.type === 'struct'
      ? type
      : {
          type: 'struct',
          fields: [{ id: 0, name: 'x', required: true, type }],
        },
  ).keys()) {
    if (id > max) max = id;
  }
  return max;
}

// ---------------------------------------------------------------- partitioning

export interface PartitionField {
  'source-id': number;
  'field-id': number;
  name: string;
  /** identity, year, month, day, hour, bucket[N], truncate[W], void */
  transform: string;
}

export interface PartitionSpec {
  'spec-id': number;
  fields: PartitionField[];
}

/** Partition field ids start at 1000; an unpartitioned table's last-partition-id is 999. */
export const PARTITION_FIELD_ID_START = 1000;

// ---------------------------------------------------------------- sort orders

export interface SortField {
  'source-id': number;
  transform: string;
  direction: 'asc' | 'desc';
  'null-order': 'nulls-first' | 'nulls-last';
}

export interface SortOrder {
  'order-id': number;
  fields: SortField[];
}

// ---------------------------------------------------------------- files and manifests

export const DataContent = {
  DATA: 0,
  POSITION_DELETES: 1,
  EQUALITY_DELETES: 2,
} as const;
export const ManifestContent = { DATA: 0, DELETES: 1 } as const;
export const ManifestEntryStatus = {
  EXISTING: 0,
  ADDED: 1,
  DELETED: 2,
} as const;

/**
 * A partition tuple: values in partition-spec field order, in the Iceberg internal
 * representation of the transform's result type (int, date, hour... → number; long,
 * timestamp → bigint; string; Uint8Array; decimal → bigint unscaled; null).
 */
export type PartitionValue =
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | null;
export type PartitionTuple = PartitionValue[];

/** A data file entry (spec field ids 100-146). Longs that can exceed 2^53 are bigint. */
export interface DataFile {
  content: 0 | 1 | 2;
  filePath: string;
  fileFormat: 'PARQUET' | 'AVRO' | 'ORC';
  partition: PartitionTuple;
  recordCount: bigint;
  fileSizeInBytes: bigint;
  columnSizes?: Map<number, bigint>;
  valueCounts?: Map<number, bigint>;
  nullValueCounts?: Map<number, bigint>;
  nanValueCounts?: Map<number, bigint>;
  /** Single-value serialized bounds (spec Appendix D). */
  lowerBounds?: Map<number, Uint8Array>;
  upperBounds?: Map<number, Uint8Array>;
  keyMetadata?: Uint8Array;
  splitOffsets?: bigint[];
  equalityIds?: number[];
  sortOrderId?: number;
}

export interface ManifestEntry {
  status: 0 | 1 | 2;
  /** Null when inherited from the manifest list (newly added entries). */
  snapshotId: bigint | null;
  sequenceNumber: bigint | null;
  fileSequenceNumber: bigint | null;
  dataFile: DataFile;
}

export interface FieldSummary {
  containsNull: boolean;
  containsNan?: boolean;
  lowerBound?: Uint8Array;
  upperBound?: Uint8Array;
}

/** An entry of a manifest list (spec field ids 500-519). */
export interface ManifestFile {
  manifestPath: string;
  manifestLength: bigint;
  partitionSpecId: number;
  content: 0 | 1;
  sequenceNumber: bigint;
  minSequenceNumber: bigint;
  addedSnapshotId: bigint;
  addedFilesCount: number;
  existingFilesCount: number;
  deletedFilesCount: number;
  addedRowsCount: bigint;
  existingRowsCount: bigint;
  deletedRowsCount: bigint;
  partitions?: FieldSummary[];
  keyMetadata?: Uint8Array;
}

// ---------------------------------------------------------------- table metadata

export interface SnapshotSummary {
  operation: 'append' | 'replace' | 'overwrite' | 'delete';
  [key: string]: string;
}

export interface Snapshot {
  'snapshot-id': bigint;
  'parent-snapshot-id'?: bigint;
  'sequence-number': bigint;
  'timestamp-ms': number;
  'manifest-list': string;
  summary: SnapshotSummary;
  'schema-id'?: number;
}

export interface SnapshotRef {
  'snapshot-id': bigint;
  type: 'branch' | 'tag';
  'max-ref-age-ms'?: number;
  'max-snapshot-age-ms'?: number;
  'min-snapshots-to-keep'?: number;
}

export interface TableMetadata {
  'format-version': 2;
  'table-uuid': string;
  location: string;
  'last-sequence-number': bigint;
  'last-updated-ms': number;
  'last-column-id': number;
  'current-schema-id': number;
  schemas: Schema[];
  'default-spec-id': number;
  'partition-specs': PartitionSpec[];
  'last-partition-id': number;
  'default-sort-order-id': number;
  'sort-orders': SortOrder[];
  properties: Record<string, string>;
  'current-snapshot-id'?: bigint;
  snapshots: Snapshot[];
  'snapshot-log': Array<{ 'timestamp-ms': number; 'snapshot-id': bigint }>;
  'metadata-log': Array<{ 'timestamp-ms': number; 'metadata-file': string }>;
  refs: Record<string, SnapshotRef>;
  statistics?: unknown[];
  'partition-statistics'?: unknown[];
}
