/**
 * A generic Thrift compact-protocol codec, enough to read a Parquet footer (FileMetaData)
 * into a tree, amend it and write it back. Values keep their wire type so that an unchanged
 * tree re-encodes to the same bytes.
 */

export const T = {
  BOOL: 1, // on the wire, a field's bool is type 1 (true) or 2 (false)
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
} as const;

export type TValue =
  | boolean
  | number
  | bigint
  | Uint8Array
  | TStruct
  | TList
  | TMap;

export interface TField {
  id: number;
  type: number;
  value: TValue;
}

export interface TStruct {
  kind: 'struct';
  fields: TField[];
}

export interface TList {
  kind: 'list';
  /** SET or LIST. */
  type: number;
  elementType: number;
  items: TValue[];
}

export interface TMap {
  kind: 'map';
  keyType: number;
  valueType: number;
  entries: Array<[TValue, TValue]>;
}

export class ThriftError extends Error {}

export class CompactReader {
  private pos: number;

  constructor(private readonly buf: Uint8Array, offset = 0) {
    this.pos = offset;
  }

  get position(): number {
    return this.pos;
  }

  private byte(): number {
    if (this.pos >= this.buf.length)
      throw new ThriftError('truncated thrift data');
    return this.buf[this.pos++]!;
  }

  private varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new ThriftError('varint too long');
    }
  }

  private zigzag(): bigint {
    const v = this.varint();
    return (v >> 1n) ^ -(v & 1n);
  }

  readStruct(): TStruct {
    const fields: TField[] = [];
    let lastId = 0;
    for (;;) {
      const header = this.byte();
      if (header === 0) return { kind: 'struct', fields };
      const delta = header >> 4;
      let type = header & 0x0f;
      const id = delta === 0 ? Number(this.zigzag()) : lastId + delta;
      lastId = id;
      let value: TValue;
      if (type === 1 || type === 2) {
        value = type === 1;
        type = T.BOOL;
      } else {
        value = this.readValue(type);
      }
      fields.push({ id, type, value });
    }
  }

  private readValue(type: number): TValue {
    switch (type) {
      case T.BOOL:
      case 2:
        return this.byte(); // bool inside a collection: kept as its raw byte
      case T.BYTE:
        return (this.byte() << 24) >> 24;
      case T.I16:
      case T.I32:
        return Number(this.zigzag());
      case T.I64:
        return this.zigzag();
      case T.DOUBLE: {
        const dv = new DataView(
          this.buf.buffer,
          this.buf.byteOffset + this.pos,
          8,
        );
        this.pos += 8;
        return dv.getFloat64(0, true);
      }
      case T.BINARY: {
        const n = Number(this.varint());
        if (this.pos + n > this.buf.length)
          throw new ThriftError('truncated thrift binary');
        const out = this.buf.slice(this.pos, this.pos + n);
        this.pos += n;
        return out;
      }
      case T.LIST:
      case T.SET: {
        const header = this.byte();
        const elementType = header & 0x0f;
        const size = header >> 4 === 15 ? Number(this.varint()) : header >> 4;
        const items: TValue[] = [];
        for (let i = 0; i < size; i++) items.push(this.readValue(elementType));
        return { kind: 'list', type, elementType, items };
      }
      case T.MAP: {
        const size = Number(this.varint());
        const kv = size > 0 ? this.byte() : 0;
        const keyType = kv >> 4;
        const valueType = kv & 0x0f;
        const entries: Array<[TValue, TValue]> = [];
        for (let i = 0; i < size; i++)
          entries.push([this.readValue(keyType), this.readValue(valueType)]);
        return { kind: 'map', keyType, valueType, entries };
      }
      case T.STRUCT:
        return this.readStruct();
      default:
        throw new ThriftError(`unknown thrift compact type ${type}`);
    }
  }
}

export class CompactWriter {
  private chunks: number[] = [];

  bytes(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }

  private varint(v: bigint): void {
    let x = BigInt.asUintN(64, v);
    while (x >= 0x80n) {
      this.chunks.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    this.chunks.push(Number(x));
  }

  private zigzag(v: bigint): void {
    this.varint(BigInt.asUintN(64, (v << 1n) ^ (v >> 63n)));
  }

  writeStruct(s: TStruct): void {
    let lastId = 0;
    for (const f of s.fields) {
      let wireType = f.type;
      if (f.type === T.BOOL) wireType = f.value === true ? 1 : 2;
      const delta = f.id - lastId;
      if (delta > 0 && delta <= 15) this.chunks.push((delta << 4) | wireType);
      else {
        this.chunks.push(wireType);
        this.zigzag(BigInt(f.id));
      }
      lastId = f.id;
      if (f.type !== T.BOOL) this.writeValue(f.type, f.value);
    }
    this.chunks.push(0);
  }

  private writeValue(type: number, value: TValue): void {
    switch (type) {
      case T.BOOL:
      case 2:
      case T.BYTE:
        this.chunks.push((value as number) & 0xff);
        return;
      case T.I16:
      case T.I32:
        this.zigzag(BigInt(value as number));
        return;
      case T.I64:
        this.zigzag(value as bigint);
        return;
      case T.DOUBLE: {
        const b = new Uint8Array(8);
        new DataView(b.buffer).setFloat64(0, value as number, true);
        this.chunks.push(...b);
        return;
      }
      case T.BINARY: {
        const b = value as Uint8Array;
        this.varint(BigInt(b.length));
        for (const x of b) this.chunks.push(x);
        return;
      }
      case T.LIST:
      case T.SET: {
        const l = value as TList;
        if (l.items.length < 15)
          this.chunks.push((l.items.length << 4) | l.elementType);
        else {
          this.chunks.push(0xf0 | l.elementType);
          this.varint(BigInt(l.items.length));
        }
        for (const item of l.items) this.writeValue(l.elementType, item);
        return;
      }
      case T.MAP: {
        const m = value as TMap;
        this.varint(BigInt(m.entries.length));
        if (m.entries.length > 0)
          this.chunks.push((m.keyType << 4) | m.valueType);
        for (const [k, v] of m.entries) {
          this.writeValue(m.keyType, k);
          this.writeValue(m.valueType, v);
        }
        return;
      }
      case T.STRUCT:
        this.writeStruct(value as TStruct);
        return;
      default:
        throw new ThriftError(`unknown thrift compact type ${type}`);
    }
  }
}

/** The value of field `id`, if present. */
export function field(s: TStruct, id: number): TValue | undefined {
  return s.fields.find(f => f.id === id)?.value;
}

/** Sets field `id`, keeping fields in ascending id order. */
export function setField(
  s: TStruct,
  id: number,
  type: number,
  value: TValue,
): void {
  const existing = s.fields.findIndex(f => f.id === id);
  if (existing >= 0) {
    s.fields[existing] = { id, type, value };
    return;
  }
  const at = s.fields.findIndex(f => f.id > id);
  s.fields.splice(at < 0 ? s.fields.length : at, 0, { id, type, value });
}
