/**
 * Checks HTTP responses against `src/schema/openapi.yaml`: the request's method and path
 * must be a documented operation, the status one of its documented responses, and the body
 * must match that response's schema. Router tests call it on every response so the
 * document cannot drift from what the plugin serves.
 */
import type supertest from 'supertest';
import {
  HTTP_METHODS,
  type HttpMethod,
  type OpenApiOperation,
  describeSchemaErrors,
  jsonPointer,
  openApiDocument,
  resolveReference,
  schemaValidator,
} from './openApiDocument';

/** A response as the validator needs it; supertest responses are accepted as they are. */
export interface SpecCheckedResponse {
  status: number;
  body: unknown;
  /** The request that produced the response; `path` may carry a query string. */
  req: { method: string; path: string };
  /** When given, a JSON response must say so in `content-type`. */
  headers?: Record<string, string | string[] | undefined>;
}

/** An operation of the document: upper-case method, path template, operationId. */
export interface DocumentedOperation {
  method: string;
  path: string;
  operationId: string;
}

/** An operation answered with a status, as seen by {@link expectResponseToMatchSpec}. */
export interface CoveredResponse extends DocumentedOperation {
  status: number;
}

interface PathTemplate {
  template: string;
  segments: string[];
  templatedSegments: number;
}

const isTemplated = (segment: string) => /^\{[^{}]+\}$/.test(segment);

function pathTemplates(): PathTemplate[] {
  return Object.keys(openApiDocument().paths)
    .map(template => {
      const segments = template.split('/').slice(1);
      return {
        template,
        segments,
        templatedSegments: segments.filter(isTemplated).length,
      };
    })
    .sort((a, b) => a.templatedSegments - b.templatedSegments);
}

function operationOf(
  template: string,
  method: HttpMethod,
): OpenApiOperation | undefined {
  return openApiDocument().paths[template]?.[method];
}

/** Every operation of the document, in document order. */
export function documentedOperations(): DocumentedOperation[] {
  return Object.keys(openApiDocument().paths).flatMap(template =>
    HTTP_METHODS.flatMap(method => {
      const operation = operationOf(template, method);
      return operation
        ? [
            {
              method: method.toUpperCase(),
              path: template,
              operationId: operation.operationId,
            },
          ]
        : [];
    }),
  );
}

const covered = new Map<string, CoveredResponse>();

/**
 * The operations and statuses {@link expectResponseToMatchSpec} has accepted so far in
 * this test file, e.g. to assert that every documented operation was exercised.
 */
export function coveredResponses(): CoveredResponse[] {
  return [...covered.values()];
}

/** The documented path template a request path (relative to the plugin) falls under. */
export function matchPathTemplate(relativePath: string): string | undefined {
  const segments = relativePath.split('/').slice(1);
  return pathTemplates().find(
    t =>
      t.segments.length === segments.length &&
      t.segments.every((s, i) =>
        isTemplated(s) ? segments[i] !== '' : s === segments[i],
      ),
  )?.template;
}

function isSupertestResponse(
  res: SpecCheckedResponse | supertest.Response,
): res is supertest.Response {
  return (
    'request' in res &&
    typeof res.request === 'object' &&
    res.request !== null &&
    typeof res.request.url === 'string'
  );
}

function requestLine(res: SpecCheckedResponse | supertest.Response): {
  method: string;
  path: string;
} {
  if (isSupertestResponse(res)) {
    return {
      method: res.request.method.toUpperCase(),
      path: new URL(res.request.url, 'http://localhost').pathname,
    };
  }
  return {
    method: res.req.method.toUpperCase(),
    path: res.req.path.replace(/[?#].*$/, ''),
  };
}

function contentTypeOf(
  res: SpecCheckedResponse | supertest.Response,
): string | undefined {
  const value = res.headers?.['content-type'];
  return Array.isArray(value) ? value[0] : value;
}

function preview(body: unknown): string {
  const text = JSON.stringify(body) ?? String(body);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

/**
 * Throws a readable Error unless `res` is a documented response of a documented
 * operation whose body matches the document's schema. `basePath` is the plugin's mount
 * point, which the document's paths are relative to.
 */
export function expectResponseToMatchSpec(
  res: SpecCheckedResponse | supertest.Response,
  basePath = '/api/lakehouse',
): void {
  const { method, path } = requestLine(res);
  const label = `${method} ${path} → ${res.status}`;

  if (path !== basePath && !path.startsWith(`${basePath}/`)) {
    throw new Error(`${label}: the path is not under ${basePath}`);
  }
  const relativePath = path.slice(basePath.length) || '/';
  const template = matchPathTemplate(relativePath);
  if (!template) {
    throw new Error(
      `${label}: no path of the OpenAPI document matches ${relativePath}; documented: ${Object.keys(
        openApiDocument().paths,
      ).join(', ')}`,
    );
  }

  const httpMethod = HTTP_METHODS.find(m => m.toUpperCase() === method);
  const operation = httpMethod && operationOf(template, httpMethod);
  if (!httpMethod || !operation) {
    const methods = HTTP_METHODS.filter(m => operationOf(template, m)).map(m =>
      m.toUpperCase(),
    );
    throw new Error(
      `${label}: the OpenAPI document has no ${method} operation on ${template} (it has ${methods.join(
        ', ',
      )})`,
    );
  }

  const where = `${label} (${operation.operationId}, ${method} ${template})`;
  const status = String(res.status);
  const documented = operation.responses[status];
  if (!documented) {
    throw new Error(
      `${where}: status ${status} is not documented for this operation (documented: ${Object.keys(
        operation.responses,
      ).join(', ')}); body: ${preview(res.body)}`,
    );
  }

  const responsePointer = jsonPointer(
    'paths',
    template,
    httpMethod,
    'responses',
    status,
  );
  const response = resolveReference(documented, responsePointer);
  const content = (response.value as { content?: Record<string, unknown> })
    .content;
  if (content?.['application/json']) {
    const contentType = contentTypeOf(res);
    if (
      contentType !== undefined &&
      !/^application\/json\b/.test(contentType)
    ) {
      throw new Error(
        `${where}: expected an application/json body, got content-type ${contentType}`,
      );
    }
    const schemaPointer = `${response.pointer}${jsonPointer(
      'content',
      'application/json',
      'schema',
    )}`;
    const validate = schemaValidator(schemaPointer);
    if (!validate(res.body)) {
      throw new Error(
        [
          `${where}: the body does not match the schema at #${schemaPointer}:`,
          ...describeSchemaErrors(validate.errors).map(line => `  ${line}`),
          `body: ${preview(res.body)}`,
        ].join('\n'),
      );
    }
  }

  covered.set(`${method} ${template} ${status}`, {
    method,
    path: template,
    operationId: operation.operationId,
    status: res.status,
  });
}
