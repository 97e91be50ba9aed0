/**
 * Iceberg Parquet data files: rows → Arrow buffers (batchBuilder.ts) → Arrow IPC →
 * parquet-wasm (arrow-rs) with DataPage v1 (writer version 1.0) and ZSTD by default → footer
 * read back for column sizes and split offsets, uuid columns annotated UUID (footer.ts).
 */
import { DataType, Table, tableToIPC, type RecordBatch } from 'apache-arrow';
import * as pq from 'parquet-wasm';
import {
  isPrimitive,
  parsePrimitive,
  type DataFile,
  type IcebergType,
  type ParsedPrimitive,
  type PartitionTuple,
  type PrimitiveType,
  type StructType,
} from '../types';
import { RecordBatchBuilder, type InvalidRowHandler } from './batchBuilder';
import { CODEC_ID, compressor, type Compress } from './codecs';
import { encodeFlatParquet } from './pageEncoder';
import type { LeafStats } from './builder';
import {
  annotateUuidTypes,
  footerInfo,
  readFooter,
  replaceFooter,
  setChunkStatistics,
} from './footer';
import {
  columnMetrics,
  DEFAULT_METRICS_MODE,
  metricsConfigFromProperties,
  type ColumnMetrics,
  type MetricsConfig,
} from './metrics';

export type ParquetCompression =
  | 'zstd'
  | 'snappy'
  | 'gzip'
  | 'lz4'
  | 'brotli'
  | 'uncompressed';

export interface ParquetWriteOptions {
  /** Default zstd (`write.parquet.compression-codec`). */
  compression?: ParquetCompression;
  /** Target uncompressed bytes per row group (`write.parquet.row-group-size-bytes`, 128 MiB). */
  rowGroupBytes?: number;
  /** Upper limit of rows per row group (`write.parquet.row-group-limit`, 1,048,576). */
  rowGroupRows?: number;
  /** `write.parquet.page-size-bytes`, 1 MiB. */
  pageSizeBytes?: number;
  /** `write.parquet.dict-size-bytes`, 2 MiB. */
  dictionarySizeBytes?: number;
  /** Iceberg metrics modes; default truncate(16) for every column. */
  metrics?: MetricsConfig;
  /**
   * `page` (default): our page encoder for flat schemas when the codec is native here,
   * parquet-wasm otherwise; `parquet-wasm` always (tests and benchmarks compare the two).
   */
  encoder?: 'page' | 'parquet-wasm';
}

export interface DataFileMetrics extends ColumnMetrics {
  /** Compressed bytes per leaf column (all row groups), by field id. */
  columnSizes: Map<number, bigint>;
  splitOffsets: bigint[];
}

export interface WrittenDataFile {
  bytes: Uint8Array;
  recordCount: bigint;
  fileSizeInBytes: bigint;
  metrics: DataFileMetrics;
}

const MiB = 1024 * 1024;
const DEFAULTS = {
  compression: 'zstd',
  rowGroupBytes: 128 * MiB,
  rowGroupRows: 1024 * 1024,
  pageSizeBytes: 1 * MiB,
  dictionarySizeBytes: 2 * MiB,
} as const;

const CODECS: Record<ParquetCompression, pq.Compression> = {
  zstd: pq.Compression.ZSTD,
  snappy: pq.Compression.SNAPPY,
  gzip: pq.Compression.GZIP,
  lz4: pq.Compression.LZ4_RAW,
  brotli: pq.Compression.BROTLI,
  uncompressed: pq.Compression.UNCOMPRESSED,
};

function writerProperties(
  options: ParquetWriteOptions,
  rowGroupRows: number,
  noDictionaryPaths: string[],
  ownStatistics: boolean,
): pq.WriterProperties {
  let builder = new pq.WriterPropertiesBuilder();
  // With our own statistics, set into the footer afterwards (footer.ts), arrow-rs need not
  // compute any (~15% of its time); otherwise its default, per page.
  if (ownStatistics)
    builder = builder.setStatisticsEnabled(pq.EnabledStatistics.None);
  // Random UUIDs never repeat, nor do most timestamps and offsets: trying a dictionary
  // first only costs time (and PLAIN + ZSTD is smaller for them).
  for (const path of noDictionaryPaths)
    builder = builder.setColumnDictionaryEnabled(path, false);
  return (
    builder
      // Writer version 1.0 = DataPage v1 pages and PLAIN fallback encodings, which every
      // Iceberg reader handles (Java and PyIceberg write v1 too).
      .setWriterVersion(pq.WriterVersion.V1)
      .setCompression(CODECS[options.compression ?? DEFAULTS.compression])
      .setMaxRowGroupSize(rowGroupRows)
      .setDataPageSizeLimit(options.pageSizeBytes ?? DEFAULTS.pageSizeBytes)
      .setDictionaryPageSizeLimit(
        options.dictionarySizeBytes ?? DEFAULTS.dictionarySizeBytes,
      )
      .setCreatedBy('medallion (parquet-rs via parquet-wasm)')
      .build()
  );
}

