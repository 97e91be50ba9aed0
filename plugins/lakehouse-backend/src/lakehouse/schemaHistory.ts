/**
 * Schemas as the API shows them, and how each schema of a table differs from the one
 * before it. Fields are matched by Iceberg field id (names can change; ids never do),
 * nested fields (struct members, list elements, map keys and values) by their ids too.
 */
import {
  isPrimitive,
  type IcebergType,
  type NestedField,
  type Schema,
  type StructType,
  type TableMetadata,
} from '@medallion/pipeline';
import type {
  SchemaChange,
  SchemaVersion,
  TableField,
} from '@medallion/plugin-lakehouse-common';

/** A primitive's name as written, `struct` / `list` / `map` for nested types. */
export function typeName(type: IcebergType): string {
  return isPrimitive(type) ? type : type.type;
}

/** The struct whose fields a field shows nested: its own, or its list element's / map value's. */
function nestedStruct(type: IcebergType): StructType | undefined {
  if (isPrimitive(type)) return undefined;
  if (type.type === 'struct') return type;
  return nestedStruct(type.type === 'list' ? type.element : type.value);
}

export function tableField(field: NestedField): TableField {
  const nested = nestedStruct(field.type);
  return {
    id: field.id,
    name: field.name,
    type: typeName(field.type),
    required: field.required,
    doc: field.doc ?? null,
    ...(nested ? { fields: nested.fields.map(tableField) } : {}),
  };
}

export function tableFields(schema: StructType): TableField[] {
  return schema.fields.map(tableField);
}

interface FlatField {
  id: number;
  parentId: number | undefined;
  /** Dotted path; list elements are `element`, map parts `key` / `value` (Iceberg's naming). */
  path: string;
  name: string;
  type: string;
  required: boolean;
  doc: string | null;
}

interface ChildField {
  id: number;
  name: string;
  type: IcebergType;
  required: boolean;
  doc: string | null;
}

/** The fields directly inside a type: struct members, a list's element, a map's key and value. */
function children(type: IcebergType): ChildField[] {
  if (isPrimitive(type)) return [];
  if (type.type === 'struct')
    return type.fields.map(f => ({ ...f, doc: f.doc ?? null }));
  if (type.type === 'list')
    return [
      {
        id: type['element-id'],
        name: 'element',
        type: type.element,
        required: type['element-required'],
        doc: null,
      },
    ];
  return [
    {
      id: type['key-id'],
      name: 'key',
      type: type.key,
      required: true,
      doc: null,
    },
    {
      id: type['value-id'],
      name: 'value',
      type: type.value,
      required: type['value-required'],
      doc: null,
    },
  ];
}

/** Every field of a schema by id, in schema order (parents before their children). */
function flatten(schema: StructType): Map<number, FlatField> {
  const out = new Map<number, FlatField>();
  const visit = (type: IcebergType, prefix: string, parentId?: number) => {
    for (const child of children(type)) {
      const path = prefix ? `${prefix}.${child.name}` : child.name;
      out.set(child.id, {
        id: child.id,
        parentId,
        path,
        name: child.name,
        type: typeName(child.type),
        required: child.required,
        doc: child.doc,
      });
      visit(child.type, path, child.id);
    }
  };
  visit(schema, '');
  return out;
}

/** `decimal(12,2)` and `decimal(12, 2)` are the same type. */
const sameType = (a: string, b: string) =>
  a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

const nullability = (required: boolean) => (required ? 'required' : 'optional');

/**
 * Changes from `before` to `after`: for each field of `after` in schema order its
 * addition or its rename, type, nullability and doc changes; then the removed fields.
 * A field added or removed together with its parent is covered by the parent's change.
 */
export function diffSchemas(
  before: StructType,
  after: StructType,
): SchemaChange[] {
  const old = flatten(before);
  const now = flatten(after);
  const changes: SchemaChange[] = [];
  const change = (
    kind: SchemaChange['kind'],
    field: FlatField,
    from: string | null,
    to: string | null,
  ) => changes.push({ kind, fieldId: field.id, name: field.path, from, to });

  for (const field of now.values()) {
    const prev = old.get(field.id);
    if (!prev) {
      if (field.parentId === undefined || old.has(field.parentId))
        change('added', field, null, field.type);
      continue;
    }
    if (prev.name !== field.name)
      change('renamed', field, prev.path, field.path);
    if (!sameType(prev.type, field.type))
      change('type-changed', field, prev.type, field.type);
    if (prev.required !== field.required)
      change(
        'nullability-changed',
        field,
        nullability(prev.required),
        nullability(field.required),
      );
    if (prev.doc !== field.doc)
      change('doc-changed', field, prev.doc, field.doc);
  }
  for (const prev of old.values()) {
    if (now.has(prev.id)) continue;
    if (prev.parentId === undefined || now.has(prev.parentId))
      change('removed', prev, prev.type, null);
  }
  return changes;
}

/** Every schema of the table, oldest (lowest id) first, each with its changes. */
export function schemaHistory(meta: TableMetadata): SchemaVersion[] {
  const firstUse = new Map<number, number>();
  for (const s of meta.snapshots) {
    const id = s['schema-id'];
    if (id === undefined) continue;
    const seen = firstUse.get(id);
    if (seen === undefined || s['timestamp-ms'] < seen)
      firstUse.set(id, s['timestamp-ms']);
  }
  const schemas = [...meta.schemas].sort(
    (a, b) => a['schema-id'] - b['schema-id'],
  );
  return schemas.map((schema: Schema, i) => {
    const used = firstUse.get(schema['schema-id']);
    return {
      schemaId: schema['schema-id'],
      fields: tableFields(schema),
      changes: i === 0 ? [] : diffSchemas(schemas[i - 1]!, schema),
      firstUsedAt: used === undefined ? null : new Date(used).toISOString(),
      current: schema['schema-id'] === meta['current-schema-id'],
    };
  });
}
