/**
 * Compiles a schema once into encode/decode closures, so per-record work is a walk over
 * prebuilt functions rather than a schema interpretation.
 *
 * Value mapping: null → null; boolean; int, float, double → number; long → bigint (a safe
 * integer number is accepted on write); bytes, fixed → Uint8Array; string, enum → string;
 * record → plain object keyed by field name; array → array; map → Map<string, value>;
 * union → the branch's value (writers pick the first branch that accepts the value).
 */
import { AvroError, type ByteReader, type ByteWriter } from './binary';
import {
  fullName,
  isPrimitiveName,
  namespaceOf,
  type AvroField,
  type AvroSchema,
} from './schema';

export type AvroValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | AvroValue[]
  | Map<string, AvroValue>
  | AvroRecord;

export interface AvroRecord {
  [field: string]: AvroValue;
}

export interface Codec {
  encode(w: ByteWriter, value: AvroValue): void;
  decode(r: ByteReader): AvroValue;
  /** Whether a value can be written with this schema (used to choose a union branch). */
  accepts(value: AvroValue): boolean;
}

const isRecordValue = (v: AvroValue): v is AvroRecord =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Uint8Array) &&
  !(v instanceof Map);

const describe = (v: AvroValue): string => {
  if (v === null) return 'null';
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Map) return 'a Map';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string')
    return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return `${typeof v} ${String(v)}`;
};

const mismatch = (expected: string, v: AvroValue) =>
  new AvroError(`expected ${expected}, got ${describe(v)}`);

/** Adds the field or element a nested error came from to its message. */
function withPath(e: unknown, step: string): never {
  if (e instanceof AvroError) throw e.at(step);
  throw e;
}

const PRIMITIVES: Record<string, Codec> = {
  null: {
    encode: (_w, v) => {
      if (v !== null) throw mismatch('null', v);
    },
    decode: () => null,
    accepts: v => v === null,
  },
  boolean: {
    encode: (w, v) => {
      if (typeof v !== 'boolean') throw mismatch('a boolean', v);
      w.writeBoolean(v);
    },
    decode: r => r.readBoolean(),
    accepts: v => typeof v === 'boolean',
  },
  int: {
    encode: (w, v) => {
      if (typeof v !== 'number') throw mismatch('an int', v);
      w.writeInt(v);
    },
    decode: r => r.readInt(),
    accepts: v =>
      typeof v === 'number' &&
      Number.isInteger(v) &&
      v >= -2147483648 &&
      v <= 2147483647,
  },
  long: {
    encode: (w, v) => {
      if (typeof v !== 'bigint' && typeof v !== 'number')
        throw mismatch('a long', v);
      w.writeLong(v);
    },
    decode: r => r.readLong(),
    accepts: v => typeof v === 'bigint' || Number.isSafeInteger(v),
  },
  float: {
    encode: (w, v) => {
      if (typeof v !== 'number') throw mismatch('a float', v);
      w.writeFloat(v);
    },
    decode: r => r.readFloat(),
    accepts: v => typeof v === 'number',
  },
  double: {
    encode: (w, v) => {
      if (typeof v !== 'number') throw mismatch('a double', v);
      w.writeDouble(v);
    },
    decode: r => r.readDouble(),
    accepts: v => typeof v === 'number',
  },
  bytes: {
    encode: (w, v) => {
      if (!(v instanceof Uint8Array)) throw mismatch('bytes', v);
      w.writeBytes(v);
    },
    decode: r => r.readBytes(),
    accepts: v => v instanceof Uint8Array,
  },
  string: {
    encode: (w, v) => {
      if (typeof v !== 'string') throw mismatch('a string', v);
      w.writeString(v);
    },
    decode: r => r.readString(),
    accepts: v => typeof v === 'string',
  },
};

/** Compiles a (parsed or hand-written) schema. Named types may be referenced by name. */
export function compileSchema(schema: AvroSchema): Codec {
  const named = new Map<string, Codec>();
  return compile(schema, undefined, named);
}