/** Field ids of all uuid columns, and the dotted paths of those outside lists and maps. */
function uuidColumns(schema: StructType): {
  ids: Set<number>;
  paths: string[];
} {
  const ids = new Set<number>();
  const paths: string[] = [];
  const visit = (type: IcebergType, id: number, path: string | undefined) => {
    if (isPrimitive(type)) {
      if (type !== 'uuid') return;
      ids.add(id);
      if (path !== undefined) paths.push(path);
    } else if (type.type === 'struct') {
      for (const f of type.fields)
        visit(
          f.type,
          f.id,
          path === undefined ? undefined : `${path}.${f.name}`,
        );
    } else if (type.type === 'list') {
      visit(type.element, type['element-id'], undefined);
    } else {
      visit(type.key, type['key-id'], undefined);
      visit(type.value, type['value-id'], undefined);
    }
  };
  for (const f of schema.fields) visit(f.type, f.id, f.name);
  return { ids, paths };
}

const DISTINCT_SAMPLE = 4096;

/**
 * Top-level integer, date, time and timestamp columns whose values repeat fewer than ~8
 * times on average, from a strided sample: for them arrow-rs's dictionary costs 2-4x the
 * time of PLAIN (and usually overflows the dictionary page and falls back anyway), while
 * PLAIN + ZSTD is as small or smaller. The number of distinct values D is estimated from
 * the collisions c in a sample of k values (c ≈ k²/2D when D ≫ k); the whole column when it
 * is no longer than the sample.
 */
function highCardinalityColumns(batch: RecordBatch): string[] {
  const out: string[] = [];
  const n = batch.numRows;
  if (n === 0) return out;
  batch.schema.fields.forEach((f, i) => {
    const t = f.type;
    if (
      !DataType.isInt(t) &&
      !DataType.isDate(t) &&
      !DataType.isTime(t) &&
      !DataType.isTimestamp(t)
    )
      return;
    const data = batch.data.children[i];
    const values = data?.values as unknown;
    if (!data || !ArrayBuffer.isView(values)) return;
    const words = new Int32Array(
      values.buffer,
      values.byteOffset,
      values.byteLength >> 2,
    );
    const wide = words.length >= n * 2;
    const k = Math.min(n, DISTINCT_SAMPLE);
    const seen = new Set<number>();
    let sampled = 0;
    for (let j = 0; j < k; j++) {
      const idx = k === n ? j : Math.floor((j * n) / k);
      if (data.nullCount > 0 && !data.getValid(idx)) continue;
      sampled++;
      seen.add(
        wide
          ? words[idx * 2 + 1]! * 4294967296 + (words[idx * 2]! >>> 0)
          : words[idx]!,
      );
    }
    if (sampled < 64) return;
    const collisions = sampled - seen.size;
    const high =
      k === n
        ? seen.size * 8 >= sampled
        : collisions * n <= 4 * sampled * sampled;
    if (high) out.push(f.name);
  });
  return out;
}

/**
 * Primitive types by field id of all leaves, when every leaf is reachable through structs
 * only (so that the builders have statistics of each); undefined if there is a list or map.
 */
function structLeafTypes(
  schema: StructType,
): Map<number, ParsedPrimitive> | undefined {
  const out = new Map<number, ParsedPrimitive>();
  const visit = (s: StructType): boolean =>
    s.fields.every(f => {
      if (isPrimitive(f.type)) {
        out.set(f.id, parsePrimitive(f.type));
        return true;
      }
      return f.type.type === 'struct' && visit(f.type);
    });
  return visit(schema) ? out : undefined;
}

/**
 * Rows per row group: the configured limit, lowered so that a group holds about
 * `rowGroupBytes` (estimated from the builder's bytes per row).
 */
function rowGroupRowsFor(
  options: ParquetWriteOptions,
  numRows: number,
  estimatedBytes: number,
): number {
  const rowGroupBytes = options.rowGroupBytes ?? DEFAULTS.rowGroupBytes;
  const bytesPerRow = numRows > 0 ? estimatedBytes / numRows : 0;
  return Math.max(
    1,
    Math.min(
      options.rowGroupRows ?? DEFAULTS.rowGroupRows,
      bytesPerRow > 0 ? Math.floor(rowGroupBytes / bytesPerRow) : Infinity,
    ),
  );
}

