/**
 * Arrow data (as written or read here) → rows in Iceberg's internal value representation
 * (see conversions.ts): long/time/timestamp → bigint, decimal → unscaled bigint, uuid →
 * string, date → days, binary/fixed → Uint8Array; lists → arrays, maps → Map, structs →
 * objects. Reads the buffers directly rather than through apache-arrow's value getters,
 * whose representations (ms for dates, objects for decimals) differ.
 */
import type { Data, Table } from 'apache-arrow';
import { bytesToUuid, type InternalValue } from '../conversions';
import {
  isPrimitive,
  parsePrimitive,
  type IcebergType,
  type StructType,
} from '../types';

export type RowValue =
  | InternalValue
  | null
  | RowValue[]
  | Map<RowValue, RowValue>
  | { [name: string]: RowValue };

const text = new TextDecoder();

function isValid(data: Data, i: number): boolean {
  if (data.nullCount === 0 || !data.nullBitmap) return true;
  const j = data.offset + i;
  return (data.nullBitmap[j >> 3]! & (1 << (j & 7))) !== 0;
}

/** Value i of `data`, whose type is the Arrow type of `type`. */
export function valueAt(data: Data, type: IcebergType, i: number): RowValue {
  if (!isValid(data, i)) return null;
  const j = data.offset + i;
  if (!isPrimitive(type)) {
    if (type.type === 'struct') {
      const out: { [name: string]: RowValue } = {};
      type.fields.forEach((f, c) => {
        out[f.name] = valueAt(data.children[c]!, f.type, i);
      });
      return out;
    }
    const offsets = data.valueOffsets as Int32Array;
    const [start, end] = [offsets[j]!, offsets[j + 1]!];
    if (type.type === 'list') {
      const out: RowValue[] = [];
      for (let k = start; k < end; k++)
        out.push(valueAt(data.children[0]!, type.element, k));
      return out;
    }
    const entries = data.children[0]!;
    const out = new Map<RowValue, RowValue>();
    for (let k = start; k < end; k++) {
      out.set(
        valueAt(entries.children[0]!, type.key, k),
        valueAt(entries.children[1]!, type.value, k),
      );
    }
    return out;
  }
  const p = parsePrimitive(type);
  const values = data.values;
  switch (p.kind) {
    case 'boolean':
      return ((values as Uint8Array)[j >> 3]! & (1 << (j & 7))) !== 0;
    case 'int':
    case 'date':
    case 'float':
    case 'double':
      return (values as Int32Array | Float32Array | Float64Array)[j]!;
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return (values as BigInt64Array)[j]!;
    case 'decimal': {
      const w = values as Uint32Array;
      let v = 0n;
      for (let k = 3; k >= 0; k--) v = (v << 32n) | BigInt(w[j * 4 + k]!);
      return BigInt.asIntN(128, v);
    }
    case 'string':
    case 'binary': {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = (values as Uint8Array).subarray(offsets[j], offsets[j + 1]);
      return p.kind === 'string' ? text.decode(bytes) : bytes.slice();
    }
    case 'uuid':
    case 'fixed': {
      const width = p.kind === 'fixed' ? p.length : 16;
      const bytes = (values as Uint8Array).slice(j * width, (j + 1) * width);
      return p.kind === 'uuid' ? bytesToUuid(bytes) : bytes;
    }
    default: {
      const never: never = p;
      throw new Error(`unsupported type ${JSON.stringify(never)}`);
    }
  }
}

/** Reads value i of one column; null where not valid. */
type ColumnReader = (i: number) => RowValue;

/** Short strings decoded without TextDecoder (whose call costs more than the work). */
function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > 24) return text.decode(bytes.subarray(start, end));
  let out = '';
  for (let k = start; k < end; k++) {
    const c = bytes[k]!;
    if (c >= 0x80) return text.decode(bytes.subarray(start, end));
    out += String.fromCharCode(c);
  }
  return out;
}

/**
 * A reader of one column, specialized once per batch for its type: the per-value work is
 * then only the read itself (no type parsing, no switch), which matters when silver reads
 * bronze and dedup reads event ids.
 */
function columnReader(data: Data, type: IcebergType): ColumnReader {
  if (!isPrimitive(type)) return i => valueAt(data, type, i);
  const p = parsePrimitive(type);
  const base = data.offset;
  const bitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  const valid = (j: number) =>
    bitmap === undefined || (bitmap[j >> 3]! & (1 << (j & 7))) !== 0;
  const values = data.values;
  switch (p.kind) {
    case 'int':
    case 'date':
    case 'float':
    case 'double': {
      const v = values as Int32Array | Float32Array | Float64Array;
      return i => (valid(base + i) ? v[base + i]! : null);
    }
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz': {
      const v = values as BigInt64Array;
      return i => (valid(base + i) ? v[base + i]! : null);
    }
    case 'string': {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = values as Uint8Array;
      return i => {
        const j = base + i;
        return valid(j)
          ? decodeUtf8(bytes, offsets[j]!, offsets[j + 1]!)
          : null;
      };
    }
    case 'binary': {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = values as Uint8Array;
      return i => {
        const j = base + i;
        // A view, not a copy: rows are read-only, and a copy per value was a third of
        // silver's reading time (bronze's raw payloads).
        return valid(j) ? bytes.subarray(offsets[j]!, offsets[j + 1]!) : null;
      };
    }
    case 'uuid': {
      const bytes = values as Uint8Array;
      return i =>
        valid(base + i) ? bytesToUuid(bytes, (base + i) * 16) : null;
    }
    default:
      return i => valueAt(data, type, i);
  }
}

/** Rows of a table whose columns are `schema`'s fields, in order. */
export function rowsFromTable(
  table: Table,
  schema: StructType,
): Array<Record<string, RowValue>> {
  const rows: Array<Record<string, RowValue>> = [];
  const names = schema.fields.map(f => f.name);
  for (const batch of table.batches) {
    const readers = schema.fields.map((f, c) =>
      columnReader(batch.data.children[c]!, f.type),
    );
    for (let i = 0; i < batch.numRows; i++) {
      const row: Record<string, RowValue> = {};
      for (let c = 0; c < readers.length; c++) row[names[c]!] = readers[c]!(i);
      rows.push(row);
    }
  }
  return rows;
}
