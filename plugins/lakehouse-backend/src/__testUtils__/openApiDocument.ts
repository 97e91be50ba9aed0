/**
 * Loads `src/schema/openapi.yaml` once and compiles its schemas with ajv (JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1), so tests can validate values against any schema
 * of the document by its JSON pointer or component name.
 */
import Ajv2020, {
  type ErrorObject,
  type ValidateFunction,
} from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** Where the checked-in document lives. */
export const OPENAPI_DOCUMENT_PATH = path.resolve(
  __dirname,
  '../schema/openapi.yaml',
);

/** The base URI the document is registered under in ajv; `$ref`s resolve against it. */
const DOCUMENT_ID = 'https://medallion.dev/lakehouse-backend/openapi.yaml';

const OPENAPI_TOP_LEVEL_FIELDS = [
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'paths',
  'webhooks',
  'components',
  'security',
  'tags',
  'externalDocs',
] as const;

/** The HTTP methods a path item may hold, in OpenAPI's spelling. */
export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

/** @public */
export type HttpMethod = (typeof HTTP_METHODS)[number];

// Just enough of OpenAPI 3.1 for the validator and the document tests; unknown keys pass.
const jsonObject = z.record(z.string(), z.unknown());
const reference = z.strictObject({
  $ref: z.string(),
  summary: z.string().optional(),
  description: z.string().optional(),
});
const parameter = z.looseObject({
  name: z.string(),
  in: z.enum(['path', 'query', 'header', 'cookie']),
  required: z.boolean().optional(),
  description: z.string().optional(),
  schema: jsonObject,
});
const mediaType = z.looseObject({
  schema: jsonObject.optional(),
  example: z.unknown().optional(),
});
const response = z.looseObject({
  description: z.string(),
  content: z.record(z.string(), mediaType).optional(),
});
const requestBody = z.looseObject({
  required: z.boolean().optional(),
  content: z.record(z.string(), mediaType),
});
const securityRequirements = z.array(z.record(z.string(), z.array(z.string())));
const operation = z.looseObject({
  operationId: z.string(),
  summary: z.string().optional(),
  tags: z.array(z.string()).optional(),
  parameters: z.array(z.union([reference, parameter])).optional(),
  requestBody: z.union([reference, requestBody]).optional(),
  responses: z.record(
    z.string().regex(/^[1-5][0-9][0-9]$/, 'a status code'),
    z.union([reference, response]),
  ),
  security: securityRequirements.optional(),
});
const pathItem = z.looseObject({
  parameters: z.array(z.union([reference, parameter])).optional(),
  get: operation.optional(),
  put: operation.optional(),
  post: operation.optional(),
  delete: operation.optional(),
  options: operation.optional(),
  head: operation.optional(),
  patch: operation.optional(),
  trace: operation.optional(),
});
const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({
    title: z.string(),
    version: z.string(),
    description: z.string(),
  }),
  servers: z.array(z.looseObject({ url: z.string() })),
  security: securityRequirements,
  paths: z.record(z.string().startsWith('/'), pathItem),
  components: z.looseObject({
    schemas: z.record(z.string(), jsonObject),
    parameters: z.record(z.string(), parameter).optional(),
    responses: z.record(z.string(), response).optional(),
    securitySchemes: z.record(z.string(), jsonObject).optional(),
  }),
});

/** @public */
export type OpenApiDocument = z.infer<typeof openApiDocumentSchema>;
/** @public */
export type OpenApiOperation = z.infer<typeof operation>;
/** @public */
export type OpenApiParameter = z.infer<typeof parameter>;
/** @public */
export type OpenApiResponse = z.infer<typeof response>;
/** @public */
export type OpenApiReference = z.infer<typeof reference>;

interface LoadedDocument {
  /** The YAML as parsed, for JSON-pointer walks. */
  raw: unknown;
  document: OpenApiDocument;
  ajv: Ajv2020;
  validators: Map<string, ValidateFunction>;
}

let loaded: LoadedDocument | undefined;

