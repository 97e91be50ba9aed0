/**
 * The direct Parquet encoder for flat schemas (top-level primitive columns): the builders'
 * Arrow buffers become DataPage v1 pages (PLAIN values, RLE / bit-packed definition levels),
 * compressed natively (codecs.ts), with the schema (field ids, logical types) and chunk
 * statistics written straight into the footer. Against the parquet-wasm path this skips the
 * Arrow IPC round trip, the copy into wasm memory and the re-analysis of every value, which
 * together were over half of the encoding time. Nested schemas still go through parquet-wasm
 * (writer.ts), which handles repetition levels.
 *
 * Field numbers are those of parquet-format's parquet.thrift.
 */
import type { Data } from 'apache-arrow';
import type { NestedField, ParsedPrimitive } from '../types';
import type { LeafStats } from './builder';
import type { Compress } from './codecs';
import { chunkStatistics } from './statistics';
import { CompactWriter, T, type TField, type TStruct } from './thrift';

// Physical types
const BOOLEAN = 0;
const INT32 = 1;
const INT64 = 2;
const FLOAT = 4;
const DOUBLE = 5;
const BYTE_ARRAY = 6;
const FIXED_LEN_BYTE_ARRAY = 7;
// Encodings
const PLAIN = 0;
const RLE = 3;
const RLE_DICTIONARY = 8;
// Converted types (legacy annotations, still read by older readers)
const CT_UTF8 = 0;
const CT_DECIMAL = 5;
const CT_DATE = 6;
const CT_TIME_MICROS = 8;
const CT_TIMESTAMP_MICROS = 10;

const MAGIC = Uint8Array.of(0x50, 0x41, 0x52, 0x31); // PAR1

/** One top-level primitive column of a batch. */
export interface FlatColumn {
  field: NestedField;
  primitive: ParsedPrimitive;
  data: Data;
}

export interface PageEncoderOptions {
  compress: Compress;
  codecId: number;
  rowGroupRows: number;
  pageSizeBytes: number;
  /** Leaf statistics of all rows by field id, written as chunk statistics when there is one row group. */
  stats?: ReadonlyMap<number, LeafStats>;
}

export interface EncodedFile {
  bytes: Uint8Array;
  columnSizes: Map<number, bigint>;
  splitOffsets: bigint[];
}

// ---------------------------------------------------------------- thrift helpers

const i32 = (id: number, value: number): TField => ({
  id,
  type: T.I32,
  value,
});
const i64 = (id: number, value: number | bigint): TField => ({
  id,
  type: T.I64,
  value: BigInt(value),
});
const bool = (id: number, value: boolean): TField => ({
  id,
  type: T.BOOL,
  value,
});
const utf8 = new TextEncoder();
const str = (id: number, value: string): TField => ({
  id,
  type: T.BINARY,
  value: utf8.encode(value),
});
const struct = (id: number, fields: TField[]): TField => ({
  id,
  type: T.STRUCT,
  value: { kind: 'struct', fields },
});
const list = (
  id: number,
  elementType: number,
  items: Array<TStruct | number | Uint8Array>,
): TField => ({
  id,
  type: T.LIST,
  value: { kind: 'list', type: T.LIST, elementType, items },
});
const asStruct = (fields: TField[]): TStruct => ({ kind: 'struct', fields });

function thriftBytes(s: TStruct): Uint8Array {
  const w = new CompactWriter();
  w.writeStruct(s);
  return w.bytes();
}

// ---------------------------------------------------------------- schema

/** Bytes of the smallest two's-complement integer holding every decimal of `precision` digits. */
export const decimalWidth = (precision: number): number =>
  Math.ceil((Math.log2(10 ** precision + 1) + 1) / 8);

interface Physical {
  type: number;
  /** Bytes per value in the PLAIN encoding of fixed-width types (0 for byte arrays, booleans). */
  width: number;
  typeLength?: number;
  /** SchemaElement fields 6 (converted type), 7-8 (scale, precision), 10 (logical type). */
  annotations: TField[];
}

