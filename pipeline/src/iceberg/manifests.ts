/**
 * Manifests and manifest lists (Iceberg spec "Manifests", "Manifest Lists", format v2),
 * written as Avro with the same record names, field ids, field order, optionality and
 * header metadata as the Java implementation (V2Metadata, ManifestWriter,
 * ManifestListWriter), and read back by field id so files from Java, PyIceberg and
 * older (v1) writers load too.
 */
import {
  asArray,
  asBytes,
  asInt,
  asIntKeyedMap,
  asLong,
  asRecord,
  avroToIceberg,
  fromAvroValue,
  icebergToAvro,
  RecordProjection,
  toAvroValue,
  readAvroFile,
  writeAvroFile,
  type AvroRecord,
  type AvroRecordSchema,
  type AvroValue,
  type AvroWriterOptions,
} from './avro';
import { compareValues, toBytes, type InternalValue } from './conversions';
import { parseJson, stringifyJson } from './json';
import {
  isPrimitive,
  type DataFile,
  type FieldSummary,
  type IcebergType,
  type ManifestEntry,
  type ManifestFile,
  type NestedField,
  type PartitionSpec,
  type PartitionTuple,
  type PrimitiveType,
  type Schema,
  type StructType,
} from './types';

export class ManifestError extends Error {}

/**
 * Java's and PyIceberg's in-memory placeholder (ManifestWriter.UNASSIGNED_SEQ) for the
 * sequence number of a manifest written before its commit's sequence number is known.
 * writeManifestList replaces it with the commit's number; it never belongs in a file.
 */
export const UNASSIGNED_SEQUENCE_NUMBER = -1n;

/** A data file with the v2 optional field types.ts does not model (143). */
export interface ManifestDataFile extends DataFile {
  /** Position delete files whose deletes all reference one data file. */
  referencedDataFile?: string;
}

export interface ManifestEntryRecord extends ManifestEntry {
  dataFile: ManifestDataFile;
}

export type ManifestContentName = 'data' | 'deletes';

/** Avro container options (codec "deflate" by default, block size...). */
export type ManifestAvroOptions = Omit<AvroWriterOptions, 'metadata'>;

// ---------------------------------------------------------------- schemas (spec field ids)

const req = (id: number, name: string, type: IcebergType): NestedField => ({
  id,
  name,
  required: true,
  type,
});
const opt = (id: number, name: string, type: IcebergType): NestedField => ({
  id,
  name,
  required: false,
  type,
});
const intMap = (
  keyId: number,
  valueId: number,
  value: PrimitiveType,
): IcebergType => ({
  type: 'map',
  'key-id': keyId,
  key: 'int',
  'value-id': valueId,
  value,
  'value-required': true,
});
const listType = (elementId: number, element: PrimitiveType): IcebergType => ({
  type: 'list',
  'element-id': elementId,
  element,
  'element-required': true,
});

/** The v2 `data_file` struct (Java V2Metadata.fileType): order matters for the Avro file. */
function dataFileType(partitionType: StructType): StructType {
  return {
    type: 'struct',
    fields: [
      req(134, 'content', 'int'),
      req(100, 'file_path', 'string'),
      req(101, 'file_format', 'string'),
      req(102, 'partition', partitionType),
      req(103, 'record_count', 'long'),
      req(104, 'file_size_in_bytes', 'long'),
      opt(108, 'column_sizes', intMap(117, 118, 'long')),
      opt(109, 'value_counts', intMap(119, 120, 'long')),
      opt(110, 'null_value_counts', intMap(121, 122, 'long')),
      opt(137, 'nan_value_counts', intMap(138, 139, 'long')),
      opt(125, 'lower_bounds', intMap(126, 127, 'binary')),
      opt(128, 'upper_bounds', intMap(129, 130, 'binary')),
      opt(131, 'key_metadata', 'binary'),
      opt(132, 'split_offsets', listType(133, 'long')),
      opt(135, 'equality_ids', listType(136, 'int')),
      opt(140, 'sort_order_id', 'int'),
      opt(143, 'referenced_data_file', 'string'),
    ],
  };
}

