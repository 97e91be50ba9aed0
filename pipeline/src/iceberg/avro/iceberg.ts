/**
 * Iceberg types ⇄ Avro schemas, per the Iceberg spec "Appendix A: Avro" and the Java
 * implementation's TypeToSchema (record names `r<field id>`, non-string-key maps as arrays
 * of `k<key id>_v<value id>` records with logicalType "map", optional = ["null", T] with a
 * null default, invalid names sanitized with the original kept in `iceberg-field-name`).
 */
import { AvroError } from './binary';
import {
  dereference,
  namedTypes,
  optionalBranch,
  type AvroArraySchema,
  type AvroField,
  type AvroNamedSchema,
  type AvroRecordSchema,
  type AvroSchema,
} from './schema';
import {
  decimalRequiredBytes,
  decimalType,
  fixedType,
  isPrimitive,
  parsePrimitive,
  type IcebergType,
  type MapType,
  type NestedField,
  type PrimitiveType,
  type StructType,
} from '../types';

export const FIELD_ID = 'field-id';
export const ELEMENT_ID = 'element-id';
export const KEY_ID = 'key-id';
export const VALUE_ID = 'value-id';
export const ICEBERG_FIELD_NAME = 'iceberg-field-name';

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Java's AvroSchemaUtil.sanitize: an invalid character becomes `_x<HEX>`, a leading digit
 * `_<digit>`. Only ASCII letters count as letters here (the Avro spec's rule).
 */
export function makeCompatibleName(name: string): string {
  if (name.length === 0) throw new AvroError('empty field name');
  if (VALID_NAME.test(name)) return name;
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    const ok = i === 0 ? /[A-Za-z_]/.test(c) : /[A-Za-z0-9_]/.test(c);
    if (ok) out += c;
    else if (/[0-9]/.test(c)) out += `_${c}`;
    else out += `_x${c.charCodeAt(0).toString(16).toUpperCase()}`;
  }
  return out;
}

const optional = (s: AvroSchema): AvroSchema => ['null', s];

/** One conversion: tracks the named types used so far to keep names unique. */
class SchemaBuilder {
  private readonly used = new Set<string>();

  constructor(topName: string) {
    this.used.add(topName);
  }

  private unique(base: string, id: number): string {
    let name = this.used.has(base) ? `${base}_${id}` : base;
    for (let n = 2; this.used.has(name); n++) name = `${base}_${id}_${n}`;
    this.used.add(name);
    return name;
  }

  record(s: StructType, name: string): AvroRecordSchema {
    return { type: 'record', name, fields: s.fields.map(f => this.field(f)) };
  }

  private field(f: NestedField): AvroField {
    const name = makeCompatibleName(f.name);
    const type = this.convert(f.type, f.id);
    const out: AvroField = { name, type: f.required ? type : optional(type) };
    if (!f.required) out.default = null;
    if (f.doc !== undefined) out.doc = f.doc;
    if (name !== f.name) out[ICEBERG_FIELD_NAME] = f.name;
    out[FIELD_ID] = f.id;
    return out;
  }

  private convert(type: IcebergType, id: number): AvroSchema {
    if (isPrimitive(type)) return this.primitive(type, id);
    switch (type.type) {
      case 'struct':
        return this.record(type, this.unique(`r${id}`, id));
      case 'list': {
        const elementId = type['element-id'];
        const items = this.convert(type.element, elementId);
        return {
          type: 'array',
          items: type['element-required'] ? items : optional(items),
          [ELEMENT_ID]: elementId,
        };
      }
      case 'map':
        return this.map(type);
      default:
        throw new AvroError(`unsupported Iceberg type ${JSON.stringify(type)}`);
    }
  }

