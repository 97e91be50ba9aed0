/**
 * Builders of struct, list and map columns, and the factory choosing a builder per Iceberg
 * type. Inputs: plain objects for structs, arrays for lists, Maps (or plain objects, for
 * string keys) for maps.
 */
import {
  type Data,
  type List,
  type Map_,
  type Struct,
  makeData,
} from 'apache-arrow';
import {
  isPrimitive,
  parsePrimitive,
  type IcebergType,
  type ListType,
  type MapType,
  type NestedField,
} from '../types';
import { arrowType } from './arrowSchema';
import {
  ensureCapacity,
  isNullish,
  type ColumnBuilder,
  type LeafStats,
} from './builder';
import { FieldError } from './errors';
import { primitiveBuilder } from './primitives';
import { Validity } from './validity';

const describe = (v: unknown) =>
  Array.isArray(v) ? 'an array' : `${typeof v} ${String(v).slice(0, 40)}`;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Date) &&
    !(v instanceof Map) &&
    !ArrayBuffer.isView(v)
  );
}

abstract class NestedBuilder implements ColumnBuilder {
  length = 0;
  protected validity = new Validity();

  constructor(readonly path: string, protected readonly required: boolean) {}

  protected abstract appendValue(value: unknown): void;
  protected abstract appendEmpty(): void;
  protected abstract truncateChildren(length: number): void;
  protected abstract childBytes(): number;
  protected abstract build(
    nullBitmap: Uint8Array | undefined,
    nullCount: number,
  ): Data;
  abstract collectStats(out: Map<number, LeafStats>): void;
  abstract reserveRows(rows: number): void;

  append(value: unknown): void {
    if (isNullish(value)) {
      if (this.required)
        throw new FieldError(this.path, 'required field is null');
      this.appendMaskedNull();
      return;
    }
    this.appendValue(value);
    this.validity.setValid(this.length++);
  }

  appendMaskedNull(): void {
    this.appendEmpty();
    this.validity.setNull(this.length++);
  }

  truncate(length: number): void {
    if (length >= this.length) return;
    this.truncateChildren(length);
    this.validity.truncate(length, this.length);
    this.length = length;
  }

  byteSize(): number {
    return this.childBytes() + this.validity.byteSize(this.length);
  }

  finish(): Data {
    const nullCount = this.validity.nullCount;
    const data = this.build(this.validity.finish(this.length), nullCount);
    this.length = 0;
    return data;
  }
}

export class StructBuilder extends NestedBuilder {
  readonly children: ColumnBuilder[];
  private readonly names: string[];
  private readonly structType: Struct;

  constructor(path: string, required: boolean, fields: NestedField[]) {
    super(path, required);
    this.structType = arrowType({ type: 'struct', fields }) as Struct;
    this.names = fields.map(f => f.name);
    this.children = fields.map(f =>
      columnBuilder(
        path ? `${path}.${f.name}` : f.name,
        f.id,
        f.type,
        f.required,
        false,
      ),
    );
  }

  protected appendValue(value: unknown): void {
    if (!isRecord(value))
      throw new FieldError(
        this.path,
        `expected an object, got ${describe(value)}`,
      );
    for (let i = 0; i < this.children.length; i++) {
      this.children[i]!.append(value[this.names[i]!]);
    }
  }

  protected appendEmpty(): void {
    for (const child of this.children) child.appendMaskedNull();
  }

  reserveRows(rows: number): void {
    for (const child of this.children) child.reserveRows(rows);
  }

  protected truncateChildren(length: number): void {
    for (const child of this.children) child.truncate(length);
  }

  protected childBytes(): number {
    let n = 0;
    for (const child of this.children) n += child.byteSize();
    return n;
  }

  collectStats(out: Map<number, LeafStats>): void {
    for (const child of this.children) child.collectStats(out);
  }

  protected build(nullBitmap: Uint8Array | undefined, nullCount: number): Data {
    return makeData({
      type: this.structType,
      length: this.length,
      nullCount,
      nullBitmap,
      children: this.children.map(c => c.finish()),
    });
  }
}

/** Shared offsets handling of list and map builders. */
abstract class RepeatedBuilder extends NestedBuilder {
  protected offsets = new Int32Array(1025);

  protected abstract get childLength(): number;

  protected endSlot(): void {
    this.offsets = ensureCapacity(
      this.offsets,
      this.length + 2,
      n => new Int32Array(n),
    );
    this.offsets[this.length + 1] = this.childLength;
  }