const timeUnitMicros = (id: number): TField => struct(id, [struct(2, [])]); // TimeUnit { MICROS }

function physicalOf(p: ParsedPrimitive): Physical {
  const logical = (f: TField): TField => struct(10, [f]);
  switch (p.kind) {
    case 'boolean':
      return { type: BOOLEAN, width: 0, annotations: [] };
    case 'int':
      return { type: INT32, width: 4, annotations: [] };
    case 'date':
      return {
        type: INT32,
        width: 4,
        annotations: [i32(6, CT_DATE), logical(struct(6, []))],
      };
    case 'long':
      return { type: INT64, width: 8, annotations: [] };
    case 'time':
      return {
        type: INT64,
        width: 8,
        annotations: [
          i32(6, CT_TIME_MICROS),
          logical(struct(7, [bool(1, false), timeUnitMicros(2)])),
        ],
      };
    case 'timestamp':
    case 'timestamptz': {
      const utc = p.kind === 'timestamptz';
      return {
        type: INT64,
        width: 8,
        annotations: [
          // The legacy TIMESTAMP_MICROS means instants (UTC); local timestamps have none.
          ...(utc ? [i32(6, CT_TIMESTAMP_MICROS)] : []),
          logical(struct(8, [bool(1, utc), timeUnitMicros(2)])),
        ],
      };
    }
    case 'float':
      return { type: FLOAT, width: 4, annotations: [] };
    case 'double':
      return { type: DOUBLE, width: 8, annotations: [] };
    case 'decimal': {
      // As Iceberg Java and arrow-rs: INT32 up to 9 digits, INT64 up to 18, else the
      // smallest fixed width.
      let physical: Pick<Physical, 'type' | 'width' | 'typeLength'>;
      if (p.precision <= 9) physical = { type: INT32, width: 4 };
      else if (p.precision <= 18) physical = { type: INT64, width: 8 };
      else {
        const width = decimalWidth(p.precision);
        physical = { type: FIXED_LEN_BYTE_ARRAY, width, typeLength: width };
      }
      return {
        ...physical,
        annotations: [
          i32(6, CT_DECIMAL),
          i32(7, p.scale),
          i32(8, p.precision),
          logical(struct(5, [i32(1, p.scale), i32(2, p.precision)])),
        ],
      };
    }
    case 'string':
      return {
        type: BYTE_ARRAY,
        width: 0,
        annotations: [i32(6, CT_UTF8), logical(struct(1, []))],
      };
    case 'binary':
      return { type: BYTE_ARRAY, width: 0, annotations: [] };
    case 'uuid':
      return {
        type: FIXED_LEN_BYTE_ARRAY,
        width: 16,
        typeLength: 16,
        annotations: [logical(struct(14, []))],
      };
    case 'fixed':
      return {
        type: FIXED_LEN_BYTE_ARRAY,
        width: p.length,
        typeLength: p.length,
        annotations: [],
      };
    default: {
      const never: never = p;
      throw new Error(`unsupported type ${JSON.stringify(never)}`);
    }
  }
}

function schemaElement(c: FlatColumn, physical: Physical): TStruct {
  const fields: TField[] = [
    i32(1, physical.type),
    ...(physical.typeLength === undefined ? [] : [i32(2, physical.typeLength)]),
    i32(3, c.field.required ? 0 : 1), // REQUIRED / OPTIONAL
    str(4, c.field.name),
    ...physical.annotations,
    i32(9, c.field.id),
  ];
  fields.sort((a, b) => a.id - b.id);
  return asStruct(fields);
}

// ---------------------------------------------------------------- pages

/** Bits set in each byte value. */
const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let x = b; x; x >>= 1) n += x & 1;
  return n;
});