/** The v2 `manifest_entry` struct; data_file becomes Avro record r2, partition r102. */
export function manifestEntryType(partitionType: StructType): StructType {
  return {
    type: 'struct',
    fields: [
      req(0, 'status', 'int'),
      opt(1, 'snapshot_id', 'long'),
      opt(3, 'sequence_number', 'long'),
      opt(4, 'file_sequence_number', 'long'),
      req(2, 'data_file', dataFileType(partitionType)),
    ],
  };
}

const FIELD_SUMMARY: StructType = {
  type: 'struct',
  fields: [
    req(509, 'contains_null', 'boolean'),
    opt(518, 'contains_nan', 'boolean'),
    opt(510, 'lower_bound', 'binary'),
    opt(511, 'upper_bound', 'binary'),
  ],
};

/** The v2 `manifest_file` struct (Java V2Metadata.MANIFEST_LIST_SCHEMA). */
export const MANIFEST_FILE_TYPE: StructType = {
  type: 'struct',
  fields: [
    req(500, 'manifest_path', 'string'),
    req(501, 'manifest_length', 'long'),
    req(502, 'partition_spec_id', 'int'),
    req(517, 'content', 'int'),
    req(515, 'sequence_number', 'long'),
    req(516, 'min_sequence_number', 'long'),
    req(503, 'added_snapshot_id', 'long'),
    req(504, 'added_files_count', 'int'),
    req(505, 'existing_files_count', 'int'),
    req(506, 'deleted_files_count', 'int'),
    req(512, 'added_rows_count', 'long'),
    req(513, 'existing_rows_count', 'long'),
    req(514, 'deleted_rows_count', 'long'),
    opt(507, 'partitions', {
      type: 'list',
      'element-id': 508,
      element: FIELD_SUMMARY,
      'element-required': true,
    }),
    opt(519, 'key_metadata', 'binary'),
  ],
};

