/**
 * Avro schemas in their own JSON shape. Keeping the JSON shape (rather than a translated
 * model) is what preserves Iceberg's custom attributes — `field-id`, `element-id`,
 * `key-id`, `value-id`, `logicalType`, `adjust-to-utc`, `iceberg-field-name`, ... — when a
 * schema is written into a file header: the header is just `JSON.stringify(schema)`.
 */
import { AvroError } from './binary';

export type AvroPrimitiveType =
  | 'null'
  | 'boolean'
  | 'int'
  | 'long'
  | 'float'
  | 'double'
  | 'bytes'
  | 'string';

/** Any other attribute is allowed and kept verbatim. */
interface Attributes {
  logicalType?: string;
  [attribute: string]: unknown;
}

export interface AvroPrimitiveSchema extends Attributes {
  type: AvroPrimitiveType;
}

export interface AvroField {
  name: string;
  type: AvroSchema;
  default?: unknown;
  doc?: string;
  'field-id'?: number;
  [attribute: string]: unknown;
}

export interface AvroRecordSchema extends Attributes {
  type: 'record' | 'error';
  name: string;
  namespace?: string;
  doc?: string;
  fields: AvroField[];
}

export interface AvroArraySchema extends Attributes {
  type: 'array';
  items: AvroSchema;
  'element-id'?: number;
}

export interface AvroMapSchema extends Attributes {
  type: 'map';
  values: AvroSchema;
  'key-id'?: number;
  'value-id'?: number;
}

export interface AvroFixedSchema extends Attributes {
  type: 'fixed';
  name: string;
  namespace?: string;
  size: number;
}

export interface AvroEnumSchema extends Attributes {
  type: 'enum';
  name: string;
  namespace?: string;
  symbols: string[];
}

export type AvroNamedSchema =
  | AvroRecordSchema
  | AvroFixedSchema
  | AvroEnumSchema;
export type AvroObjectSchema =
  | AvroPrimitiveSchema
  | AvroNamedSchema
  | AvroArraySchema
  | AvroMapSchema;

/**
 * A schema: a primitive type name or a reference to a named type (string), a union
 * (array), or a JSON object.
 */
export type AvroSchema = string | AvroSchema[] | AvroObjectSchema;

export const PRIMITIVE_TYPES: ReadonlySet<string> = new Set<AvroPrimitiveType>([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const isPrimitiveName = (s: string): s is AvroPrimitiveType =>
  PRIMITIVE_TYPES.has(s);

export const isNamed = (s: AvroSchema): s is AvroNamedSchema =>
  typeof s === 'object' &&
  !Array.isArray(s) &&
  (s.type === 'record' ||
    s.type === 'error' ||
    s.type === 'fixed' ||
    s.type === 'enum');

/** The full name of a named type declared inside `enclosingNamespace`. */
export function fullName(
  name: string,
  namespace: string | undefined,
  enclosingNamespace: string | undefined,
): string {
  if (name.includes('.')) return name;
  const ns = namespace ?? enclosingNamespace;
  return ns ? `${ns}.${name}` : name;
}

export const namespaceOf = (full: string): string | undefined =>
  full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : undefined;

/** `["null", T]` → T; anything else → undefined. */
export function optionalBranch(schema: AvroSchema): AvroSchema | undefined {
  if (!Array.isArray(schema) || schema.length !== 2) return undefined;
  if (schema[0] === 'null') return schema[1];
  if (schema[1] === 'null') return schema[0];
  return undefined;
}

// ---------------------------------------------------------------- parsing

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses (and checks the shape of) a schema read from a file header. Lenient where real
 * writers are sloppy: a named type defined twice is accepted (the last definition wins
 * for references), and `{"type": {...}}` wrappers are unwrapped.
 */
export function parseSchema(json: string | unknown): AvroSchema {
  let raw: unknown = json;
  if (typeof json === 'string') {
    try {
      raw = JSON.parse(json);
    } catch (e) {
      throw new AvroError(`invalid Avro schema JSON: ${(e as Error).message}`);
    }
  }
  return check(raw, '$');
}

function check(raw: unknown, path: string): AvroSchema {
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw)) return raw.map((b, i) => check(b, `${path}[${i}]`));
  if (!isObject(raw))
    throw new AvroError(`invalid Avro schema at ${path}: ${String(raw)}`);
  const type = raw.type;
  if (isObject(type) || Array.isArray(type)) return check(type, `${path}.type`);
  if (typeof type !== 'string')
    throw new AvroError(`Avro schema at ${path} has no "type"`);
  const need = (ok: boolean, what: string) => {
    if (!ok) throw new AvroError(`Avro ${type} at ${path}: ${what}`);
  };
  switch (type) {
    case 'record':
    case 'error': {
      need(typeof raw.name === 'string', 'missing "name"');
      need(Array.isArray(raw.fields), 'missing "fields"');
      const fields = (raw.fields as unknown[]).map((f, i) => {
        need(
          isObject(f) && typeof f.name === 'string',
          `field ${i} has no name`,
        );
        const field = f as Record<string, unknown>;
        return {
          ...field,
          type: check(field.type, `${path}.${String(field.name)}`),
        } as AvroField;
      });
      return { ...raw, fields } as AvroRecordSchema;
    }
    case 'array':
      need('items' in raw, 'missing "items"');
      return {
        ...raw,
        items: check(raw.items, `${path}.items`),
      } as AvroArraySchema;
    case 'map':
      need('values' in raw, 'missing "values"');
      return {
        ...raw,
        values: check(raw.values, `${path}.values`),
      } as AvroMapSchema;
    case 'fixed':
      need(typeof raw.name === 'string', 'missing "name"');
      need(
        typeof raw.size === 'number' &&
          Number.isInteger(raw.size) &&
          raw.size >= 0,
        'invalid "size"',
      );
      return raw as AvroFixedSchema;
    case 'enum':
      need(typeof raw.name === 'string', 'missing "name"');
      need(
        Array.isArray(raw.symbols) &&
          raw.symbols.every(s => typeof s === 'string'),
        'invalid "symbols"',
      );
      return raw as AvroEnumSchema;
    default:
      if (isPrimitiveName(type)) return raw as AvroPrimitiveSchema;
      // {"type": "SomeNamedType"} is a reference in object form.
      return type;
  }
}

