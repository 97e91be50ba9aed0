/**
 * Partition specs over a schema: the partition tuple's struct type, computing a row's
 * partition tuple and its `name=value/...` path, validation, and a builder that creates
 * and evolves specs with the field-id and naming rules of the Java reference
 * implementation (`BaseUpdatePartitionSpec`) and PyIceberg (`UpdateSpec`), so that specs
 * we evolve stay interchangeable with theirs.
 */
import { type InternalValue, ValueError } from './conversions';
import {
  bindTransform,
  canTransform,
  dedupName,
  parseTransform,
  resultType,
  toHumanString,
  type TransformFunction,
  type TransformLike,
  transformToString,
} from './transforms';
import {
  type IndexedField,
  indexFields,
  isPrimitive,
  type NestedField,
  PARTITION_FIELD_ID_START,
  type PartitionField,
  type PartitionSpec,
  type PartitionTuple,
  type PrimitiveType,
  type StructType,
} from './types';

export class PartitionSpecError extends Error {}

/**
 * True when the spec has no fields, or only `void` ones (which always produce null), as
 * Java's `PartitionSpec.isUnpartitioned` decides.
 */
export function isUnpartitioned(spec: PartitionSpec): boolean {
  return spec.fields.every(f => f.transform.toLowerCase() === 'void');
}

export const unpartitionedSpec = (specId = 0): PartitionSpec => ({
  'spec-id': specId,
  fields: [],
});

// ---------------------------------------------------------------- source fields

function describeField(field: PartitionField): string {
  return `${field.name}=${field.transform}(${field['source-id']})`;
}

function sourceOf(
  index: Map<number, IndexedField>,
  field: PartitionField,
): IndexedField {
  const source = index.get(field['source-id']);
  if (!source) {
    throw new PartitionSpecError(
      `partition field ${describeField(field)}: source field id ${
        field['source-id']
      } is not in the schema`,
    );
  }
  return source;
}

/** Why a field cannot be a partition source, or undefined if it can. */
function sourceProblem(
  index: Map<number, IndexedField>,
  source: IndexedField,
  transform: TransformLike,
): string | undefined {
  if (!isPrimitive(source.type)) {
    return `source field "${source.path}" is not a primitive type`;
  }
  for (let id = source.parentId; id !== undefined; ) {
    const parent = index.get(id);
    if (!parent) break;
    if (isPrimitive(parent.type) || parent.type.type !== 'struct') {
      return `source field "${source.path}" is inside a ${
        isPrimitive(parent.type) ? parent.type : parent.type.type
      }; only struct nesting is allowed`;
    }
    id = parent.parentId;
  }
  if (!canTransform(transform, source.type)) {
    return `transform ${transformToString(
      transform,
    )} cannot be applied to source field "${source.path}" of type ${
      source.type
    }`;
  }
  return undefined;
}

const isVoid = (field: PartitionField) =>
  field.transform.toLowerCase() === 'void';

// ---------------------------------------------------------------- partition type

/**
 * The struct type of the spec's partition tuples (a data file's `partition`, field 102):
 * partition field ids and names, transform result types, every field optional as in
 * Java's `PartitionSpec.partitionType` (a null source or a field added later yields null).
 */
export function partitionType(
  spec: PartitionSpec,
  schema: StructType,
): StructType {
  const index = indexFields(schema);
  const fields = spec.fields.map((field): NestedField => {
    const source = index.get(field['source-id']);
    let type: PrimitiveType;
    if (isVoid(field)) {
      // void keeps the source type; with no usable source, int (spec: "Source type or int").
      type = source && isPrimitive(source.type) ? source.type : 'int';
    } else {
      const src = sourceOf(index, field);
      if (!isPrimitive(src.type)) {
        throw new PartitionSpecError(
          `partition field ${describeField(field)}: ${sourceProblem(
            index,
            src,
            field.transform,
          )}`,
        );
      }
      type = resultType(field.transform, src.type);
    }
    return { id: field['field-id'], name: field.name, required: false, type };
  });
  return { type: 'struct', fields };
}

// ---------------------------------------------------------------- partition tuples

/** Reads a source value by field id (any nesting depth). */
export type FieldAccessor = (
  fieldId: number,
) => InternalValue | null | undefined;

/**
 * A row: top-level field name → internal value (conversions.ts), with nested structs as
 * nested records. Missing and undefined values are null.
 */