/** Nulls among rows [from, to) of a bitmap (bit set = valid); `from` is a multiple of 8. */
function nullsIn(bitmap: Uint8Array, from: number, to: number): number {
  let valid = 0;
  const lastFull = from + ((to - from) & ~7);
  for (let b = from >> 3; b < lastFull >> 3; b++)
    valid += POPCOUNT[bitmap[b]!]!;
  for (let i = lastFull; i < to; i++) valid += (bitmap[i >> 3]! >> (i & 7)) & 1;
  return to - from - valid;
}

function varintLength(value: number): number {
  let n = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 128)) n++;
  return n;
}

function putVarint(out: Uint8Array, pos: number, value: number): number {
  let p = pos;
  let v = value;
  while (v >= 0x80) {
    out[p++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  out[p++] = v;
  return p;
}

const byteView = (v: ArrayBufferView): Uint8Array =>
  new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

/** Distinct values of a dictionary-encoded column and each row's entry. */
interface DictionaryColumn {
  indices: Int32Array;
  entries: number;
  offsets: Int32Array;
  bytes: Uint8Array;
  bitWidth: number;
}

function dictionaryOf(data: Data): DictionaryColumn | undefined {
  const dictionary = data.dictionary?.data[0];
  if (!dictionary) return undefined;
  const entries = dictionary.length;
  return {
    indices: data.values as Int32Array,
    entries,
    offsets: dictionary.valueOffsets as Int32Array,
    bytes: byteView(dictionary.values as ArrayBufferView),
    // Width 0 (a single entry) is legal but trips some readers.
    bitWidth: Math.max(1, Math.ceil(Math.log2(Math.max(entries, 1)))),
  };
}

/** PLAIN byte arrays (4-byte little-endian length, then the bytes) of values [from, to). */
function writeByteArrays(
  out: Uint8Array,
  start: number,
  offsets: Int32Array,
  src: Uint8Array,
  from: number,
  to: number,
  bitmap: Uint8Array | undefined,
): number {
  let pos = start;
  for (let i = from; i < to; i++) {
    if (bitmap && !((bitmap[i >> 3]! >> (i & 7)) & 1)) continue;
    const a = offsets[i]!;
    const b = offsets[i + 1]!;
    const len = b - a;
    out[pos] = len & 0xff;
    out[pos + 1] = (len >> 8) & 0xff;
    out[pos + 2] = (len >> 16) & 0xff;
    out[pos + 3] = len >>> 24;
    pos += 4;
    if (len > 32) {
      out.set(src.subarray(a, b), pos);
      pos += len;
    } else for (let k = a; k < b; k++) out[pos++] = src[k]!;
  }
  return pos;
}

/** One column's buffers, with the per-type value writers. */
class ColumnSource {
  readonly physical: Physical;
  readonly dictionary?: DictionaryColumn;
  private readonly bytes: Uint8Array;
  private readonly offsets?: Int32Array;
  private readonly bitmap?: Uint8Array;

  constructor(readonly column: FlatColumn) {
    const data = column.data;
    if (data.offset !== 0)
      throw new Error('the page encoder expects unsliced Arrow data');
    this.physical = physicalOf(column.primitive);
    this.dictionary = dictionaryOf(data);
    this.bytes = byteView(data.values as ArrayBufferView);
    this.offsets = this.dictionary
      ? undefined
      : (data.valueOffsets as Int32Array | undefined);
    this.bitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  }

  /** The uncompressed body of the dictionary page (PLAIN entries). */
  dictionaryPage(): Uint8Array {
    const d = this.dictionary!;
    const out = new Uint8Array(d.offsets[d.entries]! + 4 * d.entries);
    writeByteArrays(out, 0, d.offsets, d.bytes, 0, d.entries, undefined);
    return out;
  }

  get optional(): boolean {
    return !this.column.field.required;
  }

  /** Rows per page so that a page holds about `pageBytes` of values; a multiple of 8. */
  rowsPerPage(from: number, to: number, pageBytes: number): number {
    const n = Math.max(1, to - from);
    let perRow = this.physical.width;
    if (this.dictionary) perRow = this.dictionary.bitWidth / 8;
    else if (this.offsets)
      perRow = (this.offsets[to]! - this.offsets[from]!) / n + 4;
    else if (this.physical.type === BOOLEAN) perRow = 1 / 8;
    return Math.max(8, Math.floor(pageBytes / Math.max(perRow, 1 / 8)) & ~7);
  }

  /** The uncompressed body of a DataPage v1 with rows [from, to): levels, then values. */
  page(from: number, to: number): Uint8Array {
    const count = to - from;
    const bitmap = this.bitmap;
    const nulls = bitmap ? nullsIn(bitmap, from, to) : 0;
    const present = count - nulls;
    let levelBytes = 0;
    if (this.optional) {
      // RLE / bit-packed hybrid, bit width 1, with a 4-byte length prefix.
      levelBytes =
        nulls === 0
          ? varintLength(count * 2) + 1
          : varintLength(((count + 7) >> 3) * 2 + 1) + ((count + 7) >> 3);
    }
    const valueBytes = this.valueBytes(from, to, present);
    const out = new Uint8Array(
      (this.optional ? 4 + levelBytes : 0) + valueBytes,
    );
    let pos = 0;
    if (this.optional) {
      new DataView(out.buffer).setUint32(0, levelBytes, true);
      pos = 4;
      if (nulls === 0) {
        pos = putVarint(out, pos, count * 2);
        out[pos++] = 1;
      } else {
        const groups = (count + 7) >> 3;
        pos = putVarint(out, pos, groups * 2 + 1);
        // Arrow's validity bitmap is already LSB-first bit-packed 0/1 levels.
        out.set(bitmap!.subarray(from >> 3, (from >> 3) + groups), pos);
        pos += groups;
      }
    }
    this.writeValues(out, pos, from, to, nulls > 0);
    return out;
  }

  /** Bit width, then the indices of the present rows as one bit-packed run (8 per group, LSB first). */
  private writeIndices(
    out: Uint8Array,
    start: number,
    from: number,
    to: number,
    hasNulls: boolean,
  ): void {
    const { indices, bitWidth } = this.dictionary!;
    const bitmap = this.bitmap;
    let present = to - from;
    if (hasNulls) present -= nullsIn(bitmap!, from, to);
    const groups = (present + 7) >> 3;
    out[start] = bitWidth;
    let pos = putVarint(out, start + 1, groups * 2 + 1);
    const end = pos + groups * bitWidth;
    // Bit widths stay far below 24 (the dictionary is capped at 2 MiB), so the
    // accumulator never holds more than 31 bits.
    let acc = 0;
    let bits = 0;
    for (let i = from; i < to; i++) {
      if (hasNulls && !((bitmap![i >> 3]! >> (i & 7)) & 1)) continue;
      acc |= indices[i]! << bits;
      bits += bitWidth;
      while (bits >= 8) {
        out[pos++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
    }
    if (bits > 0) out[pos++] = acc & 0xff;
    // The last group's padding is already zero (fresh buffer).
    if (pos > end) throw new Error('dictionary index overflow');
  }

  private valueBytes(from: number, to: number, present: number): number {
    const p = this.physical;
    if (this.dictionary) {
      // Bit width, then one bit-packed run of the indices.
      const groups = (present + 7) >> 3;
      return (
        1 + varintLength(groups * 2 + 1) + groups * this.dictionary.bitWidth
      );
    }
    if (p.type === BOOLEAN) return (present + 7) >> 3;
    if (!this.offsets) return present * p.width;
    let bytes = 0;
    if (this.bitmap) {
      for (let i = from; i < to; i++)
        if ((this.bitmap[i >> 3]! >> (i & 7)) & 1)
          bytes += this.offsets[i + 1]! - this.offsets[i]!;
    } else bytes = this.offsets[to]! - this.offsets[from]!;
    return bytes + 4 * present;
  }

  private writeValues(
    out: Uint8Array,
    start: number,
    from: number,
    to: number,
    hasNulls: boolean,
  ): void {
    const src = this.bytes;
    const bitmap = this.bitmap;
    const p = this.physical;
    if (p.type === BOOLEAN) {
      let bit = 0;
      for (let i = from; i < to; i++) {
        if (hasNulls && !((bitmap![i >> 3]! >> (i & 7)) & 1)) continue;
        if ((src[i >> 3]! >> (i & 7)) & 1)
          out[start + (bit >> 3)]! |= 1 << (bit & 7);
        bit++;
      }
      return;
    }
    if (this.dictionary) {
      this.writeIndices(out, start, from, to, hasNulls);
      return;
    }
    if (this.offsets) {
      writeByteArrays(
        out,
        start,
        this.offsets,
        src,
        from,
        to,
        hasNulls ? bitmap : undefined,
      );
      return;
    }
    if (this.column.primitive.kind === 'decimal') {
      // Arrow Decimal128 is 16 bytes little-endian two's complement: INT32 / INT64 take
      // its low bytes as they are, a fixed width its low bytes big-endian.
      const w = p.width;
      const bigEndian = p.type === FIXED_LEN_BYTE_ARRAY;
      let pos = start;
      for (let i = from; i < to; i++) {
        if (hasNulls && !((bitmap![i >> 3]! >> (i & 7)) & 1)) continue;
        if (bigEndian) {
          const base = i * 16 + w - 1;
          for (let k = 0; k < w; k++) out[pos++] = src[base - k]!;
        } else {
          const base = i * 16;
          for (let k = 0; k < w; k++) out[pos++] = src[base + k]!;
        }
      }
      return;
    }
    const w = p.width;
    if (!hasNulls) {
      out.set(src.subarray(from * w, to * w), start);
      return;
    }
    let pos = start;
    for (let i = from; i < to; i++) {
      if (!((bitmap![i >> 3]! >> (i & 7)) & 1)) continue;
      const base = i * w;
      for (let k = 0; k < w; k++) out[pos++] = src[base + k]!;
    }
  }
}

function pageHeader(
  uncompressed: number,
  compressed: number,
  numValues: number,
  encoding: number,
): Uint8Array {
  return thriftBytes(
    asStruct([
      i32(1, 0), // DATA_PAGE
      i32(2, uncompressed),
      i32(3, compressed),
      struct(5, [
        i32(1, numValues),
        i32(2, encoding),
        i32(3, RLE),
        i32(4, RLE),
      ]),
    ]),
  );
}

function dictionaryPageHeader(
  uncompressed: number,
  compressed: number,
  entries: number,
): Uint8Array {
  return thriftBytes(
    asStruct([
      i32(1, 2), // DICTIONARY_PAGE
      i32(2, uncompressed),
      i32(3, compressed),
      struct(7, [i32(1, entries), i32(2, PLAIN)]),
    ]),
  );
}

// ---------------------------------------------------------------- file

/** Encodes `numRows` rows of flat columns as one Parquet file. */
export function encodeFlatParquet(
  columns: readonly FlatColumn[],
  numRows: number,
  options: PageEncoderOptions,
): EncodedFile {
  const sources = columns.map(c => new ColumnSource(c));
  const parts: Uint8Array[] = [MAGIC];
  let offset = MAGIC.length;
  const push = (b: Uint8Array) => {
    parts.push(b);
    offset += b.length;
  };
  // Row groups and pages start at multiples of 8 rows, so validity bitmaps are byte-aligned.
  const groupRows = Math.max(8, options.rowGroupRows & ~7);
  const rowGroups: TStruct[] = [];
  const columnSizes = new Map<number, bigint>();
  const splitOffsets: bigint[] = [];
  const single = numRows <= groupRows;
  for (let g = 0; g === 0 || g * groupRows < numRows; g++) {
    const from = g * groupRows;
    const to = Math.min(numRows, from + groupRows);
    const groupStart = offset;
    splitOffsets.push(BigInt(groupStart));
    let groupUncompressed = 0;
    const chunks: TStruct[] = [];
    for (const source of sources) {
      const chunkStart = offset;
      let uncompressedTotal = 0;
      const dictionary = source.dictionary;
      if (dictionary) {
        const body = source.dictionaryPage();
        const compressed = options.compress(body);
        const header = dictionaryPageHeader(
          body.length,
          compressed.length,
          dictionary.entries,
        );
        push(header);
        push(compressed);
        uncompressedTotal += header.length + body.length;
      }
      const dataStart = offset;
      const step = source.rowsPerPage(from, to, options.pageSizeBytes);
      for (let p = from; p < to || p === from; p += step) {
        const end = Math.min(to, p + step);
        const body = source.page(p, end);
        const compressed = options.compress(body);
        const header = pageHeader(
          body.length,
          compressed.length,
          end - p,
          dictionary ? RLE_DICTIONARY : PLAIN,
        );
        push(header);
        push(compressed);
        uncompressedTotal += header.length + body.length;
        if (end >= to) break;
      }
      const compressedTotal = offset - chunkStart;
      groupUncompressed += uncompressedTotal;
      const { field, primitive } = source.column;
      columnSizes.set(
        field.id,
        (columnSizes.get(field.id) ?? 0n) + BigInt(compressedTotal),
      );
      const leafStats = single ? options.stats?.get(field.id) : undefined;
      const statistics = leafStats
        ? chunkStatistics(
            leafStats,
            primitive,
            source.physical.type,
            source.physical.typeLength ?? 0,
          )
        : undefined;
      const encodings = [PLAIN];
      if (source.optional || dictionary) encodings.push(RLE);
      if (dictionary) encodings.push(RLE_DICTIONARY);
      const meta: TField[] = [
        i32(1, source.physical.type),
        list(2, T.I32, encodings),
        list(3, T.BINARY, [utf8.encode(field.name)]),
        i32(4, options.codecId),
        i64(5, to - from),
        i64(6, uncompressedTotal),
        i64(7, compressedTotal),
        i64(9, dataStart),
      ];
      if (dictionary) meta.push(i64(11, chunkStart));
      if (statistics) meta.push({ id: 12, type: T.STRUCT, value: statistics });
      chunks.push(asStruct([i64(2, chunkStart), struct(3, meta)]));
    }
    rowGroups.push(
      asStruct([
        list(1, T.STRUCT, chunks),
        i64(2, groupUncompressed),
        i64(3, to - from),
        i64(5, groupStart),
        i64(6, offset - groupStart),
        { id: 7, type: T.I16, value: g },
      ]),
    );
  }
  const schema = [
    asStruct([str(4, 'table'), i32(5, sources.length)]),
    ...sources.map(s => schemaElement(s.column, s.physical)),
  ];
  const footer = thriftBytes(
    asStruct([
      i32(1, 1),
      list(2, T.STRUCT, schema),
      i64(3, numRows),
      list(4, T.STRUCT, rowGroups),
      str(6, 'medallion parquet encoder'),
      // TYPE_ORDER for every leaf: without it readers ignore min_value / max_value of
      // byte arrays and booleans.
      list(
        7,
        T.STRUCT,
        sources.map(() => asStruct([struct(1, [])])),
      ),
    ]),
  );
  push(footer);
  const tail = new Uint8Array(8);
  new DataView(tail.buffer).setUint32(0, footer.length, true);
  tail.set(MAGIC, 4);
  push(tail);
  const bytes = new Uint8Array(offset);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { bytes, columnSizes, splitOffsets };
}