function load(): LoadedDocument {
  if (!loaded) {
    const raw: unknown = parse(fs.readFileSync(OPENAPI_DOCUMENT_PATH, 'utf8'));
    const document = openApiDocumentSchema.parse(raw);
    // strict: unknown keywords, misspelt `required` entries and the like fail to compile.
    const ajv = new Ajv2020({
      strict: true,
      allErrors: true,
      allowUnionTypes: true,
    });
    addFormats(ajv);
    // The document is registered as a schema so `$ref`s resolve inside it; ajv compiles
    // its root (a no-op once OpenAPI's top-level fields are known keywords) and, strictly,
    // each subschema we point into.
    ajv.addVocabulary([...OPENAPI_TOP_LEVEL_FIELDS]);
    ajv.addSchema(raw as object, DOCUMENT_ID);
    loaded = { raw, document, ajv, validators: new Map() };
  }
  return loaded;
}

/** The parsed document (loaded and checked for its basic shape on first use). */
export function openApiDocument(): OpenApiDocument {
  return load().document;
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A JSON pointer (`/components/schemas/JobRun`) from its unescaped tokens. */
export function jsonPointer(...tokens: string[]): string {
  return tokens.map(t => `/${escapeToken(t)}`).join('');
}

/** The value at a JSON pointer of the document, or undefined when nothing is there. */
export function valueAtPointer(pointer: string): unknown {
  if (pointer === '') return load().raw;
  let node: unknown = load().raw;
  for (const token of pointer.slice(1).split('/').map(unescapeToken)) {
    if (typeof node !== 'object' || node === null || !(token in node)) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** True for a `{ $ref }` object. */
export function isReference(value: unknown): value is OpenApiReference {
  return reference.safeParse(value).success;
}

/**
 * Follows a chain of local `$ref`s (`#/components/...`) from `value` found at `pointer`
 * and returns the final object and its pointer. Throws for dangling or remote refs.
 */
export function resolveReference(
  value: unknown,
  pointer: string,
): { value: unknown; pointer: string } {
  let current = { value, pointer };
  const seen = new Set<string>();
  while (isReference(current.value)) {
    const ref = current.value.$ref;
    if (!ref.startsWith('#/')) {
      throw new Error(
        `${current.pointer}: only local $refs are supported, got ${ref}`,
      );
    }
    if (seen.has(ref))
      throw new Error(`${current.pointer}: $ref cycle at ${ref}`);
    seen.add(ref);
    const target = decodeURIComponent(ref.slice(1));
    const next = valueAtPointer(target);
    if (next === undefined) {
      throw new Error(`${current.pointer}: $ref ${ref} resolves to nothing`);
    }
    current = { value: next, pointer: target };
  }
  return current;
}

/**
 * The compiled validator of the schema at `pointer` (e.g.
 * `/components/schemas/JobRun`), cached. Throws when ajv cannot compile it.
 */
export function schemaValidator(pointer: string): ValidateFunction {
  const { ajv, validators } = load();
  let validate = validators.get(pointer);
  if (!validate) {
    if (valueAtPointer(pointer) === undefined) {
      throw new Error(`the OpenAPI document has no schema at ${pointer}`);
    }
    const fragment = pointer
      .split('/')
      .map(token => encodeURIComponent(token))
      .join('/');
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${fragment}` });
    validators.set(pointer, validate);
  }
  return validate;
}

// Keywords whose message does not name what was wrong; their params do.
const KEYWORDS_WITH_TELLING_PARAMS = new Set([
  'enum',
  'const',
  'additionalProperties',
  'unevaluatedProperties',
]);

/** One line per ajv error: the instance path, the message and, where useful, its params. */
export function describeSchemaErrors(
  errors: readonly ErrorObject[] | null | undefined,
): string[] {
  return (errors ?? []).map(e => {
    const params = KEYWORDS_WITH_TELLING_PARAMS.has(e.keyword)
      ? ` ${JSON.stringify(e.params)}`
      : '';
    return `${e.instancePath || '(root)'}: ${e.message ?? e.keyword}${params}`;
  });
}

/** The errors of `value` against the schema at `pointer`; empty when it conforms. */
export function schemaErrors(pointer: string, value: unknown): string[] {
  const validate = schemaValidator(pointer);
  return validate(value) ? [] : describeSchemaErrors(validate.errors);
}

/** The errors of `value` against `components.schemas[name]`; empty when it conforms. */
export function componentSchemaErrors(name: string, value: unknown): string[] {
  return schemaErrors(jsonPointer('components', 'schemas', name), value);
}
