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

/** Rows of a table whose columns are `schema`'s fields, in order. */
export function rowsFromTable(
  table: Table,
  schema: StructType,
): Array<Record<string, RowValue>> {
  const rows: Array<Record<string, RowValue>> = [];
  for (const batch of table.batches) {
    for (let i = 0; i < batch.numRows; i++) {
      const row: Record<string, RowValue> = {};
      schema.fields.forEach((f, c) => {
        row[f.name] = valueAt(batch.data.children[c]!, f.type, i);
      });
      rows.push(row);
    }
  }
  return rows;
}
