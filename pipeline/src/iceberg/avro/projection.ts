/**
 * Reading records by Iceberg field id: the writer's schema (from the file) decides the
 * Avro field names, so files whose names differ (sanitized names, older formats) still
 * map onto the fields we know by id.
 */
import { AvroError } from './binary';
import type { AvroRecord, AvroValue } from './codec';
import { fieldsById } from './iceberg';
import {
  dereference,
  namedTypes,
  optionalBranch,
  type AvroField,
  type AvroNamedSchema,
  type AvroRecordSchema,
  type AvroSchema,
} from './schema';

export type FieldGetter = (record: AvroRecord) => AvroValue | undefined;

export class RecordProjection {
  private readonly byId: Map<number, AvroField>;

  /** For the top-level record of a file's schema. */
  static of(schema: AvroSchema): RecordProjection {
    const named = namedTypes(schema);
    const top = dereference(schema, named);
    if (typeof top !== 'object' || Array.isArray(top) || top.type !== 'record')
      throw new AvroError('the file schema is not a record');
    return new RecordProjection(top, named);
  }

  constructor(
    readonly schema: AvroRecordSchema,
    readonly named: Map<string, AvroNamedSchema>,
  ) {
    this.byId = fieldsById(schema);
  }

  /** The field with this id, or (for files without ids) this name. */
  field(id: number, name: string): AvroField | undefined {
    return this.byId.get(id) ?? this.schema.fields.find(f => f.name === name);
  }

  /** The field's type without the ["null", T] wrapper, references followed. */
  typeOf(id: number, name: string): AvroSchema | undefined {
    const f = this.field(id, name);
    if (!f) return undefined;
    return dereference(optionalBranch(f.type) ?? f.type, this.named);
  }

  /** Projection of a nested record field (or of the records of an array field). */
  nested(id: number, name: string): RecordProjection {
    let t = this.typeOf(id, name);
    if (typeof t === 'object' && !Array.isArray(t) && t.type === 'array') {
      t = dereference(optionalBranch(t.items) ?? t.items, this.named);
    }
    if (typeof t !== 'object' || Array.isArray(t) || t.type !== 'record') {
      throw new AvroError(
        `field ${id} (${name}) of ${this.schema.name} is not a record`,
      );
    }
    return new RecordProjection(t, this.named);
  }

  /** Reads one field; yields undefined when the file lacks it (older format versions). */
  getter(id: number, name: string): FieldGetter {
    const key = this.field(id, name)?.name;
    return key === undefined ? () => undefined : r => r[key];
  }
}