  protected appendEmpty(): void {
    this.endSlot();
  }

  reserveRows(rows: number): void {
    this.offsets = ensureCapacity(
      this.offsets,
      this.length + rows + 1,
      n => new Int32Array(n),
    );
  }

  /** Repeated fields carry no metrics (Iceberg Java keeps none for list/map contents). */
  collectStats(): void {}

  protected takeOffsets(): Int32Array {
    const out = this.offsets.subarray(0, this.length + 1);
    this.offsets = new Int32Array(1025);
    return out;
  }
}

export class ListBuilder extends RepeatedBuilder {
  private readonly element: ColumnBuilder;

  constructor(
    path: string,
    required: boolean,
    private readonly type: ListType,
  ) {
    super(path, required);
    this.element = columnBuilder(
      `${path}.element`,
      type['element-id'],
      type.element,
      type['element-required'],
      true,
    );
  }

  protected get childLength(): number {
    return this.element.length;
  }

  protected appendValue(value: unknown): void {
    if (!Array.isArray(value))
      throw new FieldError(
        this.path,
        `expected an array, got ${describe(value)}`,
      );
    for (const item of value) this.element.append(item);
    this.endSlot();
  }

  protected truncateChildren(length: number): void {
    this.element.truncate(this.offsets[length]!);
  }

  protected childBytes(): number {
    return this.element.byteSize() + this.length * 4;
  }

  protected build(nullBitmap: Uint8Array | undefined, nullCount: number): Data {
    return makeData({
      type: arrowType(this.type) as List,
      length: this.length,
      nullCount,
      nullBitmap,
      valueOffsets: this.takeOffsets(),
      child: this.element.finish(),
    });
  }
}

export class MapBuilder extends RepeatedBuilder {
  private readonly keys: ColumnBuilder;
  private readonly values: ColumnBuilder;

  constructor(path: string, required: boolean, private readonly type: MapType) {
    super(path, required);
    this.keys = columnBuilder(
      `${path}.key`,
      type['key-id'],
      type.key,
      true,
      true,
    );
    this.values = columnBuilder(
      `${path}.value`,
      type['value-id'],
      type.value,
      type['value-required'],
      true,
    );
  }

  protected get childLength(): number {
    return this.keys.length;
  }

  protected appendValue(value: unknown): void {
    let entries: Iterable<[unknown, unknown]>;
    if (value instanceof Map) entries = value.entries();
    else if (isRecord(value)) entries = Object.entries(value);
    else
      throw new FieldError(
        this.path,
        `expected a Map or an object, got ${describe(value)}`,
      );
    for (const [k, v] of entries) {
      this.keys.append(k);
      this.values.append(v);
    }
    this.endSlot();
  }

  protected truncateChildren(length: number): void {
    const end = this.offsets[length]!;
    this.keys.truncate(end);
    this.values.truncate(end);
  }

  protected childBytes(): number {
    return this.keys.byteSize() + this.values.byteSize() + this.length * 4;
  }

  protected build(nullBitmap: Uint8Array | undefined, nullCount: number): Data {
    const type = arrowType(this.type) as Map_;
    const entriesLength = this.keys.length;
    const entries = makeData({
      type: type.childType,
      length: entriesLength,
      nullCount: 0,
      children: [this.keys.finish(), this.values.finish()],
    });
    return makeData({
      type,
      length: this.length,
      nullCount,
      nullBitmap,
      valueOffsets: this.takeOffsets(),
      child: entries,
    });
  }
}

/**
 * A builder for a field. `repeated` is true inside a list or map, where Iceberg keeps no
 * column metrics.
 */
export function columnBuilder(
  path: string,
  fieldId: number,
  type: IcebergType,
  required: boolean,
  repeated: boolean,
): ColumnBuilder {
  if (isPrimitive(type)) {
    const builder = primitiveBuilder(
      path,
      fieldId,
      required,
      parsePrimitive(type),
    );
    if (repeated) builder.collectStats = () => {};
    return builder;
  }
  switch (type.type) {
    case 'struct': {
      const builder = new StructBuilder(path, required, type.fields);
      if (repeated) builder.collectStats = () => {};
      return builder;
    }
    case 'list':
      return new ListBuilder(path, required, type);
    case 'map':
      return new MapBuilder(path, required, type);
    default: {
      const never: never = type;
      throw new Error(`unsupported type ${JSON.stringify(never)}`);
    }
  }
}
