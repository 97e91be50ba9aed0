import {
  DBT_TEST_STATUSES,
  RUN_STATUSES,
} from '@medallion/plugin-lakehouse-common';
import { version as packageVersion } from '../../package.json';
import {
  type HttpMethod,
  componentSchemaErrors,
  isReference,
  jsonPointer,
  openApiDocument,
  resolveReference,
  schemaErrors,
  schemaValidator,
  valueAtPointer,
} from '../__testUtils__/openApiDocument';
import {
  anomalyDetail,
  anomalyStats,
  currentModel,
  flaggedPurchase,
  apiExamples as examples,
  currentSchema,
  dbtModelDetail,
  failedDbtRun,
  profitability,
  profitabilityRow,
  sourceFreshness,
  testRun,
  enumParameter,
  fields,
  freshTable,
  health,
  metrics,
  notFound,
  outputWithSummary,
  progressKnown,
  purchasesDetail,
  purchasesSummary,
  runningRun,
  schedule,
  schemaChanges,
  silverJob,
  snapshot,
  succeededRun,
  topicNode,
} from '../__testUtils__/openApiExamples';
import {
  schemaPointer,
  typeEnumerations as enumerations,
  typeShapes as objectShapes,
} from '../__testUtils__/openApiTypeShapes';
import { documentedOperations } from '../__testUtils__/openApiValidator';
import {
  DBT_RUNS_DEFAULT_LIMIT,
  DBT_RUNS_MAX_LIMIT,
} from '../router/dbtRoutes';
import {
  ANOMALIES_DEFAULT_LIMIT,
  ANOMALIES_MAX_LIMIT,
  STATS_DEFAULT_BINS,
  STATS_MAX_BINS,
  STATS_MIN_BINS,
} from '../router/anomalyRoutes';

// ---------------------------------------------------------------------------------------
// Walking the document
// ---------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every `[pointer, node]` of the document under `pointer`, depth first. */
function walk(pointer: string): Array<[string, Json]> {
  const root = valueAtPointer(pointer) as Json;
  const found: Array<[string, Json]> = [];
  const visit = (node: Json, at: string) => {
    found.push([at, node]);
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, `${at}/${i}`));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        visit(child, `${at}${jsonPointer(key)}`);
      }
    }
  };
  visit(root, pointer);
  return found;
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** The properties (with their pointers), required keys and closedness of an object schema. */
function objectShape(pointer: string): {
  properties: Map<string, string>;
  required: string[];
  closed: boolean;
} {
  const schema = asRecord(valueAtPointer(pointer));
  const properties = new Map<string, string>();
  const required: string[] = [];
  const collect = (at: string) => {
    const resolved = resolveReference(valueAtPointer(at), at);
    const node = asRecord(resolved.value);
    for (const key of Object.keys(asRecord(node.properties ?? {}))) {
      properties.set(
        key,
        `${resolved.pointer}${jsonPointer('properties', key)}`,
      );
    }
    required.push(...((node.required as string[] | undefined) ?? []));
    ((node.allOf as unknown[] | undefined) ?? []).forEach((_, i) =>
      collect(`${resolved.pointer}/allOf/${i}`),
    );
  };
  collect(pointer);
  return {
    properties,
    required,
    closed:
      schema.additionalProperties === false ||
      schema.unevaluatedProperties === false,
  };
}

function operations() {
  const document = openApiDocument();
  return documentedOperations().map(op => {
    const method = op.method.toLowerCase() as HttpMethod;
    const operation = document.paths[op.path][method];
    if (!operation) throw new Error(`${op.method} ${op.path} vanished`);
    return {
      ...op,
      method,
      operation,
      pointer: jsonPointer('paths', op.path, method),
    };
  });
}

/** The component a response or request body schema points at (its `$ref`'s last token). */
function componentOf(schema: unknown): string {
  if (!isReference(schema)) {
    throw new Error(
      `expected a $ref to a component, got ${JSON.stringify(schema)}`,
    );
  }
  return schema.$ref.replace('#/components/schemas/', '');
}