function compile(
  schema: AvroSchema,
  ns: string | undefined,
  named: Map<string, Codec>,
): Codec {
  if (typeof schema === 'string') {
    if (isPrimitiveName(schema)) return PRIMITIVES[schema]!;
    const codec =
      named.get(fullName(schema, undefined, ns)) ?? named.get(schema);
    if (!codec) throw new AvroError(`unknown Avro type "${schema}"`);
    return codec;
  }
  if (Array.isArray(schema)) return compileUnion(schema, ns, named);
  switch (schema.type) {
    case 'record':
    case 'error': {
      const full = fullName(schema.name, schema.namespace, ns);
      // Registered before the fields compile so recursive references resolve (late bound).
      const codec: Codec = {
        encode: () => {},
        decode: () => null,
        accepts: () => false,
      };
      named.set(full, codec);
      Object.assign(
        codec,
        compileRecord(schema.fields, namespaceOf(full), named),
      );
      return codec;
    }
    case 'fixed': {
      const size = schema.size;
      const codec: Codec = {
        encode: (w, v) => {
          if (!(v instanceof Uint8Array) || v.length !== size)
            throw mismatch(`${size} fixed bytes`, v);
          w.writeRaw(v);
        },
        decode: r => r.readRaw(size),
        accepts: v => v instanceof Uint8Array && v.length === size,
      };
      named.set(fullName(schema.name, schema.namespace, ns), codec);
      return codec;
    }
    case 'enum': {
      const symbols = schema.symbols;
      const index = new Map(symbols.map((s, i) => [s, i]));
      const codec: Codec = {
        encode: (w, v) => {
          const i = typeof v === 'string' ? index.get(v) : undefined;
          if (i === undefined)
            throw mismatch(`one of ${symbols.join(', ')}`, v);
          w.writeInt(i);
        },
        decode: r => {
          const i = r.readInt();
          const s = symbols[i];
          if (s === undefined)
            throw new AvroError(`enum index ${i} out of range`);
          return s;
        },
        accepts: v => typeof v === 'string' && index.has(v),
      };
      named.set(fullName(schema.name, schema.namespace, ns), codec);
      return codec;
    }
    case 'array':
      return compileArray(compile(schema.items, ns, named));
    case 'map':
      return compileMap(compile(schema.values, ns, named));
    default:
      if (isPrimitiveName(schema.type)) return PRIMITIVES[schema.type]!;
      throw new AvroError(
        `unsupported Avro type ${JSON.stringify(schema.type)}`,
      );
  }
}

function compileRecord(
  fields: AvroField[],
  ns: string | undefined,
  named: Map<string, Codec>,
): Codec {
  const names = fields.map(f => f.name);
  const codecs = fields.map(f => compile(f.type, ns, named));
  const defaults = fields.map(f =>
    'default' in f ? jsonDefault(f.default) : undefined,
  );
  const n = fields.length;
  const defaultFor = (i: number): AvroValue => {
    const d = defaults[i];
    if (d === undefined)
      throw new AvroError('missing required field').at(`.${names[i]}`);
    return d;
  };
  return {
    encode(w, v) {
      if (!isRecordValue(v)) throw mismatch('a record', v);
      for (let i = 0; i < n; i++) {
        const name = names[i]!;
        // Absent (undefined) fields take the schema default; values come typed from callers.
        const given: AvroValue | undefined = v[name];
        const value = given === undefined ? defaultFor(i) : given;
        try {
          codecs[i]!.encode(w, value);
        } catch (e) {
          withPath(e, `.${name}`);
        }
      }
    },
    decode(r) {
      const out: AvroRecord = {};
      for (let i = 0; i < n; i++) out[names[i]!] = codecs[i]!.decode(r);
      return out;
    },
    accepts: v => isRecordValue(v),
  };
}