/** The page encoder's compressor, if it takes this schema and codec here. */
function pageEncoderCompressor(
  schema: StructType,
  options: ParquetWriteOptions,
): Compress | undefined {
  if (options.encoder === 'parquet-wasm') return undefined;
  if (!schema.fields.every(f => isPrimitive(f.type))) return undefined;
  return compressor(options.compression ?? DEFAULTS.compression);
}

/**
 * Encodes one Arrow batch as a Parquet file (no metrics) through parquet-wasm: nested
 * schemas, codecs without a native compressor, or when asked to. `leafStats` (the builder's, of
 * exactly this batch) become the column chunk statistics when the file has one row group
 * and no list or map; otherwise arrow-rs computes them.
 */
export function encodeParquet(
  schema: StructType,
  batch: RecordBatch,
  options: ParquetWriteOptions = {},
  arrowBytes?: number,
  leafStats?: ReadonlyMap<number, LeafStats>,
): {
  bytes: Uint8Array;
  columnSizes: Map<number, bigint>;
  splitOffsets: bigint[];
} {
  const rowGroupRows = rowGroupRowsFor(options, batch.numRows, arrowBytes ?? 0);
  const uuids = uuidColumns(schema);
  const noDictionary = [...uuids.paths, ...highCardinalityColumns(batch)];
  const leafTypes =
    leafStats && batch.numRows <= rowGroupRows
      ? structLeafTypes(schema)
      : undefined;
  const ipc = tableToIPC(new Table(batch), 'stream');
  const write = (ownStatistics: boolean) =>
    pq.writeParquet(
      pq.Table.fromIPCStream(ipc),
      writerProperties(options, rowGroupRows, noDictionary, ownStatistics),
    );
  let written = write(leafTypes !== undefined);
  let footer = readFooter(written);
  if (
    leafStats &&
    leafTypes &&
    !setChunkStatistics(footer.metadata, leafStats, leafTypes)
  ) {
    // Not expected (one row group was planned): let arrow-rs compute the statistics.
    written = write(false);
    footer = readFooter(written);
  }
  const annotated = annotateUuidTypes(footer.metadata, uuids.ids);
  const bytes =
    annotated || leafTypes ? replaceFooter(written, footer) : written;
  const info = footerInfo(footer.metadata);
  return {
    bytes,
    columnSizes: info.columnSizes,
    splitOffsets: info.splitOffsets,
  };
}

/** Encodes everything appended to `builder` (which starts empty again). */
export function flushBuilder(
  builder: RecordBatchBuilder,
  options: ParquetWriteOptions = {},
): WrittenDataFile {
  const schema = builder.icebergSchema;
  const config = options.metrics ?? { default: DEFAULT_METRICS_MODE };
  const stats = builder.stats();
  const metrics = columnMetrics(schema, stats, config);
  const arrowBytes = builder.byteSize();
  const numRows = builder.length;
  const compress = pageEncoderCompressor(schema, options);
  const codec = options.compression ?? DEFAULTS.compression;
  const columns = compress ? builder.finishColumns() : [];
  const { bytes, columnSizes, splitOffsets } = compress
    ? encodeFlatParquet(
        schema.fields.map((field, i) => ({
          field,
          primitive: parsePrimitive(field.type as PrimitiveType),
          data: columns[i]!,
        })),
        numRows,
        {
          compress,
          codecId: CODEC_ID[codec],
          rowGroupRows: rowGroupRowsFor(options, numRows, arrowBytes),
          pageSizeBytes: options.pageSizeBytes ?? DEFAULTS.pageSizeBytes,
          stats,
        },
      )
    : encodeParquet(schema, builder.finish(), options, arrowBytes, stats);
  return {
    bytes,
    recordCount: BigInt(numRows),
    fileSizeInBytes: BigInt(bytes.length),
    metrics: { ...metrics, columnSizes, splitOffsets },
  };
}

/** Writes rows (objects by field name) as one data file; a bad row throws RowError. */
export function writeDataFile(
  schema: StructType,
  rows: readonly unknown[],
  options: ParquetWriteOptions = {},
): WrittenDataFile {
  const builder = new RecordBatchBuilder(schema);
  builder.appendRows(rows);
  return flushBuilder(builder, options);
}

/** Columnar fast path: `columns[name][i]` is row i's value of top-level field `name`. */
export function writeDataFileColumns(
  schema: StructType,
  columns: Readonly<Record<string, ArrayLike<unknown> | undefined>>,
  length: number,
  options: ParquetWriteOptions = {},
): WrittenDataFile {
  const builder = new RecordBatchBuilder(schema);
  builder.appendColumns(columns, length);
  return flushBuilder(builder, options);
}