/** Partition fields are always optional in manifests (Java PartitionSpec.partitionType). */
function manifestPartitionType(
  spec: PartitionSpec,
  partitionType: StructType,
): StructType {
  const ids = partitionType.fields.map(f => f.id);
  const specIds = spec.fields.map(f => f['field-id']);
  if (ids.length !== specIds.length || ids.some((id, i) => id !== specIds[i])) {
    throw new ManifestError(
      `partition type field ids [${ids.join(', ')}] do not match ` +
        `spec ${spec['spec-id']} field ids [${specIds.join(', ')}]`,
    );
  }
  for (const f of partitionType.fields) {
    if (!isPrimitive(f.type))
      throw new ManifestError(
        `partition field ${f.name} must have a primitive type`,
      );
  }
  return {
    type: 'struct',
    fields: partitionType.fields.map(f => ({ ...f, required: false })),
  };
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

const mapToAvro = (
  m: Map<number, bigint> | Map<number, Uint8Array> | undefined,
) =>
  m === undefined
    ? null
    : [...m].map(([key, value]): AvroRecord => ({ key, value }));

// ---------------------------------------------------------------- writing manifests

export interface WriteManifestOptions {
  entries: readonly ManifestEntryRecord[];
  /** Table schema at the time of writing (stored as the `schema` header). */
  schema: Schema;
  spec: PartitionSpec;
  /** Struct of the spec's partition fields with transform result types (partitioning.ts). */
  partitionType: StructType;
  formatVersion: 2;
  content: ManifestContentName;
  /**
   * Snapshot being committed. Entries with a null sequence number must be ADDED and have
   * a null snapshot id or this one (spec "Sequence Number Inheritance").
   */
  snapshotId: bigint | null;
  avro?: ManifestAvroOptions;
}

/** Writes a v2 manifest. Entries are written as given (null ids/sequence numbers inherit). */
export function writeManifest(options: WriteManifestOptions): Uint8Array {
  const { entries, spec, content, snapshotId } = options;
  if (options.formatVersion !== 2)
    throw new ManifestError(
      `unsupported manifest format version ${String(options.formatVersion)}`,
    );
  const partitionType = manifestPartitionType(spec, options.partitionType);
  const avroSchema = icebergToAvro(
    manifestEntryType(partitionType),
    'manifest_entry',
  );
  const partitionNames = partitionFieldNames(avroSchema);
  const types = partitionType.fields.map(f => f.type as PrimitiveType);

  const records = entries.map((entry, i): AvroRecord => {
    const where = `manifest entry ${i} (${entry.dataFile.filePath})`;
    checkEntry(entry, content, snapshotId, where);
    const df = entry.dataFile;
    if (df.partition.length !== types.length) {
      throw new ManifestError(
        `${where}: partition tuple has ${df.partition.length} values, spec has ${types.length} fields`,
      );
    }
    const partition: AvroRecord = {};
    types.forEach((t, j) => {
      try {
        partition[partitionNames[j]!] = toAvroValue(t, df.partition[j]!);
      } catch (e) {
        throw new ManifestError(
          `${where}, partition field ${partitionType.fields[j]!.name}: ${
            (e as Error).message
          }`,
        );
      }
    });
    return {
      status: entry.status,
      snapshot_id: entry.snapshotId,
      sequence_number: entry.sequenceNumber,
      file_sequence_number: entry.fileSequenceNumber,
      data_file: {
        content: df.content,
        file_path: df.filePath,
        file_format: df.fileFormat,
        partition,
        record_count: df.recordCount,
        file_size_in_bytes: df.fileSizeInBytes,
        column_sizes: mapToAvro(df.columnSizes),
        value_counts: mapToAvro(df.valueCounts),
        null_value_counts: mapToAvro(df.nullValueCounts),
        nan_value_counts: mapToAvro(df.nanValueCounts),
        lower_bounds: mapToAvro(df.lowerBounds),
        upper_bounds: mapToAvro(df.upperBounds),
        key_metadata: orNull(df.keyMetadata),
        split_offsets: orNull(df.splitOffsets),
        equality_ids: orNull(df.equalityIds),
        sort_order_id: orNull(df.sortOrderId),
        referenced_data_file: orNull(df.referencedDataFile),
      },
    };
  });

  return writeAvroFile(avroSchema, records, {
    ...options.avro,
    metadata: {
      // Big-int aware: a schema's long defaults may exceed 2^53.
      schema: stringifyJson(options.schema),
      'schema-id': String(options.schema['schema-id']),
      'partition-spec': stringifyJson(spec.fields),
      'partition-spec-id': String(spec['spec-id']),
      'format-version': '2',
      content,
    },
  });
}

function checkEntry(
  entry: ManifestEntryRecord,
  content: ManifestContentName,
  snapshotId: bigint | null,
  where: string,
): void {
  const fileContent = entry.dataFile.content;
  if ((content === 'data') !== (fileContent === 0)) {
    throw new ManifestError(
      `${where}: a ${content} manifest cannot hold a file with content ${fileContent}`,
    );
  }
  if (fileContent === 2 && !entry.dataFile.equalityIds?.length) {
    throw new ManifestError(`${where}: equality delete files need equalityIds`);
  }
  if (entry.sequenceNumber === null || entry.fileSequenceNumber === null) {
    // Java V2Metadata.ManifestEntryWrapper: only this commit's ADDED entries may inherit.
    if (entry.status !== 1) {
      throw new ManifestError(
        `${where}: only ADDED entries may have a null sequence number (status ${entry.status})`,
      );
    }
    if (
      entry.snapshotId !== null &&
      snapshotId !== null &&
      entry.snapshotId !== snapshotId
    ) {
      throw new ManifestError(
        `${where}: unassigned sequence number for an entry from snapshot ${entry.snapshotId}`,
      );
    }
  }
  for (const seq of [entry.sequenceNumber, entry.fileSequenceNumber]) {
    if (seq !== null && seq < 0n)
      throw new ManifestError(
        `${where}: sequence numbers must be assigned (got ${seq})`,
      );
  }
}

/** Avro field names (possibly sanitized) of the partition record, in spec order. */
function partitionFieldNames(entrySchema: AvroRecordSchema): string[] {
  const dataFile = entrySchema.fields.find(f => f.name === 'data_file')!
    .type as AvroRecordSchema;
  const partition = dataFile.fields.find(f => f.name === 'partition')!
    .type as AvroRecordSchema;
  return partition.fields.map(f => f.name);
}

// ---------------------------------------------------------------- reading manifests

export interface ManifestMetadata {
  /** Table schema the manifest was written with (absent only in malformed files). */
  schema?: Schema;
  schemaId?: number;
  /** spec-id from `partition-spec-id` (0 when absent, as in v1) and the header's fields. */
  partitionSpec: PartitionSpec;
  formatVersion: number;
  content: ManifestContentName;
  /** Every header entry as text, including avro.schema and avro.codec. */
  raw: Map<string, string>;
}

export interface ManifestContents {
  entries: ManifestEntryRecord[];
  metadata: ManifestMetadata;
  /** Partition struct as stored in the file (ids, names, result types). */
  partitionType: StructType;
}

function parseJsonHeader(raw: Map<string, string>, key: string): unknown {
  const text = raw.get(key);
  if (text === undefined) return undefined;
  try {
    return parseJson(text);
  } catch {
    throw new ManifestError(`manifest header ${key} is not valid JSON`);
  }
}

function manifestMetadata(raw: Map<string, string>): ManifestMetadata {
  const schemaJson = parseJsonHeader(raw, 'schema');
  const schema =
    typeof schemaJson === 'object' &&
    schemaJson !== null &&
    'fields' in schemaJson
      ? (schemaJson as Schema)
      : undefined;
  const specJson = parseJsonHeader(raw, 'partition-spec');
  // The spec says "fields array only"; some old writers stored the whole spec object.
  const fields = Array.isArray(specJson)
    ? specJson
    : (specJson as { fields?: unknown } | undefined)?.fields ?? [];
  const schemaIdText = raw.get('schema-id');
  const contentText = raw.get('content') ?? 'data';
  if (contentText !== 'data' && contentText !== 'deletes')
    throw new ManifestError(`unknown manifest content "${contentText}"`);
  return {
    schema,
    // Java does not write the schema-id header; the schema JSON carries it.
    schemaId:
      schemaIdText !== undefined ? Number(schemaIdText) : schema?.['schema-id'],
    partitionSpec: {
      'spec-id': Number(raw.get('partition-spec-id') ?? '0'),
      fields: fields as PartitionSpec['fields'],
    },
    formatVersion: Number(raw.get('format-version') ?? '1'),
    content: contentText,
    raw,
  };
}

const FILE_FORMATS: ReadonlySet<string> = new Set(['PARQUET', 'AVRO', 'ORC']);

const isNull = (v: AvroValue | undefined): v is null | undefined =>
  v === null || v === undefined;

/** Optional field: absent or null → undefined, else converted. */
function optional<T>(
  v: AvroValue | undefined,
  convert: (v: AvroValue) => T,
): T | undefined {
  return isNull(v) ? undefined : convert(v);
}

/** Reads a manifest (v1 or v2). Null snapshot ids/sequence numbers stay null: see inheritManifestEntry. */
export function readManifest(bytes: Uint8Array): ManifestContents {
  const file = readAvroFile(bytes);
  const entry = RecordProjection.of(file.schema);
  const df = entry.nested(2, 'data_file');
  const part = df.nested(102, 'partition');
  const partitionType = avroToIceberg(part.schema, part.named) as StructType;
  const partGetters = partitionType.fields.map(f => part.getter(f.id, f.name));
  const e = {
    status: entry.getter(0, 'status'),
    snapshotId: entry.getter(1, 'snapshot_id'),
    sequenceNumber: entry.getter(3, 'sequence_number'),
    fileSequenceNumber: entry.getter(4, 'file_sequence_number'),
    dataFile: entry.getter(2, 'data_file'),
  };
  const d = {
    content: df.getter(134, 'content'),
    filePath: df.getter(100, 'file_path'),
    fileFormat: df.getter(101, 'file_format'),
    partition: df.getter(102, 'partition'),
    recordCount: df.getter(103, 'record_count'),
    fileSize: df.getter(104, 'file_size_in_bytes'),
    columnSizes: df.getter(108, 'column_sizes'),
    valueCounts: df.getter(109, 'value_counts'),
    nullValueCounts: df.getter(110, 'null_value_counts'),
    nanValueCounts: df.getter(137, 'nan_value_counts'),
    lowerBounds: df.getter(125, 'lower_bounds'),
    upperBounds: df.getter(128, 'upper_bounds'),
    keyMetadata: df.getter(131, 'key_metadata'),
    splitOffsets: df.getter(132, 'split_offsets'),
    equalityIds: df.getter(135, 'equality_ids'),
    sortOrderId: df.getter(140, 'sort_order_id'),
    referencedDataFile: df.getter(143, 'referenced_data_file'),
  };

  const entries = file.records.map((value, i): ManifestEntryRecord => {
    const at = `manifest entry ${i}`;
    const long = (v: AvroValue | undefined) => asLong(v, at);
    const nullableLong = (v: AvroValue | undefined) =>
      isNull(v) ? null : long(v);
    const bytesOf = (v: AvroValue | undefined) => asBytes(v, at);
    const longMap = (v: AvroValue) => asIntKeyedMap(v, long, at);
    const bytesMap = (v: AvroValue) => asIntKeyedMap(v, bytesOf, at);

    const rec = asRecord(value, at);
    const dfRec = asRecord(e.dataFile(rec), `${at} data_file`);
    const partition = asRecord(d.partition(dfRec), `${at} partition`);
    const status = asInt(e.status(rec), `${at} status`);
    const content = d.content(dfRec) ?? 0; // absent in v1: data files only
    if (status !== 0 && status !== 1 && status !== 2)
      throw new ManifestError(`${at}: invalid status ${status}`);
    if (content !== 0 && content !== 1 && content !== 2)
      throw new ManifestError(`${at}: invalid content ${String(content)}`);
    const format = String(d.fileFormat(dfRec)).toUpperCase();
    if (!FILE_FORMATS.has(format))
      throw new ManifestError(`${at}: unsupported file format ${format}`);

    const dataFile: ManifestDataFile = {
      content,
      filePath: String(d.filePath(dfRec)),
      fileFormat: format as DataFile['fileFormat'],
      partition: partitionType.fields.map((f, j) =>
        fromAvroValue(f.type, partGetters[j]!(partition) ?? null),
      ),
      recordCount: long(d.recordCount(dfRec)),
      fileSizeInBytes: long(d.fileSize(dfRec)),
    };
    const optionalFields: Partial<ManifestDataFile> = {
      columnSizes: optional(d.columnSizes(dfRec), longMap),
      valueCounts: optional(d.valueCounts(dfRec), longMap),
      nullValueCounts: optional(d.nullValueCounts(dfRec), longMap),
      nanValueCounts: optional(d.nanValueCounts(dfRec), longMap),
      lowerBounds: optional(d.lowerBounds(dfRec), bytesMap),
      upperBounds: optional(d.upperBounds(dfRec), bytesMap),
      keyMetadata: optional(d.keyMetadata(dfRec), bytesOf),
      splitOffsets: optional(d.splitOffsets(dfRec), v =>
        asArray(v, at).map(long),
      ),
      equalityIds: optional(d.equalityIds(dfRec), v =>
        asArray(v, at).map(x => asInt(x, at)),
      ),
      sortOrderId: optional(d.sortOrderId(dfRec), v => asInt(v, at)),
      referencedDataFile: optional(d.referencedDataFile(dfRec), String),
    };
    // Only present fields, so a read entry equals the entry that was written.
    for (const [k, v] of Object.entries(optionalFields)) {
      if (v !== undefined) Object.assign(dataFile, { [k]: v });
    }
    return {
      status,
      snapshotId: nullableLong(e.snapshotId(rec)),
      sequenceNumber: nullableLong(e.sequenceNumber(rec)),
      fileSequenceNumber: nullableLong(e.fileSequenceNumber(rec)),
      dataFile,
    };
  });
  return {
    entries,
    metadata: manifestMetadata(file.metadata),
    partitionType,
  };
}

/**
 * Fills what an entry inherits from its manifest's manifest-list entry (spec "Sequence
 * Number Inheritance"): a null snapshot id becomes the manifest's added_snapshot_id; null
 * sequence numbers become the manifest's sequence number for ADDED entries, and for any
 * entry of a v1 manifest (sequence number 0).
 */
export function inheritManifestEntry<E extends ManifestEntry>(
  entry: E,
  manifest: ManifestFile,
): E {
  const inherits = manifest.sequenceNumber === 0n || entry.status === 1;
  return {
    ...entry,
    snapshotId: entry.snapshotId ?? manifest.addedSnapshotId,
    sequenceNumber:
      entry.sequenceNumber ?? (inherits ? manifest.sequenceNumber : null),
    fileSequenceNumber:
      entry.fileSequenceNumber ?? (inherits ? manifest.sequenceNumber : null),
  };
}

// ---------------------------------------------------------------- partition summaries

/** Order for bounds: like compareValues, but -0.0 sorts before +0.0 (spec manifest-list note 2). */
function compareBounds(a: InternalValue, b: InternalValue): number {
  if (a === 0 && b === 0)
    return (Object.is(a, -0) ? 0 : 1) - (Object.is(b, -0) ? 0 : 1);
  return compareValues(a, b);
}

/**
 * Field summaries of a manifest's partition tuples (manifest list field 507): whether any
 * value is null or NaN, and single-value-serialized bounds of the other values.
 */
export function summarizePartitions(
  partitionType: StructType,
  tuples: Iterable<PartitionTuple>,
): FieldSummary[] {
  const stats = partitionType.fields.map(f => {
    if (!isPrimitive(f.type))
      throw new ManifestError(
        `partition field ${f.name} must have a primitive type`,
      );
    return {
      type: f.type,
      containsNull: false,
      containsNan: false,
      lower: undefined as InternalValue | undefined,
      upper: undefined as InternalValue | undefined,
    };
  });
  for (const tuple of tuples) {
    if (tuple.length !== stats.length) {
      throw new ManifestError(
        `partition tuple has ${tuple.length} values, partition type has ${stats.length} fields`,
      );
    }
    stats.forEach((s, i) => {
      const v = tuple[i];
      if (v === null || v === undefined) s.containsNull = true;
      else if (typeof v === 'number' && Number.isNaN(v)) s.containsNan = true;
      else {
        if (s.lower === undefined || compareBounds(v, s.lower) < 0) s.lower = v;
        if (s.upper === undefined || compareBounds(v, s.upper) > 0) s.upper = v;
      }
    });
  }
  return stats.map(s => {
    const summary: FieldSummary = {
      containsNull: s.containsNull,
      containsNan: s.containsNan,
    };
    if (s.lower !== undefined) summary.lowerBound = toBytes(s.type, s.lower);
    if (s.upper !== undefined) summary.upperBound = toBytes(s.type, s.upper);
    return summary;
  });
}

// ---------------------------------------------------------------- manifest lists

export interface WriteManifestListOptions {
  manifests: readonly ManifestFile[];
  snapshotId: bigint;
  /** Written as "null" when absent, like Java (String.valueOf(null)) and PyIceberg. */
  parentSnapshotId?: bigint | null;
  /** The commit's sequence number; replaces UNASSIGNED_SEQUENCE_NUMBER of this snapshot's manifests. */
  sequenceNumber: bigint;
  formatVersion: 2;
  avro?: ManifestAvroOptions;
}

export function writeManifestList(
  options: WriteManifestListOptions,
): Uint8Array {
  const { snapshotId, sequenceNumber } = options;
  if (options.formatVersion !== 2)
    throw new ManifestError(
      `unsupported manifest list format version ${String(
        options.formatVersion,
      )}`,
    );
  if (sequenceNumber < 0n)
    throw new ManifestError(`invalid sequence number ${sequenceNumber}`);
  const assign = (m: ManifestFile, seq: bigint, what: string): bigint => {
    if (seq !== UNASSIGNED_SEQUENCE_NUMBER) return seq;
    // Java V2Metadata.ManifestFileWrapper: only this commit's own manifests are unassigned.
    if (m.addedSnapshotId !== snapshotId) {
      throw new ManifestError(
        `manifest ${m.manifestPath} from snapshot ${m.addedSnapshotId} has an unassigned ${what}`,
      );
    }
    return sequenceNumber;
  };
  const records = options.manifests.map(
    (m): AvroRecord => ({
      manifest_path: m.manifestPath,
      manifest_length: m.manifestLength,
      partition_spec_id: m.partitionSpecId,
      content: m.content,
      sequence_number: assign(m, m.sequenceNumber, 'sequence number'),
      min_sequence_number: assign(
        m,
        m.minSequenceNumber,
        'min sequence number',
      ),
      added_snapshot_id: m.addedSnapshotId,
      added_files_count: m.addedFilesCount,
      existing_files_count: m.existingFilesCount,
      deleted_files_count: m.deletedFilesCount,
      added_rows_count: m.addedRowsCount,
      existing_rows_count: m.existingRowsCount,
      deleted_rows_count: m.deletedRowsCount,
      partitions:
        m.partitions === undefined
          ? null
          : m.partitions.map(
              (p): AvroRecord => ({
                contains_null: p.containsNull,
                contains_nan: orNull(p.containsNan),
                lower_bound: orNull(p.lowerBound),
                upper_bound: orNull(p.upperBound),
              }),
            ),
      key_metadata: orNull(m.keyMetadata),
    }),
  );
  const parent = options.parentSnapshotId;
  return writeAvroFile(
    icebergToAvro(MANIFEST_FILE_TYPE, 'manifest_file'),
    records,
    {
      ...options.avro,
      metadata: {
        'snapshot-id': String(snapshotId),
        'parent-snapshot-id':
          parent === undefined || parent === null ? 'null' : String(parent),
        'sequence-number': String(sequenceNumber),
        'format-version': '2',
      },
    },
  );
}

/**
 * Reads a manifest list (v1 or v2). v1 files get content 0 and sequence numbers 0; a
 * missing (v1, optional) file or row count reads as -1, meaning unknown ("assumed
 * non-zero" in the spec). An UNASSIGNED (-1) sequence number written by a sloppy writer
 * for its own snapshot's manifests is resolved from the `sequence-number` header.
 */
export function readManifestList(bytes: Uint8Array): ManifestFile[] {
  const file = readAvroFile(bytes);
  const list = RecordProjection.of(file.schema);
  const g = (id: number, name: string) => list.getter(id, name);
  const f = {
    path: g(500, 'manifest_path'),
    length: g(501, 'manifest_length'),
    specId: g(502, 'partition_spec_id'),
    content: g(517, 'content'),
    seq: g(515, 'sequence_number'),
    minSeq: g(516, 'min_sequence_number'),
    snapshotId: g(503, 'added_snapshot_id'),
    addedFiles: g(504, 'added_files_count'),
    existingFiles: g(505, 'existing_files_count'),
    deletedFiles: g(506, 'deleted_files_count'),
    addedRows: g(512, 'added_rows_count'),
    existingRows: g(513, 'existing_rows_count'),
    deletedRows: g(514, 'deleted_rows_count'),
    partitions: g(507, 'partitions'),
    keyMetadata: g(519, 'key_metadata'),
  };
  const summary = list.field(507, 'partitions')
    ? list.nested(507, 'partitions')
    : undefined;
  const s = summary && {
    containsNull: summary.getter(509, 'contains_null'),
    containsNan: summary.getter(518, 'contains_nan'),
    lower: summary.getter(510, 'lower_bound'),
    upper: summary.getter(511, 'upper_bound'),
  };
  const headerSnapshot = file.metadata.get('snapshot-id');
  const headerSeq = file.metadata.get('sequence-number');

  return file.records.map((value, i): ManifestFile => {
    const at = `manifest list entry ${i}`;
    const rec = asRecord(value, at);
    const addedSnapshotId = asLong(f.snapshotId(rec), at);
    const seqOf = (v: AvroValue | undefined): bigint => {
      if (isNull(v)) return 0n; // v1
      const n = asLong(v, at);
      const own = headerSnapshot === String(addedSnapshotId);
      return n === UNASSIGNED_SEQUENCE_NUMBER && own && headerSeq !== undefined
        ? BigInt(headerSeq)
        : n;
    };
    // Optional in v1: null means unknown, "assumed non-zero" (-1 here).
    const count = (v: AvroValue | undefined) => (isNull(v) ? -1 : asInt(v, at));
    const rows = (v: AvroValue | undefined) =>
      isNull(v) ? -1n : asLong(v, at);
    const content = f.content(rec) ?? 0;
    if (content !== 0 && content !== 1)
      throw new ManifestError(`${at}: invalid content ${String(content)}`);
    const manifest: ManifestFile = {
      manifestPath: String(f.path(rec)),
      manifestLength: asLong(f.length(rec), at),
      partitionSpecId: asInt(f.specId(rec), at),
      content,
      sequenceNumber: seqOf(f.seq(rec)),
      minSequenceNumber: seqOf(f.minSeq(rec)),
      addedSnapshotId,
      addedFilesCount: count(f.addedFiles(rec)),
      existingFilesCount: count(f.existingFiles(rec)),
      deletedFilesCount: count(f.deletedFiles(rec)),
      addedRowsCount: rows(f.addedRows(rec)),
      existingRowsCount: rows(f.existingRows(rec)),
      deletedRowsCount: rows(f.deletedRows(rec)),
    };
    const partitions = f.partitions(rec);
    if (!isNull(partitions) && s) {
      manifest.partitions = asArray(partitions, at).map(p => {
        const r = asRecord(p, `${at} partitions`);
        const fs: FieldSummary = { containsNull: s.containsNull(r) === true };
        const nan = s.containsNan(r);
        const lower = s.lower(r);
        const upper = s.upper(r);
        if (typeof nan === 'boolean') fs.containsNan = nan;
        if (lower instanceof Uint8Array) fs.lowerBound = lower;
        if (upper instanceof Uint8Array) fs.upperBound = upper;
        return fs;
      });
    }
    const keyMetadata = f.keyMetadata(rec);
    if (!isNull(keyMetadata)) manifest.keyMetadata = asBytes(keyMetadata, at);
    return manifest;
  });
}

// ---------------------------------------------------------------- manifest list entries

export interface ManifestFileForOptions {
  path: string;
  /** Byte length of the written manifest. */
  length: number | bigint;
  specId: number;
  content: ManifestContentName;
  /** Snapshot that adds the manifest (the commit being written). */
  snapshotId: bigint;
  entries: readonly ManifestEntry[];
  partitionType: StructType;
  keyMetadata?: Uint8Array;
}

/**
 * The manifest-list entry for a manifest just written: counts by status, row counts,
 * partition summaries, and sequence numbers left UNASSIGNED (-1) for writeManifestList
 * to fill in — unless live entries carry explicit data sequence numbers, whose minimum
 * becomes min_sequence_number (Java ManifestWriter.toManifestFile).
 */
export function manifestFileFor(options: ManifestFileForOptions): ManifestFile {
  let [addedFiles, existingFiles, deletedFiles] = [0, 0, 0];
  let [addedRows, existingRows, deletedRows] = [0n, 0n, 0n];
  let minSeq: bigint | undefined;
  for (const e of options.entries) {
    const rows = e.dataFile.recordCount;
    if (e.status === 1) {
      addedFiles++;
      addedRows += rows;
    } else if (e.status === 0) {
      existingFiles++;
      existingRows += rows;
    } else {
      deletedFiles++;
      deletedRows += rows;
    }
    if (e.status !== 2 && e.sequenceNumber !== null) {
      if (minSeq === undefined || e.sequenceNumber < minSeq)
        minSeq = e.sequenceNumber;
    }
  }
  const manifest: ManifestFile = {
    manifestPath: options.path,
    manifestLength: BigInt(options.length),
    partitionSpecId: options.specId,
    content: options.content === 'data' ? 0 : 1,
    sequenceNumber: UNASSIGNED_SEQUENCE_NUMBER,
    minSequenceNumber: minSeq ?? UNASSIGNED_SEQUENCE_NUMBER,
    addedSnapshotId: options.snapshotId,
    addedFilesCount: addedFiles,
    existingFilesCount: existingFiles,
    deletedFilesCount: deletedFiles,
    addedRowsCount: addedRows,
    existingRowsCount: existingRows,
    deletedRowsCount: deletedRows,
    partitions: summarizePartitions(
      options.partitionType,
      options.entries.map(e => e.dataFile.partition),
    ),
  };
  if (options.keyMetadata) manifest.keyMetadata = options.keyMetadata;
  return manifest;
}