// ---------------------------------------------------------------- validation for writing

/**
 * Strict checks before a schema is written: valid names, no redefined named types, unions
 * without nested unions or duplicate branches, and null defaults only where null is the
 * first union branch (what Avro readers such as Java and fastavro enforce).
 */
export function validateSchema(schema: AvroSchema): void {
  const defined = new Set<string>();
  const referenced: Array<{ name: string; path: string }> = [];
  const visit = (s: AvroSchema, ns: string | undefined, path: string): void => {
    if (typeof s === 'string') {
      if (!isPrimitiveName(s))
        referenced.push({ name: fullName(s, undefined, ns), path });
      return;
    }
    if (Array.isArray(s)) {
      const kinds = new Set<string>();
      s.forEach((branch, i) => {
        if (Array.isArray(branch))
          throw new AvroError(`nested union at ${path}[${i}]`);
        const kind = branchKind(branch, ns);
        if (kinds.has(kind))
          throw new AvroError(`union at ${path} has two ${kind} branches`);
        kinds.add(kind);
        visit(branch, ns, `${path}[${i}]`);
      });
      return;
    }
    if (isNamed(s)) {
      for (const part of s.name.split('.')) {
        if (!NAME.test(part))
          throw new AvroError(`invalid Avro name "${s.name}" at ${path}`);
      }
      const full = fullName(s.name, s.namespace, ns);
      if (defined.has(full)) {
        throw new AvroError(
          `named type ${full} is defined twice (at ${path}); refer to it by name instead`,
        );
      }
      defined.add(full);
      if (s.type === 'record' || s.type === 'error') {
        const inner = namespaceOf(full);
        const names = new Set<string>();
        for (const f of s.fields) {
          if (!NAME.test(f.name) || f.name === '__proto__') {
            throw new AvroError(`invalid field name "${f.name}" in ${full}`);
          }
          if (names.has(f.name))
            throw new AvroError(`duplicate field ${f.name} in ${full}`);
          names.add(f.name);
          if (f.default === null && !acceptsNullDefault(f.type)) {
            throw new AvroError(
              `field ${full}.${f.name}: a null default needs "null" as the first union branch`,
            );
          }
          visit(f.type, inner, `${path}.${f.name}`);
        }
      }
      return;
    }
    if (s.type === 'array') visit(s.items, ns, `${path}.items`);
    else if (s.type === 'map') visit(s.values, ns, `${path}.values`);
  };
  visit(schema, undefined, '$');
  for (const r of referenced) {
    if (!defined.has(r.name))
      throw new AvroError(`unknown Avro type "${r.name}" at ${r.path}`);
  }
}

function acceptsNullDefault(s: AvroSchema): boolean {
  if (Array.isArray(s)) return s[0] === 'null';
  return s === 'null' || (typeof s === 'object' && s.type === 'null');
}

/** Union branches must differ by type, and named types by name. */
function branchKind(s: AvroSchema, ns: string | undefined): string {
  if (typeof s === 'string')
    return isPrimitiveName(s) ? s : fullName(s, undefined, ns);
  if (Array.isArray(s)) return 'union';
  if (isNamed(s)) return fullName(s.name, s.namespace, ns);
  return s.type;
}

/** Every named type defined in a schema, by full name (later definitions win). */
export function namedTypes(schema: AvroSchema): Map<string, AvroNamedSchema> {
  const out = new Map<string, AvroNamedSchema>();
  const visit = (s: AvroSchema, ns: string | undefined): void => {
    if (typeof s === 'string') return;
    if (Array.isArray(s)) {
      for (const b of s) visit(b, ns);
      return;
    }
    if (isNamed(s)) {
      const full = fullName(s.name, s.namespace, ns);
      out.set(full, s);
      if (s.type === 'record' || s.type === 'error') {
        for (const f of s.fields) visit(f.type, namespaceOf(full));
      }
    } else if (s.type === 'array') visit(s.items, ns);
    else if (s.type === 'map') visit(s.values, ns);
  };
  visit(schema, undefined);
  return out;
}

/** Follows a by-name reference to its definition; other schemas come back unchanged. */
export function dereference(
  schema: AvroSchema,
  named: Map<string, AvroNamedSchema>,
): AvroSchema {
  if (typeof schema !== 'string' || isPrimitiveName(schema)) return schema;
  const def = named.get(schema);
  if (def) return def;
  for (const [full, s] of named) {
    if (full.endsWith(`.${schema}`)) return s;
  }
  throw new AvroError(`unknown Avro type "${schema}"`);
}
