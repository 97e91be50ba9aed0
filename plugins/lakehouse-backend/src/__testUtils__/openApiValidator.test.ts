import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  JobsResponse,
  LakehouseHealth,
  RunsPage,
  SnapshotsPage,
} from '@medallion/plugin-lakehouse-common';
import express from 'express';
import request from 'supertest';
import {
  coveredResponses,
  documentedOperations,
  expectResponseToMatchSpec,
  matchPathTemplate,
} from './openApiValidator';

const health: LakehouseHealth = { status: 'ok', version: '0.1.0' };

const jobs: JobsResponse = {
  jobs: [
    {
      name: 'silver',
      title: 'Silver processing',
      description: 'Validates bronze into silver.',
      kind: 'scheduled',
      enabled: true,
      disabledReason: null,
      schedule: { frequency: 'PT10S', scope: 'global' },
      parameters: [],
      activeRun: null,
      lastRun: null,
    },
  ],
};

const emptyRuns: RunsPage = { items: [], nextCursor: null };
const emptySnapshots: SnapshotsPage = { items: [], nextCursor: null, total: 0 };

const get = (path: string) => ({ method: 'GET', path });

describe('expectResponseToMatchSpec', () => {
  it('accepts a documented response whose body matches', () => {
    expect(() =>
      expectResponseToMatchSpec({
        status: 200,
        body: health,
        req: get('/api/lakehouse/health'),
      }),
    ).not.toThrow();
  });

  it('ignores the query string and fills in path templates', () => {
    expect(() => {
      expectResponseToMatchSpec({
        status: 200,
        body: emptyRuns,
        req: get('/api/lakehouse/runs?limit=5&status=queued,running'),
      });
      expectResponseToMatchSpec({
        status: 200,
        body: emptySnapshots,
        req: get('/api/lakehouse/tables/silver/purchases/snapshots?limit=2'),
      });
    }).not.toThrow();
  });

  it('fails with the instance path and reason when the body does not match', () => {
    const body = { jobs: [{ ...jobs.jobs[0], kind: 'cron', extra: 1 }] };
    const check = () =>
      expectResponseToMatchSpec({
        status: 200,
        body,
        req: get('/api/lakehouse/jobs'),
      });
    expect(check).toThrow(
      /^GET \/api\/lakehouse\/jobs → 200 \(listJobs, GET \/jobs\): the body does not match/,
    );
    expect(check).toThrow(
      /\/jobs\/0\/kind: must be equal to one of the allowed values \{"allowedValues":\["scheduled","long-running","on-demand"\]\}/,
    );
    expect(check).toThrow(
      /\/jobs\/0: must NOT have additional properties \{"additionalProperty":"extra"\}/,
    );
  });

  it('fails when the status is not documented for the operation', () => {
    expect(() =>
      expectResponseToMatchSpec({
        status: 500,
        body: { error: { name: 'Error', message: 'boom' } },
        req: get('/api/lakehouse/jobs'),
      }),
    ).toThrow(
      /GET \/api\/lakehouse\/jobs → 500 \(listJobs, GET \/jobs\): status 500 is not documented for this operation \(documented: 200, 401\)/,
    );
  });

  it('fails for paths and methods the document does not have', () => {
    expect(() =>
      expectResponseToMatchSpec({
        status: 200,
        body: {},
        req: get('/api/lakehouse/anomalies/scores/recent'),
      }),
    ).toThrow(
      /no path of the OpenAPI document matches \/anomalies\/scores\/recent/,
    );
    expect(() =>
      expectResponseToMatchSpec({
        status: 200,
        body: jobs,
        req: { method: 'DELETE', path: '/api/lakehouse/jobs' },
      }),
    ).toThrow(/no DELETE operation on \/jobs \(it has GET\)/);
    expect(() =>
      expectResponseToMatchSpec({
        status: 200,
        body: health,
        req: get('/api/other/health'),
      }),
    ).toThrow(/not under \/api\/lakehouse/);
  });

  it('fails when a JSON response is sent with another content type', () => {
    expect(() =>
      expectResponseToMatchSpec({
        status: 200,
        body: health,
        req: get('/api/lakehouse/health'),
        headers: { 'content-type': 'text/html; charset=utf-8' },
      }),
    ).toThrow(
      /expected an application\/json body, got content-type text\/html/,
    );
  });

  it('honours another base path', () => {
    expect(() =>
      expectResponseToMatchSpec(
        { status: 200, body: health, req: get('/health') },
        '',
      ),
    ).not.toThrow();
  });

  it('records what it accepted', () => {
    expectResponseToMatchSpec({
      status: 200,
      body: health,
      req: get('/api/lakehouse/health'),
    });
    expect(coveredResponses()).toContainEqual({
      method: 'GET',
      path: '/health',
      operationId: 'getHealth',
      status: 200,
    });
  });
});