export type Row = Readonly<Record<string, unknown>>;

function isInternalValue(value: unknown): value is InternalValue {
  return (
    typeof value === 'boolean' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'string' ||
    value instanceof Uint8Array
  );
}

/** The names from the top-level field down to this one. */
function namePath(
  index: Map<number, IndexedField>,
  field: IndexedField,
): string[] {
  const parent =
    field.parentId === undefined ? undefined : index.get(field.parentId);
  if (!parent) return [field.path];
  return [...namePath(index, parent), field.path.slice(parent.path.length + 1)];
}

function readPath(row: Row, names: readonly string[]): unknown {
  let value: unknown = row;
  for (const name of names) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

/**
 * Binds a spec to a schema once and returns a fast row → partition tuple function (for
 * the write path). The row is either a record by field name or a field-id accessor.
 */
export function bindPartitioner(
  spec: PartitionSpec,
  schema: StructType,
): (row: Row | FieldAccessor) => PartitionTuple {
  const index = indexFields(schema);
  const steps = spec.fields.map(field => {
    if (isVoid(field)) return { field, names: [], apply: () => null };
    const source = sourceOf(index, field);
    const problem = sourceProblem(index, source, field.transform);
    if (problem || !isPrimitive(source.type)) {
      throw new PartitionSpecError(
        `partition field ${describeField(field)}: ${problem}`,
      );
    }
    const apply: TransformFunction = bindTransform(
      field.transform,
      source.type,
    );
    return { field, names: namePath(index, source), apply };
  });
  return row =>
    steps.map(({ field, names, apply }) => {
      const raw =
        typeof row === 'function'
          ? row(field['source-id'])
          : readPath(row, names);
      if (raw === undefined || raw === null) return apply(null);
      if (!isInternalValue(raw)) {
        throw new ValueError(
          `partition source "${names.join(
            '.',
          )}" holds ${typeof raw}, not an internal value (see conversions.ts coerceValue)`,
        );
      }
      try {
        return apply(raw);
      } catch (e) {
        // Name the partition field: the bare transform error does not say which one.
        throw new ValueError(
          `partition field ${describeField(field)}: ${(e as Error).message}`,
        );
      }
    });
}

/** The partition tuple of one row (see bindPartitioner for many rows). */
export function partitionTuple(
  spec: PartitionSpec,
  schema: StructType,
  row: Row | FieldAccessor,
): PartitionTuple {
  return bindPartitioner(spec, schema)(row);
}

// ---------------------------------------------------------------- partition paths

/**
 * Python's `urllib.parse.quote_plus(s, safe="")`, which PyIceberg applies to partition
 * names and values: UTF-8 percent-encoding of all but letters, digits and `_.-~`, with
 * spaces as `+`.
 */
export function quotePlus(text: string): string {
  const wellFormed = text.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
  return encodeURIComponent(wellFormed)
    .replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * The partition's path below the table's data directory, e.g.
 * `event_date_day=2026-11-27/customer_bucket_16=3`: each field's escaped name and escaped
 * human string (see transforms.toHumanString). Empty for an unpartitioned spec.
 */
export function partitionPath(
  spec: PartitionSpec,
  schema: StructType,
  tuple: PartitionTuple,
): string {
  if (tuple.length !== spec.fields.length) {
    throw new PartitionSpecError(
      `partition tuple has ${tuple.length} values for ${spec.fields.length} partition fields`,
    );
  }
  const index = indexFields(schema);
  return spec.fields
    .map((field, i) => {
      const value = tuple[i] ?? null;
      let text: string;
      if (isVoid(field) || value === null) {
        text = 'null';
      } else {
        const source = sourceOf(index, field);
        if (!isPrimitive(source.type)) {
          throw new PartitionSpecError(
            `partition field ${describeField(
              field,
            )} has a non-primitive source`,
          );
        }
        text = toHumanString(field.transform, source.type, value);
      }
      return `${quotePlus(field.name)}=${quotePlus(text)}`;
    })
    .join('/');
}

// ---------------------------------------------------------------- validation and naming

/**
 * The default partition field name, as Java's `UpdatePartitionSpec` and PyIceberg name
 * added fields: `ts_day`, `id_bucket_16`, `name_trunc_3`, identity keeps the source name.
 * (Java's initial `PartitionSpec.Builder` omits the parameter: `id_bucket`, `name_trunc`.)
 */
export function defaultPartitionName(
  sourceName: string,
  transform: TransformLike,
): string {
  const t =
    typeof transform === 'string' ? parseTransform(transform) : transform;
  switch (t.kind) {
    case 'identity':
      return sourceName;
    case 'bucket':
      return `${sourceName}_bucket_${t.numBuckets}`;
    case 'truncate':
      return `${sourceName}_trunc_${t.width}`;
    case 'void':
      return `${sourceName}_null`;
    default:
      return `${sourceName}_${t.kind}`;
  }
}

/**
 * Checks a spec against a schema: every non-void field's source exists, is a primitive
 * nested only in structs, and suits the transform; names are non-empty and unique; field
 * ids are unique. Throws PartitionSpecError listing every problem.
 */
export function validatePartitionSpec(
  spec: PartitionSpec,
  schema: StructType,
): void {
  const index = indexFields(schema);
  const problems: string[] = [];
  const names = new Set<string>();
  const ids = new Set<number>();
  for (const field of spec.fields) {
    const label = `partition field ${describeField(field)}`;
    try {
      parseTransform(field.transform);
    } catch (e) {
      problems.push(`${label}: ${(e as Error).message}`);
      continue;
    }
    if (!field.name) problems.push(`${label}: empty partition name`);
    else if (names.has(field.name)) {
      problems.push(`${label}: duplicate partition name "${field.name}"`);
    }
    names.add(field.name);
    if (ids.has(field['field-id'])) {
      problems.push(
        `${label}: duplicate partition field id ${field['field-id']}`,
      );
    }
    ids.add(field['field-id']);
    if (isVoid(field)) continue;
    const source = index.get(field['source-id']);
    const problem = source
      ? sourceProblem(index, source, field.transform)
      : `unknown source field id ${field['source-id']}`;
    if (problem) problems.push(`${label}: ${problem}`);
  }
  if (problems.length > 0) {
    throw new PartitionSpecError(
      `invalid partition spec ${spec['spec-id']}: ${problems.join('; ')}`,
    );
  }
}

/** Same fields in the same order, comparing source ids, transforms and names (not ids). */
export function specsEquivalent(a: PartitionSpec, b: PartitionSpec): boolean {
  return (
    a.fields.length === b.fields.length &&
    a.fields.every((f, i) => {
      const g = b.fields[i]!;
      return (
        f['source-id'] === g['source-id'] &&
        f.name === g.name &&
        transformToString(f.transform) === transformToString(g.transform)
      );
    })
  );
}

// ---------------------------------------------------------------- builder

/** Where an evolution starts: the table's current spec and its history. */
export interface PartitionSpecBase {
  /** The spec to evolve (normally the table's default spec). */
  spec: PartitionSpec;
  /** Every spec in the table metadata (for recycling field ids and spec ids); default [spec]. */
  specs?: readonly PartitionSpec[];
  /** The table's `last-partition-id`; default the highest field id in `specs`, or 999. */
  lastPartitionId?: number;
}

export interface BuiltPartitionSpec {
  spec: PartitionSpec;
  /** The table's new `last-partition-id`. */
  lastPartitionId: number;
  /**
   * True when an equivalent spec already exists in the base's specs: `spec` is that spec
   * (same id), and nothing must be added to the table metadata, at most made default.
   */
  existing: boolean;
}

const fieldKey = (sourceId: number, transform: string) =>
  `${sourceId}:${transform}`;

/**
 * Creates a partition spec (`new PartitionSpecBuilder(schema)`) or evolves one
 * (`new PartitionSpecBuilder(schema, { spec, specs, lastPartitionId })`).
 *
 * Follows format v2 and Java's `BaseUpdatePartitionSpec`: an added (source, transform)
 * pair that any historical spec already had gets that field's id (and its name, unless
 * one is given), so partition tuples stay comparable across specs; other fields get
 * `last-partition-id + 1`, ... . Removed fields are dropped (v2 needs no void
 * placeholders). Names default to defaultPartitionName's.
 */
export class PartitionSpecBuilder {
  private readonly index: Map<number, IndexedField>;
  private readonly byPath = new Map<string, IndexedField>();
  private readonly base: PartitionSpec;
  private readonly history: readonly PartitionSpec[];
  private lastPartitionId: number;
  private readonly added: PartitionField[] = [];
  private readonly deleted = new Set<number>();
  private readonly renames = new Map<string, string>();

  constructor(private readonly schema: StructType, base?: PartitionSpecBase) {
    this.index = indexFields(schema);
    for (const field of this.index.values()) this.byPath.set(field.path, field);
    this.base = base?.spec ?? unpartitionedSpec();
    this.history = base?.specs ?? (base ? [base.spec] : []);
    const highest = Math.max(
      PARTITION_FIELD_ID_START - 1,
      ...this.history.flatMap(s => s.fields.map(f => f['field-id'])),
      ...this.base.fields.map(f => f['field-id']),
    );
    this.lastPartitionId = Math.max(base?.lastPartitionId ?? highest, highest);
  }

  identity(source: string | number, name?: string): this {
    return this.addField(source, 'identity', name);
  }
  year(source: string | number, name?: string): this {
    return this.addField(source, 'year', name);
  }
  month(source: string | number, name?: string): this {
    return this.addField(source, 'month', name);
  }
  day(source: string | number, name?: string): this {
    return this.addField(source, 'day', name);
  }
  hour(source: string | number, name?: string): this {
    return this.addField(source, 'hour', name);
  }
  bucket(source: string | number, numBuckets: number, name?: string): this {
    return this.addField(source, `bucket[${numBuckets}]`, name);
  }
  truncate(source: string | number, width: number, name?: string): this {
    return this.addField(source, `truncate[${width}]`, name);
  }

  /** Adds a partition field on a source column given by dotted name or field id. */
  addField(
    source: string | number,
    transform: TransformLike = 'identity',
    name?: string,
  ): this {
    const column = this.findSource(source);
    const text = transformToString(transform);
    const problem = sourceProblem(this.index, column, text);
    if (problem) throw new PartitionSpecError(`cannot partition: ${problem}`);
    const key = fieldKey(column.id, text);

    const existing = this.base.fields.find(
      f => fieldKey(f['source-id'], transformToString(f.transform)) === key,
    );
    if (existing && this.deleted.has(existing['field-id'])) {
      // Re-adding a field removed in this same change just undoes the removal.
      this.deleted.delete(existing['field-id']);
      if (name !== undefined && name !== existing.name) {
        this.renameField(existing.name, name);
      }
      return this;
    }
    if (existing) {
      throw new PartitionSpecError(
        `cannot add partition field ${text}(${column.path}): the spec already has it as "${existing.name}"`,
      );
    }
    const twin = this.added.find(
      f => fieldKey(f['source-id'], f.transform) === key,
    );
    if (twin) {
      throw new PartitionSpecError(
        `cannot add partition field ${text}(${column.path}) twice (already added as "${twin.name}")`,
      );
    }
    if (dedupName(text) === 'time') {
      const clash = this.added.find(
        f => f['source-id'] === column.id && dedupName(f.transform) === 'time',
      );
      if (clash) {
        throw new PartitionSpecError(
          `cannot add ${text}(${column.path}): redundant with the added ${clash.transform} field "${clash.name}"`,
        );
      }
    }

    const field = this.recycleOrCreate(column, text, name);
    if (this.added.some(f => f.name === field.name)) {
      throw new PartitionSpecError(
        `cannot add partition field "${field.name}": the name is already used by another added field`,
      );
    }
    const sameName = this.base.fields.find(
      f =>
        this.currentName(f) === field.name && !this.deleted.has(f['field-id']),
    );
    if (sameName && isVoid(sameName)) {
      // A leftover v1 void field gives way, as in Java: renamed to name_<field id>.
      this.renames.set(
        sameName.name,
        `${sameName.name}_${sameName['field-id']}`,
      );
    } else if (sameName) {
      throw new PartitionSpecError(
        `cannot add partition field "${
          field.name
        }": the spec already has a field with that name (${describeField(
          sameName,
        )}); pass another name`,
      );
    }
    this.added.push(field);
    return this;
  }

  /** Removes a field of the base spec by its partition name. */
  removeField(name: string): this {
    if (this.added.some(f => f.name === name)) {
      throw new PartitionSpecError(
        `cannot remove partition field "${name}": it was added in this same change`,
      );
    }
    if (this.renames.has(name)) {
      throw new PartitionSpecError(
        `cannot both rename and remove partition field "${name}"`,
      );
    }
    const field = this.base.fields.find(f => f.name === name);
    if (!field) {
      throw new PartitionSpecError(
        `no partition field named "${name}" to remove`,
      );
    }
    this.deleted.add(field['field-id']);
    return this;
  }

  /** Renames a field of the base spec. */
  renameField(name: string, newName: string): this {
    const voidField = this.base.fields.find(
      f => f.name === newName && isVoid(f),
    );
    if (voidField && voidField.name !== name) {
      this.renames.set(
        voidField.name,
        `${voidField.name}_${voidField['field-id']}`,
      );
    }
    if (this.added.some(f => f.name === name)) {
      throw new PartitionSpecError(
        `cannot rename partition field "${name}": it was added in this same change`,
      );
    }
    const field = this.base.fields.find(f => f.name === name);
    if (!field) {
      throw new PartitionSpecError(
        `no partition field named "${name}" to rename`,
      );
    }
    if (this.deleted.has(field['field-id'])) {
      throw new PartitionSpecError(
        `cannot both remove and rename partition field "${name}"`,
      );
    }
    this.renames.set(name, newName);
    return this;
  }

  /**
   * The resulting spec, validated. Its id is that of an equivalent existing spec if there
   * is one (writers must not add duplicates), else one more than the highest spec id.
   */
  build(): BuiltPartitionSpec {
    const kept = this.base.fields
      .filter(f => !this.deleted.has(f['field-id']))
      .map(f => ({ ...f, name: this.currentName(f) }));
    const fields = [...kept, ...this.added];
    const checkNamesOf = new Set<PartitionField>([
      ...this.added,
      ...kept.filter(f => this.renames.has(this.originalName(f))),
    ]);
    for (const field of checkNamesOf) this.checkNameAgainstSchema(field);

    const draft: PartitionSpec = { 'spec-id': 0, fields };
    validatePartitionSpec(draft, this.schema);
    const lastPartitionId = Math.max(
      this.lastPartitionId,
      ...fields.map(f => f['field-id']),
    );
    const same = this.history.find(s => specsEquivalent(s, draft));
    if (same) return { spec: same, lastPartitionId, existing: true };
    const specId =
      this.history.length === 0
        ? 0
        : Math.max(...this.history.map(s => s['spec-id'])) + 1;
    return {
      spec: { 'spec-id': specId, fields },
      lastPartitionId,
      existing: false,
    };
  }

  private currentName(field: PartitionField): string {
    return this.renames.get(field.name) ?? field.name;
  }

  private originalName(field: PartitionField): string {
    const original = this.base.fields.find(
      f => f['field-id'] === field['field-id'],
    );
    return original?.name ?? field.name;
  }

  private findSource(source: string | number): IndexedField {
    const column =
      typeof source === 'number'
        ? this.index.get(source)
        : this.byPath.get(source);
    if (!column) {
      throw new PartitionSpecError(
        `cannot partition by unknown source field ${JSON.stringify(source)}`,
      );
    }
    return column;
  }

  private recycleOrCreate(
    column: IndexedField,
    transform: string,
    name: string | undefined,
  ): PartitionField {
    for (const spec of this.history) {
      for (const f of spec.fields) {
        if (
          f['source-id'] === column.id &&
          transformToString(f.transform) === transform &&
          (name === undefined || f.name === name)
        ) {
          return {
            'source-id': column.id,
            'field-id': f['field-id'],
            name: f.name,
            transform,
          };
        }
      }
    }
    this.lastPartitionId += 1;
    return {
      'source-id': column.id,
      'field-id': this.lastPartitionId,
      name: name ?? defaultPartitionName(column.path, transform),
      transform,
    };
  }

  /**
   * A new or renamed partition name may not shadow a schema column, except an identity
   * (or void) field named after its own source, as Java's and PyIceberg's builders check.
   */
  private checkNameAgainstSchema(field: PartitionField): void {
    const column = this.byPath.get(field.name);
    if (!column) return;
    const transform = transformToString(field.transform);
    const sameSource = column.id === field['source-id'];
    if ((transform === 'identity' || transform === 'void') && sameSource) {
      return;
    }
    throw new PartitionSpecError(
      `partition name "${field.name}" (${transform}) conflicts with schema column "${column.path}"; pass another name`,
    );
  }
}