function responseSchemaComponent(
  op: ReturnType<typeof operations>[number],
  status: string,
): string {
  const resolved = resolveReference(
    op.operation.responses[status],
    `${op.pointer}${jsonPointer('responses', status)}`,
  );
  const content = asRecord(asRecord(resolved.value).content);
  return componentOf(asRecord(content['application/json']).schema);
}

// ---------------------------------------------------------------------------------------

describe('the OpenAPI document', () => {
  it('parses as OpenAPI 3.1 with the plugin version, base path and bearer auth', () => {
    const document = openApiDocument();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBeTruthy();
    expect(document.info.version).toBe(packageVersion);
    expect(document.servers).toEqual([{ url: '/api/lakehouse' }]);
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    expect(document.components.securitySchemes?.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('documents /anomalies/* and no longer reserves it', () => {
    const { description } = openApiDocument().info;
    expect(description).toContain('`/anomalies/*`');
    expect(description).not.toMatch(/reserved|later release/);
    expect(
      Object.keys(openApiDocument().paths).filter(p =>
        /^\/anomalies\b/.test(p),
      ),
    ).toEqual([
      '/anomalies',
      '/anomalies/stats',
      '/anomalies/model',
      '/anomalies/{eventId}',
    ]);
  });

  it('documents /dbt/* and how money is written', () => {
    const { description } = openApiDocument().info;
    expect(description).toContain('`/dbt/*`');
    expect(description).toMatch(/exact decimal string/);
    expect(componentSchemaErrors('Decimal', '-1234.50')).toEqual([]);
    for (const wrong of ['1e3', '12.', '.5', '1,000.00', ' 1'])
      expect(componentSchemaErrors('Decimal', wrong)).not.toEqual([]);
  });

  it('has exactly the routes and statuses of the contract', () => {
    expect(
      operations().map(op => ({
        operation: `${op.method.toUpperCase()} ${op.path}`,
        statuses: Object.keys(op.operation.responses).sort(),
      })),
    ).toEqual([
      { operation: 'GET /health', statuses: ['200'] },
      { operation: 'GET /jobs', statuses: ['200', '401'] },
      {
        operation: 'POST /jobs/{job}/runs',
        statuses: ['202', '400', '401', '403', '404', '409'],
      },
      { operation: 'GET /runs', statuses: ['200', '400', '401'] },
      { operation: 'GET /runs/{runId}', statuses: ['200', '401', '404'] },
      {
        operation: 'POST /runs/{runId}/cancel',
        statuses: ['202', '401', '403', '404', '409'],
      },
      { operation: 'GET /tables', statuses: ['200', '401'] },
      {
        operation: 'GET /tables/{namespace}/{table}',
        statuses: ['200', '401', '404'],
      },
      {
        operation: 'GET /tables/{namespace}/{table}/snapshots',
        statuses: ['200', '400', '401', '404'],
      },
      {
        operation: 'GET /tables/{namespace}/{table}/preview',
        statuses: ['200', '400', '401', '404'],
      },
      { operation: 'GET /freshness', statuses: ['200', '401'] },
      { operation: 'GET /lineage', statuses: ['200', '401'] },
      { operation: 'GET /metrics/pipeline', statuses: ['200', '400', '401'] },
      { operation: 'GET /dbt/models', statuses: ['200', '401'] },
      {
        operation: 'GET /dbt/models/{model}',
        statuses: ['200', '400', '401', '404'],
      },
      { operation: 'GET /dbt/runs', statuses: ['200', '400', '401'] },
      { operation: 'GET /dbt/freshness', statuses: ['200', '401'] },
      {
        operation: 'GET /metrics/profitability',
        statuses: ['200', '400', '401'],
      },
      { operation: 'GET /anomalies', statuses: ['200', '400', '401'] },
      { operation: 'GET /anomalies/stats', statuses: ['200', '400', '401'] },
      { operation: 'GET /anomalies/model', statuses: ['200', '401'] },
      {
        operation: 'GET /anomalies/{eventId}',
        statuses: ['200', '400', '401', '404'],
      },
    ]);
  });

  it('answers each success with the shared type of the contract', () => {
    expect(
      Object.fromEntries(
        operations().map(op => {
          const status = op.method === 'post' ? '202' : '200';
          return [
            op.operation.operationId,
            responseSchemaComponent(op, status),
          ];
        }),
      ),
    ).toEqual({
      getHealth: 'LakehouseHealth',
      listJobs: 'JobsResponse',
      triggerRun: 'TriggerRunResponse',
      listRuns: 'RunsPage',
      getRun: 'JobRun',
      cancelRun: 'JobRun',
      listTables: 'TablesResponse',
      getTable: 'TableDetail',
      listTableSnapshots: 'SnapshotsPage',
      previewTable: 'TablePreview',
      getFreshness: 'FreshnessResponse',
      getLineage: 'LineageGraph',
      getPipelineMetrics: 'PipelineMetrics',
      listDbtModels: 'DbtModelsResponse',
      getDbtModel: 'DbtModelDetail',
      listDbtRuns: 'DbtRunsResponse',
      getDbtFreshness: 'DbtFreshnessResponse',
      getProfitability: 'ProfitabilityResponse',
      listAnomalies: 'AnomaliesPage',
      getAnomalyStats: 'AnomalyStats',
      getAnomalyModel: 'AnomalyModelResponse',
      getAnomaly: 'AnomalyDetail',
    });
  });

  it('answers every error with ErrorResponse', () => {
    const errors = operations().flatMap(op =>
      Object.keys(op.operation.responses)
        .filter(status => status.startsWith('4'))
        .map(status => responseSchemaComponent(op, status)),
    );
    expect(errors.length).toBeGreaterThan(20);
    expect(new Set(errors)).toEqual(new Set(['ErrorResponse']));
  });

  it('needs a bearer token everywhere but /health', () => {
    for (const op of operations()) {
      const open = op.path === '/health';
      expect({ op: op.path, security: op.operation.security }).toEqual({
        op: op.path,
        security: open ? [] : undefined,
      });
      expect({ op: op.path, has401: '401' in op.operation.responses }).toEqual({
        op: op.path,
        has401: !open,
      });
    }
  });

  it('takes a TriggerRunRequest body on POST /jobs/{job}/runs and none elsewhere', () => {
    const bodies = operations()
      .filter(op => op.operation.requestBody)
      .map(op => {
        const body = resolveReference(
          op.operation.requestBody,
          `${op.pointer}/requestBody`,
        ).value;
        const content = asRecord(asRecord(body).content);
        return [
          op.operation.operationId,
          componentOf(asRecord(content['application/json']).schema),
        ];
      });
    expect(bodies).toEqual([['triggerRun', 'TriggerRunRequest']]);
  });

  it('has unique operationIds', () => {
    const ids = operations().map(op => op.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resolves every $ref', () => {
    const refs = walk('').filter(
      ([, node]) => typeof node === 'object' && node !== null && '$ref' in node,
    );
    expect(refs.length).toBeGreaterThan(50);
    for (const [pointer, node] of refs) {
      expect(() => resolveReference(node, pointer)).not.toThrow();
    }
  });

  it('compiles every component schema', () => {
    const names = Object.keys(openApiDocument().components.schemas);
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) {
      expect(() => schemaValidator(schemaPointer(name))).not.toThrow();
    }
  });

  it('compiles every parameter, request body and response schema', () => {
    const schemaPointers = [
      ...walk('/paths'),
      ...walk('/components/parameters'),
      ...walk('/components/responses'),
    ]
      .filter(([pointer]) => pointer.endsWith('/schema'))
      .map(([pointer]) => pointer);
    expect(schemaPointers.length).toBeGreaterThan(30);
    for (const pointer of schemaPointers) {
      expect(() => schemaValidator(pointer)).not.toThrow();
    }
  });

  it('accepts the examples it gives', () => {
    const mediaExamples = [
      ...walk('/paths'),
      ...walk('/components/responses'),
    ].filter(([pointer]) => pointer.endsWith('/example'));
    const schemaExamples = walk('/components/schemas').filter(([pointer]) =>
      /\/components\/schemas\/[^/]+\/examples$/.test(pointer),
    );
    expect(mediaExamples.length).toBeGreaterThanOrEqual(5);
    expect(schemaExamples.length).toBeGreaterThanOrEqual(1);
    for (const [pointer, example] of mediaExamples) {
      const schemaAt = pointer.replace(/\/example$/, '/schema');
      expect({ pointer, errors: schemaErrors(schemaAt, example) }).toEqual({
        pointer,
        errors: [],
      });
    }
    for (const [pointer, list] of schemaExamples) {
      const schemaAt = pointer.replace(/\/examples$/, '');
      for (const example of list as Json[]) {
        expect({ pointer, errors: schemaErrors(schemaAt, example) }).toEqual({
          pointer,
          errors: [],
        });
      }
    }
  });

  it('declares every path parameter of every path template, as required', () => {
    for (const op of operations()) {
      const inTemplate = [...op.path.matchAll(/\{([^{}]+)\}/g)].map(m => m[1]);
      const pathItem = openApiDocument().paths[op.path];
      const declared = [
        ...(pathItem.parameters ?? []).map((p, i) =>
          resolveReference(
            p,
            `${jsonPointer('paths', op.path)}/parameters/${i}`,
          ),
        ),
        ...(op.operation.parameters ?? []).map((p, i) =>
          resolveReference(p, `${op.pointer}/parameters/${i}`),
        ),
      ]
        .map(({ value }) => asRecord(value))
        .filter(p => p.in === 'path');
      expect({ op: op.path, params: declared.map(p => p.name).sort() }).toEqual(
        {
          op: op.path,
          params: [...inTemplate].sort(),
        },
      );
      for (const p of declared) {
        expect({ op: op.path, name: p.name, required: p.required }).toEqual({
          op: op.path,
          name: p.name,
          required: true,
        });
      }
    }
  });

  it('bounds the query parameters as the contract says', () => {
    const queryParameter = (path: string, name: string) => {
      const op = operations().find(o => o.path === path);
      const found = (op?.operation.parameters ?? [])
        .map((p, i) => resolveReference(p, `${op?.pointer}/parameters/${i}`))
        .map(({ value }) => asRecord(value))
        .find(p => p.in === 'query' && p.name === name);
      if (!found) throw new Error(`${path} has no query parameter ${name}`);
      return found;
    };
    const bounds = (path: string, name: string) => {
      const { schema, required } = queryParameter(path, name);
      const { minimum, maximum, default: fallback, type } = asRecord(schema);
      return { type, minimum, maximum, default: fallback, required };
    };
    const limits = (minimum: number, maximum: number, fallback: number) => ({
      type: 'integer',
      minimum,
      maximum,
      default: fallback,
      required: false,
    });

    expect(bounds('/runs', 'limit')).toEqual(limits(1, 200, 50));
    expect(bounds('/tables/{namespace}/{table}/snapshots', 'limit')).toEqual(
      limits(1, 500, 50),
    );
    expect(bounds('/tables/{namespace}/{table}/preview', 'limit')).toEqual(
      limits(1, 500, 50),
    );
    expect(bounds('/metrics/pipeline', 'window')).toEqual(
      limits(10, 86400, 300),
    );
    expect(bounds('/dbt/runs', 'limit')).toEqual(
      limits(1, DBT_RUNS_MAX_LIMIT, DBT_RUNS_DEFAULT_LIMIT),
    );
    expect(queryParameter('/metrics/profitability', 'category')).toMatchObject({
      required: false,
      schema: { type: 'string', maxLength: 64 },
    });
    expect(queryParameter('/metrics/profitability', 'currency')).toMatchObject({
      required: false,
      schema: { type: 'string', pattern: '^[A-Za-z]{3}$' },
    });
    expect(bounds('/anomalies', 'limit')).toEqual(
      limits(1, ANOMALIES_MAX_LIMIT, ANOMALIES_DEFAULT_LIMIT),
    );
    expect(bounds('/anomalies/stats', 'bins')).toEqual(
      limits(STATS_MIN_BINS, STATS_MAX_BINS, STATS_DEFAULT_BINS),
    );
    expect(queryParameter('/anomalies', 'minScore')).toMatchObject({
      required: false,
      schema: { type: 'number', minimum: 0, maximum: 1 },
    });
    for (const path of ['/anomalies', '/anomalies/stats'])
      expect(queryParameter(path, 'since')).toMatchObject({
        required: false,
        schema: { type: 'string', format: 'date-time' },
      });
    expect(queryParameter('/anomalies', 'decision')).toMatchObject({
      required: false,
      schema: { enum: ['anomaly', 'normal', 'all'], default: 'anomaly' },
    });
    expect(queryParameter('/anomalies', 'pattern').schema).toEqual({
      $ref: '#/components/schemas/AnomalyPatternFilter',
    });
    expect(queryParameter('/anomalies', 'cursor').required).toBe(false);
    expect(queryParameter('/runs', 'cursor').required).toBe(false);
    expect(
      queryParameter('/tables/{namespace}/{table}/snapshots', 'cursor')
        .required,
    ).toBe(false);
    expect(queryParameter('/runs', 'job').schema).toEqual({
      $ref: '#/components/schemas/JobName',
    });

    // `status` may be repeated or comma-separated; each value must be run statuses.
    const status = queryParameter('/runs', 'status');
    expect(status).toMatchObject({ style: 'form', explode: true });
    const one = `(${RUN_STATUSES.join('|')})`;
    expect(asRecord(asRecord(status.schema).items).pattern).toBe(
      `^${one}(,${one})*$`,
    );
  });
});

describe('the OpenAPI document agrees with the TypeScript types', () => {
  it.each(examples)('accepts %s (%s)', (component, _label, value) => {
    expect(componentSchemaErrors(component, value)).toEqual([]);
  });

  it.each(objectShapes.map(s => [s.pointer, s] as const))(
    'describes %s with exactly the keys of its type',
    (_pointer, { pointer, keys, open }) => {
      const shape = objectShape(pointer);
      expect([...shape.properties.keys()].sort()).toEqual(
        Object.keys(keys).sort(),
      );
      expect([...shape.required].sort()).toEqual(
        Object.entries(keys)
          .filter(([, kind]) => kind.startsWith('required'))
          .map(([key]) => key)
          .sort(),
      );
      expect(shape.closed).toBe(!open);
      const nullable = Object.fromEntries(
        [...shape.properties].map(([key, at]) => [
          key,
          schemaValidator(at)(null) as boolean,
        ]),
      );
      expect(nullable).toEqual(
        Object.fromEntries(
          Object.entries(keys).map(([key, kind]) => [
            key,
            kind.endsWith('nullable'),
          ]),
        ),
      );
    },
  );

  it.each(enumerations)(
    'enumerates %s as the type does',
    (pointer, members) => {
      const schema = asRecord(
        resolveReference(valueAtPointer(pointer), pointer).value,
      );
      expect(schema.enum).toEqual([...members]);
    },
  );

  it('lists the dbt test statuses as the document does', () => {
    expect(valueAtPointer(schemaPointer('DbtTestStatus', 'enum'))).toEqual([
      ...DBT_TEST_STATUSES,
    ]);
  });

  // Every example object stripped of one required key, or given an unknown one, fails.
  const closedExamples = examples.filter(([component]) => {
    const shape = objectShape(schemaPointer(component));
    return shape.closed;
  });

  it.each(closedExamples)(
    'rejects %s (%s) with an extra key',
    (component, _l, value) => {
      expect(
        componentSchemaErrors(component, { ...asRecord(value), unexpected: 1 }),
      ).not.toEqual([]);
    },
  );

  it.each(
    examples.flatMap(([component, label, value]) =>
      objectShape(schemaPointer(component)).required.map(
        key => [component, label, key, value] as const,
      ),
    ),
  )('rejects %s (%s) without %s', (component, _label, key, value) => {
    const { [key]: _removed, ...rest } = asRecord(value);
    expect(componentSchemaErrors(component, rest)).toEqual(
      expect.arrayContaining([expect.stringContaining(`'${key}'`)]),
    );
  });

  it.each<[string, string, unknown, string]>([
    [
      'JobRun',
      'an unknown status',
      { ...runningRun, status: 'paused' },
      '/status',
    ],
    [
      'JobRun',
      'an unknown trigger',
      { ...runningRun, trigger: 'cron' },
      '/trigger',
    ],
    ['JobRun', 'an unknown job', { ...runningRun, job: 'dbt' }, '/job'],
    [
      'JobRun',
      'a run id that is no UUID',
      { ...runningRun, runId: 'run-1' },
      '/runId',
    ],
    ['JobRun', 'a null run id', { ...runningRun, runId: null }, '/runId'],
    [
      'JobRun',
      'a time that is no ISO date-time',
      { ...runningRun, createdAt: '31/01/2026' },
      '/createdAt',
    ],
    ['JobRun', 'null params', { ...runningRun, params: null }, '/params'],
    [
      'JobRun',
      'a progress fraction above 1',
      { ...runningRun, progress: { ...progressKnown, fraction: 1.5 } },
      '/progress/fraction',
    ],
    [
      'JobRun',
      'an extra key in progress',
      { ...runningRun, progress: { ...progressKnown, eta: 5 } },
      '/progress',
    ],
    [
      'JobRun',
      'a numeric snapshot id',
      {
        ...succeededRun,
        output: {
          ...outputWithSummary,
          snapshots: [{ table: 't', snapshotId: 1 }],
        },
      },
      '/output/snapshots/0/snapshotId',
    ],
    [
      'SnapshotInfo',
      'a snapshot id that is no decimal',
      { ...snapshot, snapshotId: '12ab' },
      '/snapshotId',
    ],
    [
      'SnapshotInfo',
      'a non-string summary value',
      { ...snapshot, summary: { n: 1 } },
      '/summary/n',
    ],
    [
      'TableSummary',
      'an unknown layer',
      { ...purchasesSummary, layer: 'platinum' },
      '/layer',
    ],
    [
      'TableDetail',
      'an extra key in a nested field',
      {
        ...purchasesDetail,
        schema: {
          schemaId: 1,
          fields: [{ ...fields[0], fields: [{ ...fields[0], extra: true }] }],
        },
      },
      '/schema/fields/0/fields/0',
    ],
    [
      'TableDetail',
      'an extra key in the schema',
      { ...purchasesDetail, schema: { schemaId: 1, fields: [], version: 2 } },
      '/schema',
    ],
    [
      'SchemaVersion',
      'an unknown change kind',
      { ...currentSchema, changes: [{ ...schemaChanges[0], kind: 'moved' }] },
      '/changes/0/kind',
    ],
    [
      'TableFreshness',
      'an unknown status',
      { ...freshTable, status: 'stale' },
      '/status',
    ],
    [
      'LineageNode',
      'an unknown type',
      { ...topicNode, type: 'topic' },
      '/type',
    ],
    [
      'LineageNode',
      'an unknown layer',
      { ...topicNode, layer: 'platinum' },
      '/layer',
    ],
    ['JobInfo', 'an unknown kind', { ...silverJob, kind: 'cron' }, '/kind'],
    [
      'JobInfo',
      'an unknown parameter type',
      { ...silverJob, parameters: [{ ...enumParameter, type: 'date' }] },
      '/parameters/0/type',
    ],
    [
      'JobInfo',
      'an unknown schedule scope',
      { ...silverJob, schedule: { ...schedule, scope: 'cluster' } },
      '/schedule/scope',
    ],
    [
      'TriggerRunRequest',
      'an empty idempotency key',
      { idempotencyKey: '' },
      '/idempotencyKey',
    ],
    [
      'TriggerRunRequest',
      'an idempotency key of 201 characters',
      { idempotencyKey: 'x'.repeat(201) },
      '/idempotencyKey',
    ],
    [
      'TriggerRunRequest',
      'params that are an array',
      { params: [] },
      '/params',
    ],
    [
      'PipelineMetrics',
      'a window under 10 s',
      { ...metrics, windowSeconds: 5 },
      '/windowSeconds',
    ],
    [
      'ErrorResponse',
      'a success status code',
      { ...notFound, response: { statusCode: 200 } },
      '/response/statusCode',
    ],
    [
      'DbtModelDetail',
      'an unknown test status in the history',
      {
        ...dbtModelDetail,
        testHistory: [
          {
            ...testRun,
            tests: [{ ...testRun.tests[0], status: 'passed' }],
          },
        ],
      },
      '/testHistory/0/tests/0/status',
    ],
    [
      'DbtModelDetail',
      'more than 20 runs of test history',
      { ...dbtModelDetail, testHistory: Array(21).fill(testRun) },
      '/testHistory',
    ],
    [
      'DbtRunSummary',
      'an unknown run status',
      { ...failedDbtRun, status: 'partial' },
      '/status',
    ],
    [
      'DbtSourceFreshness',
      'an unknown freshness status',
      { ...sourceFreshness, status: 'stale' },
      '/status',
    ],
    [
      'ProfitabilityRow',
      'revenue as a number',
      { ...profitabilityRow, revenue: 2825.74 },
      '/revenue',
    ],
    [
      'ProfitabilityResponse',
      'another table',
      { ...profitability, table: 'gold.fct_purchases' },
      '/table',
    ],
    [
      'ScoredPurchase',
      'an amount as a number',
      { ...flaggedPurchase, amount: 14128.7 },
      '/amount',
    ],
    [
      'ScoredPurchase',
      'a score above 1',
      { ...flaggedPurchase, score: 1.2 },
      '/score',
    ],
    [
      'ScoredPurchase',
      'an unknown decision',
      { ...flaggedPurchase, decision: 'suspicious' },
      '/decision',
    ],
    [
      'ScoredPurchase',
      'a label of an unknown pattern',
      {
        ...flaggedPurchase,
        label: { pattern: 'unlabelled', incidentId: 'inc-1' },
      },
      '/label',
    ],
    [
      'AnomalyDetail',
      'a feature without its typical value',
      {
        ...anomalyDetail,
        features: [{ ...anomalyDetail.features[0], typical: undefined }],
      },
      '/features/0',
    ],
    [
      'AnomalyStats',
      'fewer than 5 bins',
      { ...anomalyStats, histogram: anomalyStats.histogram.slice(0, 4) },
      '/histogram',
    ],
    [
      'AnomalyStats',
      'a negative bin count',
      {
        ...anomalyStats,
        histogram: [
          { ...anomalyStats.histogram[0], labelled: -1 },
          ...anomalyStats.histogram.slice(1),
        ],
      },
      '/histogram/0/labelled',
    ],
    [
      'AnomalyStats',
      'an AUC above 1',
      {
        ...anomalyStats,
        quality: [{ ...anomalyStats.quality[0], auc: 1.01 }],
      },
      '/quality/0/auc',
    ],
    [
      'AnomalyModelSummary',
      'a contamination above 0.5',
      {
        ...currentModel,
        params: { ...currentModel.params, contamination: 0.6 },
      },
      '/params/contamination',
    ],
    [
      'AnomalyModelSummary',
      'a version that is no v<n>',
      { ...currentModel, version: '3' },
      '/version',
    ],
    [
      'LakehouseHealth',
      'a status other than ok',
      { ...health, status: 'degraded' },
      '/status',
    ],
  ])('rejects a %s with %s', (component, _what, value, instancePath) => {
    expect(componentSchemaErrors(component, value)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${instancePath}: `)),
      ]),
    );
  });

  it('keeps the error object open for the fields Backstage adds', () => {
    expect(
      componentSchemaErrors('ErrorResponse', {
        ...notFound,
        error: { ...notFound.error, code: 'E1', stack: 'at x', cause: {} },
      }),
    ).toEqual([]);
  });
});