function compileUnion(
  branches: AvroSchema[],
  ns: string | undefined,
  named: Map<string, Codec>,
): Codec {
  const codecs = branches.map(b => compile(b, ns, named));
  const nullIndex = branches.findIndex(b => b === 'null');
  // ["null", T] / [T, "null"]: the common Iceberg case, no branch search needed.
  if (codecs.length === 2 && nullIndex >= 0) {
    const other = 1 - nullIndex;
    const inner = codecs[other]!;
    return {
      encode(w, v) {
        if (v === null) {
          w.writeLong(nullIndex);
          return;
        }
        w.writeLong(other);
        inner.encode(w, v);
      },
      decode: r => (readBranch(r, 2) === nullIndex ? null : inner.decode(r)),
      accepts: v => v === null || inner.accepts(v),
    };
  }
  return {
    encode(w, v) {
      const i = codecs.findIndex(c => c.accepts(v));
      if (i < 0)
        throw mismatch(`a value for union ${JSON.stringify(branches)}`, v);
      w.writeLong(i);
      codecs[i]!.encode(w, v);
    },
    decode: r => codecs[readBranch(r, codecs.length)]!.decode(r),
    accepts: v => codecs.some(c => c.accepts(v)),
  };
}

function readBranch(r: ByteReader, count: number): number {
  const i = r.readLong();
  if (i < 0n || i >= BigInt(count)) {
    throw new AvroError(
      `union branch ${i} out of range (${count} branches) at byte ${r.pos}`,
    );
  }
  return Number(i);
}

/** Arrays and maps are written as one block (count, items, 0); any block layout is read. */
function readBlocks(r: ByteReader, each: () => void): void {
  for (;;) {
    let count = r.readLong();
    if (count === 0n) return;
    if (count < 0n) {
      count = -count;
      r.readLong(); // block size in bytes, only useful for skipping
    }
    if (count > 1_000_000n && count > BigInt(r.remaining)) {
      throw new AvroError(`implausible block count ${count} at byte ${r.pos}`);
    }
    for (let i = Number(count); i > 0; i--) each();
  }
}

function compileArray(items: Codec): Codec {
  return {
    encode(w, v) {
      if (!Array.isArray(v)) throw mismatch('an array', v);
      if (v.length > 0) {
        w.writeLong(v.length);
        for (let i = 0; i < v.length; i++) {
          try {
            items.encode(w, v[i]!);
          } catch (e) {
            withPath(e, `[${i}]`);
          }
        }
      }
      w.writeLong(0);
    },
    decode(r) {
      const out: AvroValue[] = [];
      readBlocks(r, () => out.push(items.decode(r)));
      return out;
    },
    accepts: v => Array.isArray(v),
  };
}

function compileMap(values: Codec): Codec {
  return {
    encode(w, v) {
      if (!(v instanceof Map)) throw mismatch('a Map', v);
      if (v.size > 0) {
        w.writeLong(v.size);
        for (const [key, value] of v) {
          w.writeString(key);
          try {
            values.encode(w, value);
          } catch (e) {
            withPath(e, `[${JSON.stringify(key)}]`);
          }
        }
      }
      w.writeLong(0);
    },
    decode(r) {
      const out = new Map<string, AvroValue>();
      readBlocks(r, () => {
        const key = r.readString();
        out.set(key, values.decode(r));
      });
      return out;
    },
    accepts: v => v instanceof Map,
  };
}

/**
 * A field's JSON default as a value, to fill fields missing from a written record. Only
 * null, boolean, number, string and arrays of those are supported (enough for Iceberg's
 * null defaults); others leave the field required.
 */
function jsonDefault(json: unknown): AvroValue | undefined {
  if (json === null || typeof json === 'boolean' || typeof json === 'string')
    return json;
  if (typeof json === 'number') return json;
  if (Array.isArray(json)) {
    const items = json.map(jsonDefault);
    return items.every(i => i !== undefined)
      ? (items as AvroValue[])
      : undefined;
  }
  return undefined;
}