  private map(type: MapType): AvroSchema {
    const keyId = type['key-id'];
    const valueId = type['value-id'];
    const key = this.convert(type.key, keyId);
    const value = this.convert(type.value, valueId);
    const values = type['value-required'] ? value : optional(value);
    if (key === 'string') {
      return { type: 'map', values, [KEY_ID]: keyId, [VALUE_ID]: valueId };
    }
    const valueField: AvroField = {
      name: 'value',
      type: values,
      [FIELD_ID]: valueId,
    };
    if (!type['value-required']) valueField.default = null;
    return {
      type: 'array',
      logicalType: 'map',
      items: {
        type: 'record',
        name: this.unique(`k${keyId}_v${valueId}`, keyId),
        fields: [{ name: 'key', type: key, [FIELD_ID]: keyId }, valueField],
      },
    };
  }

  private primitive(type: PrimitiveType, id: number): AvroSchema {
    const p = parsePrimitive(type);
    switch (p.kind) {
      case 'boolean':
      case 'int':
      case 'long':
      case 'float':
      case 'double':
      case 'string':
        return p.kind;
      case 'binary':
        return 'bytes';
      case 'date':
        return { type: 'int', logicalType: 'date' };
      case 'time':
        return { type: 'long', logicalType: 'time-micros' };
      case 'timestamp':
      case 'timestamptz':
        return {
          type: 'long',
          logicalType: 'timestamp-micros',
          'adjust-to-utc': p.kind === 'timestamptz',
        };
      case 'uuid':
        return {
          type: 'fixed',
          name: this.unique('uuid_fixed', id),
          size: 16,
          logicalType: 'uuid',
        };
      case 'fixed':
        return {
          type: 'fixed',
          name: this.unique(`fixed_${p.length}`, id),
          size: p.length,
        };
      case 'decimal':
        return {
          type: 'fixed',
          name: this.unique(`decimal_${p.precision}_${p.scale}`, id),
          size: decimalRequiredBytes(p.precision),
          logicalType: 'decimal',
          precision: p.precision,
          scale: p.scale,
        };
      default: {
        const never: never = p;
        throw new AvroError(
          `unsupported Iceberg type ${JSON.stringify(never)}`,
        );
      }
    }
  }
}

/**
 * Converts an Iceberg struct (a table schema, a partition type, a manifest schema) to an
 * Avro record named `recordName`. Named fixed types get unique names (`fixed_16`,
 * `uuid_fixed`, `decimal_9_2`, suffixed with the field id on repeats) rather than by-name
 * references, which PyIceberg's schema reader does not follow.
 */
export function icebergToAvro(
  struct: StructType,
  recordName: string,
): AvroRecordSchema {
  return new SchemaBuilder(recordName).record(struct, recordName);
}

// ---------------------------------------------------------------- Avro → Iceberg

const intAttr = (s: object, key: string): number | undefined => {
  const v = (s as Record<string, unknown>)[key];
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
};

/** The field ids of a record's fields (fields without one are left out). */
export function fieldsById(record: AvroRecordSchema): Map<number, AvroField> {
  const out = new Map<number, AvroField>();
  for (const f of record.fields) {
    const id = intAttr(f, FIELD_ID);
    if (id !== undefined) out.set(id, f);
  }
  return out;
}

/**
 * Converts an Avro schema written by an Iceberg writer back to the Iceberg type, using
 * the ids stored in the schema. `named` resolves by-name references (see namedTypes).
 */
