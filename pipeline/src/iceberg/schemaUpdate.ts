/**
 * Schema evolution as Iceberg allows it: add optional columns (also inside structs),
 * rename, widen (int→long, float→double, decimal precision up), required→optional,
 * reorder, delete. Anything that could break existing data files is rejected with a
 * reason. New field ids come from last-column-id, so ids are never reused.
 *
 * Operations are recorded and replayed on whatever schema is current when the commit
 * runs, so a retried commit applies the same intent to the newer head.
 */
import { commitTable, type CommitOptions } from './commit';
import { currentSchema } from './metadata';
import type { Table } from './table';
import {
  isPrimitive,
  parsePrimitive,
  type IcebergType,
  type NestedField,
  type PrimitiveType,
  type Schema,
  type StructType,
  type TableMetadata,
} from './types';

export class SchemaEvolutionError extends Error {}

type Path = string | string[];
const toPath = (p: Path) => (Array.isArray(p) ? p : p.split('.'));

type Op =
  | {
      kind: 'add';
      path: string[];
      type: IcebergType;
      doc?: string;
      required: boolean;
    }
  | { kind: 'rename'; path: string[]; name: string }
  | { kind: 'type'; path: string[]; type: PrimitiveType }
  | { kind: 'optional'; path: string[] }
  | { kind: 'required'; path: string[] }
  | { kind: 'doc'; path: string[]; doc: string }
  | { kind: 'delete'; path: string[] }
  | {
      kind: 'move';
      path: string[];
      where: 'first' | 'after' | 'before';
      other?: string[];
    };

/** Whether a column of type `from` can be read as `to` without rewriting data. */
export function isPromotionAllowed(
  from: PrimitiveType,
  to: PrimitiveType,
): boolean {
  if (from === to) return true;
  const a = parsePrimitive(from);
  const b = parsePrimitive(to);
  if (a.kind === 'int' && b.kind === 'long') return true;
  if (a.kind === 'float' && b.kind === 'double') return true;
  if (a.kind === 'decimal' && b.kind === 'decimal')
    return a.scale === b.scale && b.precision >= a.precision;
  return false;
}

export class SchemaUpdate {
  private readonly ops: Op[] = [];

  addColumn(
    path: Path,
    type: IcebergType,
    options: { doc?: string; required?: boolean } = {},
  ): this {
    this.ops.push({
      kind: 'add',
      path: toPath(path),
      type,
      doc: options.doc,
      required: options.required ?? false,
    });
    return this;
  }
  renameColumn(path: Path, newName: string): this {
    this.ops.push({ kind: 'rename', path: toPath(path), name: newName });
    return this;
  }
  updateColumnType(path: Path, type: PrimitiveType): this {
    this.ops.push({ kind: 'type', path: toPath(path), type });
    return this;
  }
  makeOptional(path: Path): this {
    this.ops.push({ kind: 'optional', path: toPath(path) });
    return this;
  }
  /** Always rejected for existing columns: old files may hold nulls. Kept for a clear error. */
  makeRequired(path: Path): this {
    this.ops.push({ kind: 'required', path: toPath(path) });
    return this;
  }
  updateDoc(path: Path, doc: string): this {
    this.ops.push({ kind: 'doc', path: toPath(path), doc });
    return this;
  }
  deleteColumn(path: Path): this {
    this.ops.push({ kind: 'delete', path: toPath(path) });
    return this;
  }
  moveFirst(path: Path): this {
    this.ops.push({ kind: 'move', path: toPath(path), where: 'first' });
    return this;
  }
  moveAfter(path: Path, other: Path): this {
    this.ops.push({
      kind: 'move',
      path: toPath(path),
      where: 'after',
      other: toPath(other),
    });
    return this;
  }
  moveBefore(path: Path, other: Path): this {
    this.ops.push({
      kind: 'move',
      path: toPath(path),
      where: 'before',
      other: toPath(other),
    });
    return this;
  }