describe('matchPathTemplate', () => {
  it('prefers literal segments and needs every segment', () => {
    expect(matchPathTemplate('/runs')).toBe('/runs');
    expect(matchPathTemplate('/runs/abc')).toBe('/runs/{runId}');
    expect(matchPathTemplate('/runs/abc/cancel')).toBe('/runs/{runId}/cancel');
    expect(matchPathTemplate('/tables/silver/purchases')).toBe(
      '/tables/{namespace}/{table}',
    );
    expect(matchPathTemplate('/tables/silver')).toBeUndefined();
    expect(matchPathTemplate('/tables//purchases')).toBeUndefined();
  });
});

describe('documentedOperations', () => {
  it('lists every operation with method, path template and operationId', () => {
    const operations = documentedOperations();
    expect(operations).toHaveLength(22);
    expect(operations).toContainEqual({
      method: 'POST',
      path: '/jobs/{job}/runs',
      operationId: 'triggerRun',
    });
  });
});

describe('expectResponseToMatchSpec with supertest and Backstage', () => {
  const runId = '3d0f6c1e-9b2a-4f5d-8e7c-1a2b3c4d5e6f';

  // A bare router behind Backstage's real error handler: the error bodies are the ones
  // the plugin will send.
  const app = express();
  app.use(express.json());
  app.get('/api/lakehouse/health', (_req, res) => {
    res.json(health);
  });
  app.get('/api/lakehouse/runs', (_req, res) => {
    res.json({ items: [{ runId }], nextCursor: null });
  });
  app.get('/api/lakehouse/runs/:runId', req => {
    throw new NotFoundError(`no run ${req.params.runId}`);
  });
  app.post('/api/lakehouse/runs/:runId/cancel', () => {
    throw new ConflictError('the run has finished');
  });
  app.post('/api/lakehouse/jobs/:job/runs', () => {
    throw new Error('unreachable: the body does not parse');
  });
  app.use(mockErrorHandler());

  it('reads method and path from a supertest response', async () => {
    const res = await request(app).get('/api/lakehouse/health?verbose=1');
    expect(() => expectResponseToMatchSpec(res)).not.toThrow();
  });

  it('rejects a bad body received through supertest', async () => {
    const res = await request(app).get('/api/lakehouse/runs?limit=1');
    expect(() => expectResponseToMatchSpec(res)).toThrow(
      /GET \/api\/lakehouse\/runs → 200 \(listRuns, GET \/runs\)[^]*\/items\/0: must have required property 'job'/,
    );
  });

  it("accepts Backstage's error bodies for documented errors", async () => {
    const notFound = await request(app).get(`/api/lakehouse/runs/${runId}`);
    expect(notFound.status).toBe(404);
    expectResponseToMatchSpec(notFound);

    const conflict = await request(app).post(
      `/api/lakehouse/runs/${runId}/cancel`,
    );
    expect(conflict.status).toBe(409);
    expectResponseToMatchSpec(conflict);

    // body-parser's error carries extra fields (type, status, body, ...).
    const badJson = await request(app)
      .post('/api/lakehouse/jobs/silver/runs')
      .set('content-type', 'application/json')
      .send('{"params":');
    expect(badJson.status).toBe(400);
    expectResponseToMatchSpec(badJson);
  });

  it("accepts the 401 of Backstage's auth middleware", async () => {
    // A stand-in plugin with the same id: the 401 comes from Backstage, not from us.
    const plugin = createBackendPlugin({
      pluginId: 'lakehouse',
      register(env) {
        env.registerInit({
          deps: { httpRouter: coreServices.httpRouter },
          async init({ httpRouter }) {
            const router = express.Router();
            router.get('/jobs', (_req, res) => {
              res.json(jobs);
            });
            httpRouter.use(router);
          },
        });
      },
    });
    const { server } = await startTestBackend({ features: [plugin] });

    const unauthorized = await request(server)
      .get('/api/lakehouse/jobs')
      .set('Authorization', mockCredentials.none.header());
    expect(unauthorized.status).toBe(401);
    expectResponseToMatchSpec(unauthorized);

    const ok = await request(server)
      .get('/api/lakehouse/jobs')
      .set('Authorization', mockCredentials.user.header());
    expect(ok.status).toBe(200);
    expectResponseToMatchSpec(ok);
  });
});