export function avroToIceberg(
  schema: AvroSchema,
  named: Map<string, AvroNamedSchema> = namedTypes(schema),
): IcebergType {
  const s = dereference(schema, named);
  if (typeof s === 'string') return primitiveFromAvro(s, {});
  if (Array.isArray(s)) {
    const inner = optionalBranch(s);
    if (inner === undefined)
      throw new AvroError(
        `Iceberg supports only ["null", T] unions, got ${JSON.stringify(s)}`,
      );
    return avroToIceberg(inner, named);
  }
  switch (s.type) {
    case 'record':
    case 'error':
      return {
        type: 'struct',
        fields: s.fields.map(f => {
          const id = intAttr(f, FIELD_ID);
          if (id === undefined)
            throw new AvroError(`field ${s.name}.${f.name} has no field-id`);
          const original = f[ICEBERG_FIELD_NAME];
          const out: NestedField = {
            id,
            name: typeof original === 'string' ? original : f.name,
            required: !isOptional(f.type),
            type: avroToIceberg(f.type, named),
          };
          if (typeof f.doc === 'string') out.doc = f.doc;
          return out;
        }),
      };
    case 'array':
      return s.logicalType === 'map' ? logicalMap(s, named) : list(s, named);
    case 'map': {
      const keyId = intAttr(s, KEY_ID);
      const valueId = intAttr(s, VALUE_ID);
      if (keyId === undefined || valueId === undefined)
        throw new AvroError('Avro map without key-id/value-id');
      return {
        type: 'map',
        'key-id': keyId,
        key: 'string',
        'value-id': valueId,
        value: avroToIceberg(s.values, named),
        'value-required': !isOptional(s.values),
      };
    }
    case 'fixed':
      if (s.logicalType === 'uuid') return 'uuid';
      if (s.logicalType === 'decimal') return decimalFrom(s);
      return fixedType(s.size);
    case 'enum':
      return 'string';
    default:
      return primitiveFromAvro(s.type, s);
  }
}

function isOptional(s: AvroSchema): boolean {
  return Array.isArray(s) && s.includes('null');
}

function list(
  s: AvroArraySchema,
  named: Map<string, AvroNamedSchema>,
): IcebergType {
  const elementId = intAttr(s, ELEMENT_ID);
  if (elementId === undefined)
    throw new AvroError('Avro array without element-id');
  return {
    type: 'list',
    'element-id': elementId,
    element: avroToIceberg(s.items, named),
    'element-required': !isOptional(s.items),
  };
}

function logicalMap(
  s: AvroArraySchema,
  named: Map<string, AvroNamedSchema>,
): IcebergType {
  const items = dereference(s.items, named);
  if (
    typeof items !== 'object' ||
    Array.isArray(items) ||
    items.type !== 'record'
  ) {
    throw new AvroError('logical map items must be a key/value record');
  }
  const [keyField, valueField] = [
    items.fields.find(f => f.name === 'key') ?? items.fields[0],
    items.fields.find(f => f.name === 'value') ?? items.fields[1],
  ];
  const keyId = keyField && intAttr(keyField, FIELD_ID);
  const valueId = valueField && intAttr(valueField, FIELD_ID);
  if (
    !keyField ||
    !valueField ||
    keyId === undefined ||
    valueId === undefined
  ) {
    throw new AvroError(
      `logical map record ${items.name} needs key and value with field-ids`,
    );
  }
  return {
    type: 'map',
    'key-id': keyId,
    key: avroToIceberg(keyField.type, named),
    'value-id': valueId,
    value: avroToIceberg(valueField.type, named),
    'value-required': !isOptional(valueField.type),
  };
}

function decimalFrom(s: object): PrimitiveType {
  const precision = intAttr(s, 'precision');
  if (precision === undefined) throw new AvroError('decimal without precision');
  return decimalType(precision, intAttr(s, 'scale') ?? 0);
}

function primitiveFromAvro(
  type: string,
  attrs: Record<string, unknown>,
): IcebergType {
  const logical = attrs.logicalType;
  switch (type) {
    case 'boolean':
    case 'float':
    case 'double':
    case 'string':
      return logical === 'uuid' && type === 'string' ? 'uuid' : type;
    case 'int':
      return logical === 'date' ? 'date' : 'int';
    case 'long':
      if (logical === 'time-micros') return 'time';
      if (logical === 'timestamp-micros') {
        return attrs['adjust-to-utc'] === true ? 'timestamptz' : 'timestamp';
      }
      return 'long';
    case 'bytes':
      return logical === 'decimal' ? decimalFrom(attrs) : 'binary';
    default:
      throw new AvroError(`Avro type ${type} has no Iceberg equivalent`);
  }
}