  /** The evolved schema and the new last-column-id, without committing. */
  apply(
    base: Schema,
    lastColumnId: number,
  ): { schema: Schema; lastColumnId: number } {
    let nextId = lastColumnId;
    const assign = (type: IcebergType): IcebergType => {
      if (isPrimitive(type)) return type;
      if (type.type === 'struct')
        return {
          type: 'struct',
          fields: type.fields.map(f => ({
            ...f,
            id: ++nextId,
            type: assign(f.type),
          })),
        };
      if (type.type === 'list') {
        const id = ++nextId;
        return { ...type, 'element-id': id, element: assign(type.element) };
      }
      const keyId = ++nextId;
      const valueId = ++nextId;
      return {
        ...type,
        'key-id': keyId,
        'value-id': valueId,
        key: assign(type.key),
        value: assign(type.value),
      };
    };
    const identifierIds = new Set(base['identifier-field-ids'] ?? []);
    let root: StructType = structuredClone({
      type: 'struct',
      fields: base.fields,
    });

    for (const op of this.ops) {
      const name = op.path.join('.');
      if (op.kind === 'add') {
        if (op.required) {
          throw new SchemaEvolutionError(
            `cannot add required column ${name}: existing rows have no value; add it as optional`,
          );
        }
        const parent = structAt(root, op.path.slice(0, -1), name);
        const leaf = op.path[op.path.length - 1]!;
        if (parent.fields.some(f => f.name === leaf))
          throw new SchemaEvolutionError(
            `cannot add column ${name}: it already exists`,
          );
        parent.fields.push({
          id: ++nextId,
          name: leaf,
          required: false,
          type: assign(op.type),
          ...(op.doc ? { doc: op.doc } : {}),
        });
        continue;
      }
      const { parent, index, field } = fieldAt(root, op.path);
      switch (op.kind) {
        case 'rename':
          if (parent.fields.some(f => f.name === op.name)) {
            throw new SchemaEvolutionError(
              `cannot rename ${name} to ${op.name}: a column with that name exists`,
            );
          }
          field.name = op.name;
          break;
        case 'type':
          if (!isPrimitive(field.type))
            throw new SchemaEvolutionError(
              `cannot change the type of nested column ${name}`,
            );
          if (!isPromotionAllowed(field.type, op.type)) {
            throw new SchemaEvolutionError(
              `cannot change ${name} from ${field.type} to ${op.type}: only int→long, float→double and wider decimal precision are safe`,
            );
          }
          field.type = op.type;
          break;
        case 'optional':
          if (identifierIds.has(field.id))
            throw new SchemaEvolutionError(
              `cannot make identifier column ${name} optional`,
            );
          field.required = false;
          break;
        case 'required':
          if (!field.required) {
            throw new SchemaEvolutionError(
              `cannot make ${name} required: existing data files may contain nulls`,
            );
          }
          break;
        case 'doc':
          field.doc = op.doc;
          break;
        case 'delete':
          if (identifierIds.has(field.id))
            throw new SchemaEvolutionError(
              `cannot delete identifier column ${name}`,
            );
          parent.fields.splice(index, 1);
          break;
        case 'move': {
          parent.fields.splice(index, 1);
          if (op.where === 'first') {
            parent.fields.unshift(field);
          } else {
            const other = op.other!;
            const target = parent.fields.findIndex(
              f => f.name === other[other.length - 1],
            );
            if (
              target < 0 ||
              other.slice(0, -1).join('.') !== op.path.slice(0, -1).join('.')
            ) {
              throw new SchemaEvolutionError(
                `cannot move ${name} ${op.where} ${other.join(
                  '.',
                )}: not a sibling column`,
              );
            }
            parent.fields.splice(
              op.where === 'after' ? target + 1 : target,
              0,
              field,
            );
          }
          break;
        }
        default: {
          const never: never = op;
          throw new SchemaEvolutionError(
            `unknown operation ${JSON.stringify(never)}`,
          );
        }
      }
    }
    root = structuredClone(root);
    return {
      schema: {
        type: 'struct',
        'schema-id': base['schema-id'],
        ...(base['identifier-field-ids']
          ? { 'identifier-field-ids': base['identifier-field-ids'] }
          : {}),
        fields: root.fields,
      },
      lastColumnId: nextId,
    };
  }

  /** Applies the update to the table's metadata (reusing an identical earlier schema's id). */
  applyTo(meta: TableMetadata): TableMetadata {
    const base = currentSchema(meta);
    const { schema, lastColumnId } = this.apply(base, meta['last-column-id']);
    const same = meta.schemas.find(s => sameFields(s.fields, schema.fields));
    if (same)
      return {
        ...meta,
        'current-schema-id': same['schema-id'],
        'last-column-id': lastColumnId,
      };
    const id = Math.max(...meta.schemas.map(s => s['schema-id'])) + 1;
    return {
      ...meta,
      schemas: [...meta.schemas, { ...schema, 'schema-id': id }],
      'current-schema-id': id,
      'last-column-id': lastColumnId,
    };
  }

  commit(table: Table, options?: CommitOptions): Promise<Table> {
    return commitTable(
      table,
      head => ({ metadata: this.applyTo(head) }),
      options,
    );
  }
}

function sameFields(a: NestedField[], b: NestedField[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function structAt(root: StructType, path: string[], full: string): StructType {
  let current: StructType = root;
  for (const part of path) {
    const field = current.fields.find(f => f.name === part);
    if (!field)
      throw new SchemaEvolutionError(`cannot find ${part} in ${full}`);
    let type = field.type;
    if (!isPrimitive(type) && type.type === 'list') type = type.element;
    if (!isPrimitive(type) && type.type === 'map') type = type.value;
    if (isPrimitive(type) || type.type !== 'struct')
      throw new SchemaEvolutionError(`${part} in ${full} is not a struct`);
    current = type;
  }
  return current;
}

function fieldAt(
  root: StructType,
  path: string[],
): { parent: StructType; index: number; field: NestedField } {
  const parent = structAt(root, path.slice(0, -1), path.join('.'));
  const index = parent.fields.findIndex(f => f.name === path[path.length - 1]);
  if (index < 0)
    throw new SchemaEvolutionError(`column ${path.join('.')} does not exist`);
  return { parent, index, field: parent.fields[index]! };
}
