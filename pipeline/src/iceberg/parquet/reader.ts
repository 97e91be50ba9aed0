/**
 * Reads Iceberg Parquet data files by field id: columns are matched to the read schema by
 * their `PARQUET:field_id`, so renamed columns still read; columns added after the file was
 * written come back as nulls; int→long, float→double and decimal precision widening are
 * applied. Projection is pushed into parquet-wasm (its async ParquetFile reader honours
 * `columns`; the sync `readParquet` of 0.8 ignores it), so unread columns are not decoded.
 */
import {
  type Data,
  type Decimal,
  type Field,
  type List,
  type Map_,
  DataType,
  Float64,
  Int64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  makeData,
  tableFromIPC,
} from 'apache-arrow';
import * as pq from 'parquet-wasm';
import {
  isPrimitive,
  parsePrimitive,
  type IcebergType,
  type NestedField,
  type PrimitiveType,
  type StructType,
} from '../types';
import {
  arrowField,
  arrowPrimitiveType,
  arrowType,
  fieldIdOf,
} from './arrowSchema';

export interface ReadDataFileOptions {
  /** The read (usually the table's current) schema. */
  schema: StructType;
  /** Top-level field ids to read, in this order; default every field of `schema`. */
  columns?: number[];
  /** Rows per record batch (default 65,536). */
  batchSize?: number;
}

export class ReadSchemaError extends Error {}

/** The data file's rows as an Arrow Table in the read schema's names and types. */
export async function readDataFile(
  bytes: Uint8Array,
  options: ReadDataFileOptions,
): Promise<Table> {
  const wanted = projectedFields(options.schema, options.columns);
  const file = await pq.ParquetFile.fromFile(
    new Blob([bytes as Uint8Array<ArrayBuffer>]),
  );
  try {
    const fileSchema = tableFromIPC(file.schema().intoIPCStream()).schema;
    const byId = new Map<number, Field>();
    for (const f of fileSchema.fields) {
      const id = fieldIdOf(f);
      if (id !== undefined) byId.set(id, f);
    }
    const present = wanted.filter(f => byId.has(f.id));
    const targetSchema = new Schema(
      wanted.map(f => arrowField(f.id, f.name, f.type, f.required)),
    );
    const numRows = Number(file.metadata().fileMetadata().numRows());
    if (present.length === 0) {
      const nulls = wanted.map(f => nullData(arrowType(f.type), numRows));
      return new Table([batchOf(targetSchema, nulls, numRows)]);
    }
    const read = await file.read({
      columns: present.map(f => byId.get(f.id)!.name),
      batchSize: options.batchSize ?? 65_536,
    });
    const table = tableFromIPC(read.intoIPCStream());
    const batches = table.batches.map(batch => {
      const columns = wanted.map(f => {
        const fileField = byId.get(f.id);
        if (!fileField) return nullData(arrowType(f.type), batch.numRows);
        const index = batch.schema.fields.findIndex(
          x => x.name === fileField.name,
        );
        return conform(batch.data.children[index]!, fileField, f.type, f.name);
      });
      return batchOf(targetSchema, columns, batch.numRows);
    });
    return new Table(targetSchema, batches);
  } finally {
    file.free();
  }
}

function projectedFields(
  schema: StructType,
  columns: number[] | undefined,
): NestedField[] {
  if (!columns) return schema.fields;
  return columns.map(id => {
    const f = schema.fields.find(x => x.id === id);
    if (!f) throw new ReadSchemaError(`no top-level field with id ${id}`);
    return f;
  });
}

function batchOf(
  schema: Schema,
  children: Data[],
  length: number,
): RecordBatch {
  return new RecordBatch(
    schema,
    makeData({
      type: new Struct(schema.fields),
      length,
      nullCount: 0,
      children,
    }),
  );
}

/** An all-null column of a type (nested children empty or null too). */
export function nullData(type: DataType, length: number): Data {
  const base = {
    length,
    nullCount: length,
    nullBitmap: new Uint8Array((length + 7) >> 3),
  };
  if (DataType.isStruct(type)) {
    return makeData({
      ...base,
      type,
      children: type.children.map(c => nullData(c.type, length)),
    });
  }
  if (DataType.isList(type)) {
    return makeData({
      ...base,
      type,
      valueOffsets: new Int32Array(length + 1),
      child: nullData(type.valueType, 0),
    });
  }
  if (DataType.isMap(type)) {
    return makeData({
      ...base,
      type,
      valueOffsets: new Int32Array(length + 1),
      child: nullData(type.childType, 0),
    });
  }
  // Primitive types: makeData allocates zeroed value buffers of the right width.
  return makeData({ ...base, type: type as Int64 });
}