export interface DataFileWriterOptions extends ParquetWriteOptions {
  /** Roll to a new file past this estimated size (`write.target-file-size-bytes`). */
  targetFileSizeBytes?: number;
  /** Skip and report bad rows instead of rejecting their whole batch. */
  onInvalidRow?: InvalidRowHandler;
}

export const DEFAULT_TARGET_FILE_SIZE_BYTES = 128 * MiB;
/** Compressed/Arrow size ratio assumed before the first file measured it. */
const INITIAL_SIZE_RATIO = 0.5;

const intProperty = (
  properties: Readonly<Record<string, string>>,
  key: string,
): number | undefined => {
  const raw = properties[key];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new Error(
      `table property ${key} must be a positive integer, got ${raw}`,
    );
  return n;
};

/** Writer options from Iceberg table properties. */
export function writerOptionsFromProperties(
  properties: Readonly<Record<string, string>>,
): DataFileWriterOptions {
  const codec = properties['write.parquet.compression-codec']?.toLowerCase();
  if (codec !== undefined && !(codec in CODECS))
    throw new Error(`unsupported write.parquet.compression-codec ${codec}`);
  return {
    targetFileSizeBytes: intProperty(
      properties,
      'write.target-file-size-bytes',
    ),
    compression: codec as ParquetCompression | undefined,
    rowGroupBytes: intProperty(
      properties,
      'write.parquet.row-group-size-bytes',
    ),
    rowGroupRows: intProperty(properties, 'write.parquet.row-group-limit'),
    pageSizeBytes: intProperty(properties, 'write.parquet.page-size-bytes'),
    dictionarySizeBytes: intProperty(
      properties,
      'write.parquet.dict-size-bytes',
    ),
    metrics: metricsConfigFromProperties(properties),
  };
}

/**
 * A rolling writer: accepts batches of rows and emits a data file whenever the estimated
 * encoded size of the buffered rows passes the target file size. The estimate is the Arrow
 * bytes buffered times the compressed/Arrow ratio measured on the previous file (0.5 before
 * the first), so the first file is the least precise.
 */
export class DataFileWriter {
  private readonly builder: RecordBatchBuilder;
  private ratio = INITIAL_SIZE_RATIO;
  readonly targetFileSizeBytes: number;

  constructor(
    readonly schema: StructType,
    private readonly options: DataFileWriterOptions = {},
  ) {
    this.builder = new RecordBatchBuilder(schema);
    this.targetFileSizeBytes =
      options.targetFileSizeBytes ?? DEFAULT_TARGET_FILE_SIZE_BYTES;
  }

  /** Rows buffered for the next file. */
  get bufferedRows(): number {
    return this.builder.length;
  }

  /** Estimated encoded size of the buffered rows. */
  get estimatedBytes(): number {
    return this.builder.byteSize() * this.ratio;
  }

  /**
   * Buffers rows; returns the file completed by them, if the target size was passed. A
   * batch is never split across files, so pass batches well below the target size. Without
   * `onInvalidRow`, a bad row throws RowError and no row of this batch is kept.
   */
  write(rows: readonly unknown[]): WrittenDataFile[] {
    this.builder.appendRows(rows, this.options.onInvalidRow);
    return this.estimatedBytes >= this.targetFileSizeBytes
      ? [this.flush()]
      : [];
  }

  /** Writes the buffered rows, if any, as a file. */
  close(): WrittenDataFile[] {
    return this.builder.length > 0 ? [this.flush()] : [];
  }

  private flush(): WrittenDataFile {
    const arrowBytes = this.builder.byteSize();
    const file = flushBuilder(this.builder, this.options);
    if (arrowBytes > 0) this.ratio = Number(file.fileSizeInBytes) / arrowBytes;
    return file;
  }
}

/** The DataFile entry of a written file. */
export function toDataFile(
  written: WrittenDataFile,
  filePath: string,
  partition: PartitionTuple = [],
  sortOrderId?: number,
): DataFile {
  const m = written.metrics;
  return {
    content: 0,
    filePath,
    fileFormat: 'PARQUET',
    partition,
    recordCount: written.recordCount,
    fileSizeInBytes: written.fileSizeInBytes,
    columnSizes: m.columnSizes,
    valueCounts: m.valueCounts,
    nullValueCounts: m.nullValueCounts,
    nanValueCounts: m.nanValueCounts,
    lowerBounds: m.lowerBounds,
    upperBounds: m.upperBounds,
    splitOffsets: m.splitOffsets,
    ...(sortOrderId === undefined ? {} : { sortOrderId }),
  };
}
