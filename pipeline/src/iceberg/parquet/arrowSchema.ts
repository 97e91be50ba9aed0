/**
 * Iceberg schema → Arrow schema, with the Iceberg field id on every field (including list
 * elements and map keys/values) under `PARQUET:field_id`, which parquet-wasm (arrow-rs)
 * writes into the Parquet schema's `field_id`.
 *
 * Arrow types are chosen so that arrow-rs writes the Parquet types the Iceberg spec lists:
 * decimal(P,S) → Decimal128 (INT32 for P ≤ 9, INT64 for P ≤ 18, else FIXED_LEN_BYTE_ARRAY of
 * the minimum width, all with the DECIMAL annotation), date → date32, time → time64[us],
 * timestamp → timestamp[us] (isAdjustedToUTC=false), timestamptz → timestamp[us, UTC]
 * (isAdjustedToUTC=true), uuid → fixed_size_binary(16) (the UUID annotation is added to the
 * footer afterwards, see footer.ts), fixed[L] → fixed_size_binary(L).
 */
import {
  Binary,
  Bool,
  type DataType,
  DateDay,
  Decimal,
  Field,
  FixedSizeBinary,
  Float32,
  Float64,
  Int32,
  Int64,
  List,
  Map_,
  Schema,
  Struct,
  TimeMicrosecond,
  TimestampMicrosecond,
  Utf8,
} from 'apache-arrow';
import {
  isPrimitive,
  parsePrimitive,
  type IcebergType,
  type NestedField,
  type ParsedPrimitive,
  type StructType,
} from '../types';

export const FIELD_ID_KEY = 'PARQUET:field_id';
/** Arrow's canonical extension name; pyarrow reads such a column as `pa.uuid()`. */
const UUID_EXTENSION = 'arrow.uuid';
/** Name of a list's element field (Parquet LIST spec, Iceberg Java). */
export const LIST_ELEMENT_NAME = 'element';
/** Name of a map's repeated key/value group (Parquet MAP spec, Iceberg Java, pyarrow). */
export const MAP_ENTRIES_NAME = 'key_value';

function fieldMetadata(id: number, type: IcebergType): Map<string, string> {
  const metadata = new Map([[FIELD_ID_KEY, String(id)]]);
  if (type === 'uuid') {
    metadata.set('ARROW:extension:name', UUID_EXTENSION);
    metadata.set('ARROW:extension:metadata', '');
  }
  return metadata;
}

export function arrowField(
  id: number,
  name: string,
  type: IcebergType,
  required: boolean,
): Field {
  return new Field(name, arrowType(type), !required, fieldMetadata(id, type));
}

function toArrowField(f: NestedField): Field {
  return arrowField(f.id, f.name, f.type, f.required);
}

export function arrowPrimitiveType(p: ParsedPrimitive): DataType {
  switch (p.kind) {
    case 'boolean':
      return new Bool();
    case 'int':
      return new Int32();
    case 'long':
      return new Int64();
    case 'float':
      return new Float32();
    case 'double':
      return new Float64();
    case 'decimal':
      return new Decimal(p.scale, p.precision, 128);
    case 'date':
      return new DateDay();
    case 'time':
      return new TimeMicrosecond();
    case 'timestamp':
      return new TimestampMicrosecond();
    case 'timestamptz':
      return new TimestampMicrosecond('UTC');
    case 'string':
      return new Utf8();
    case 'uuid':
      return new FixedSizeBinary(16);
    case 'fixed':
      return new FixedSizeBinary(p.length);
    case 'binary':
      return new Binary();
    default: {
      const never: never = p;
      throw new Error(`unsupported type ${JSON.stringify(never)}`);
    }
  }
}

export function arrowType(type: IcebergType): DataType {
  if (isPrimitive(type)) return arrowPrimitiveType(parsePrimitive(type));
  switch (type.type) {
    case 'struct':
      return new Struct(type.fields.map(toArrowField));
    case 'list':
      return new List(
        arrowField(
          type['element-id'],
          LIST_ELEMENT_NAME,
          type.element,
          type['element-required'],
        ),
      );
    case 'map': {
      const entries = new Struct([
        arrowField(type['key-id'], 'key', type.key, true),
        arrowField(
          type['value-id'],
          'value',
          type.value,
          type['value-required'],
        ),
      ]);
      const map = new Map_(new Field(MAP_ENTRIES_NAME, entries, false));
      // apache-arrow renames the entries field to "entries"; restore the Parquet/Iceberg name.
      map.children[0] = new Field(MAP_ENTRIES_NAME, entries, false);
      return map;
    }
    default: {
      const never: never = type;
      throw new Error(`unsupported type ${JSON.stringify(never)}`);
    }
  }
}

/** The Arrow schema of data files written for this Iceberg schema. */
export function arrowSchema(schema: StructType): Schema {
  return new Schema(schema.fields.map(toArrowField));
}

/** The Iceberg field id an Arrow field carries, if any. */
export function fieldIdOf(field: Field): number | undefined {
  const raw = field.metadata.get(FIELD_ID_KEY);
  if (raw === undefined || !/^-?\d+$/.test(raw)) return undefined;
  return Number(raw);
}