/**
 * Data read from the file as the read schema's type: nested fields matched by id, missing
 * ones null, names from the read schema, allowed promotions applied. IPC-decoded batches
 * keep offsets, so bitmaps and value offsets are passed on with the parent's offset.
 */
function conform(
  data: Data,
  fileField: Field,
  target: IcebergType,
  path: string,
): Data {
  if (isPrimitive(target)) return promote(data, target, path);
  const fileType: DataType = fileField.type;
  const base = {
    length: data.length,
    offset: data.offset,
    nullCount: data.nullCount,
    nullBitmap: data.nullBitmap,
  };
  if (target.type === 'struct') {
    if (!DataType.isStruct(fileType))
      throw new ReadSchemaError(
        `${path}: expected a struct, file has ${fileType}`,
      );
    const fileChildren = new Map<number, number>();
    fileType.children.forEach((c, i) => {
      const id = fieldIdOf(c);
      if (id !== undefined) fileChildren.set(id, i);
    });
    const children = target.fields.map(f => {
      const at = fileChildren.get(f.id);
      return at === undefined
        ? nullData(arrowType(f.type), data.length)
        : conform(
            data.children[at]!,
            fileType.children[at]!,
            f.type,
            `${path}.${f.name}`,
          );
    });
    return makeData({ ...base, type: arrowType(target) as Struct, children });
  }
  if (target.type === 'list') {
    if (!DataType.isList(fileType))
      throw new ReadSchemaError(
        `${path}: expected a list, file has ${fileType}`,
      );
    return makeData({
      ...base,
      type: arrowType(target) as List,
      valueOffsets: data.valueOffsets,
      child: conform(
        data.children[0]!,
        fileType.children[0]!,
        target.element,
        `${path}.element`,
      ),
    });
  }
  if (!DataType.isMap(fileType))
    throw new ReadSchemaError(`${path}: expected a map, file has ${fileType}`);
  const entries = data.children[0]!;
  const [keyField, valueField] = fileType.childType.children;
  const type = arrowType(target) as Map_;
  return makeData({
    ...base,
    type,
    valueOffsets: data.valueOffsets,
    child: makeData({
      type: type.childType,
      length: entries.length,
      offset: entries.offset,
      nullCount: 0,
      children: [
        conform(entries.children[0]!, keyField!, target.key, `${path}.key`),
        conform(
          entries.children[1]!,
          valueField!,
          target.value,
          `${path}.value`,
        ),
      ],
    }),
  });
}

/** Primitive data as the target type, applying Iceberg's allowed type promotions. */
function promote(data: Data, target: PrimitiveType, path: string): Data {
  const p = parsePrimitive(target);
  const type = arrowPrimitiveType(p);
  const from: DataType = data.type;
  if (String(from) === String(type)) return data;
  const { offset, length } = data;
  const base = {
    length,
    nullCount: data.nullCount,
    nullBitmap: sliceBitmap(data),
  };
  if (p.kind === 'long' && DataType.isInt(from) && from.bitWidth === 32) {
    const values = data.values as Int32Array;
    const out = new BigInt64Array(length);
    for (let i = 0; i < length; i++) out[i] = BigInt(values[offset + i]!);
    return makeData({ ...base, type: new Int64(), data: out });
  }
  if (
    p.kind === 'double' &&
    DataType.isFloat(from) &&
    String(from) === 'Float32'
  ) {
    const values = data.values as Float32Array;
    return makeData({
      ...base,
      type: new Float64(),
      data: Float64Array.from(values.subarray(offset, offset + length)),
    });
  }
  if (
    p.kind === 'decimal' &&
    DataType.isDecimal(from) &&
    from.scale === p.scale
  ) {
    const values = data.values as Uint32Array;
    return makeData({
      ...base,
      type: type as Decimal,
      data: values.subarray(offset * 4, (offset + length) * 4),
    });
  }
  throw new ReadSchemaError(`${path}: cannot read ${from} as ${target}`);
}

/** The validity bitmap of data, re-based to offset 0. */
function sliceBitmap(data: Data): Uint8Array | undefined {
  if (data.nullCount === 0 || !data.nullBitmap) return undefined;
  if (data.offset === 0) return data.nullBitmap;
  const out = new Uint8Array((data.length + 7) >> 3);
  for (let i = 0; i < data.length; i++) {
    const j = data.offset + i;
    if (data.nullBitmap[j >> 3]! & (1 << (j & 7))) out[i >> 3] |= 1 << (i & 7);
  }
  return out;
}
