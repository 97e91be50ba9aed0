/**
 * Who may call what: every documented route against no credentials, a user, a service,
 * Airflow's static external-access token (through Backstage's real auth services) and a
 * wrong token; the execute permission denied; audit events for triggers and cancels.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  startLakehouseBackend,
  type LakehouseTestBackend,
} from '../__testUtils__/lakehouseTestBackend';
import {
  documentedOperations,
  expectResponseToMatchSpec,
} from '../__testUtils__/openApiValidator';

jest.setTimeout(60_000);

const STATIC_TOKEN = 'airflow-static-token-for-tests';
/** Also the id of a purchase that was never scored. */
const UNKNOWN_RUN = '00000000-0000-4000-8000-000000000000';

/** A concrete request for every documented operation (paths filled in). */
function everyOperation(): Array<{ method: 'get' | 'post'; path: string }> {
  return documentedOperations().map(op => ({
    method: op.method.toLowerCase() as 'get' | 'post',
    path: op.path
      .replace('{job}', 'silver')
      .replace('{runId}', UNKNOWN_RUN)
      .replace('{namespace}', 'silver')
      .replace('{table}', 'purchases')
      .replace('{model}', 'fct_purchases')
      .replace('{eventId}', UNKNOWN_RUN),
  }));
}

function call(
  backend: LakehouseTestBackend,
  op: { method: 'get' | 'post'; path: string },
  authorization?: string,
) {
  const req =
    op.method === 'get'
      ? request(backend.server).get(`/api/lakehouse${op.path}`)
      : request(backend.server).post(`/api/lakehouse${op.path}`).send({});
  return authorization ? req.set('Authorization', authorization) : req;
}

const quiet = {
  jobs: {
    producer: { enabled: false },
    bronze: { enabled: false },
    silver: {
      schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
    },
    gold: {
      schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
    },
  },
};

describe('authentication on every route (mock credentials)', () => {
  let backend: LakehouseTestBackend;
  beforeAll(async () => {
    backend = await startLakehouseBackend({ lakehouse: quiet });
  });
  afterAll(() => backend?.stop());

  // (Without any header the mock auth services assume a user: "no header at all" is
  // tested below against Backstage's real auth services.)
  it.each([
    ['the none principal', mockCredentials.none.header()],
    ['a wrong token', 'Bearer not-a-real-token'],
  ])('refuses %s everywhere but /health', async (_name, header) => {
    for (const op of everyOperation()) {
      const res = await call(backend, op, header);
      const expected = op.path === '/health' ? 200 : 401;
      expect(`${op.method} ${op.path} → ${res.status}`).toBe(
        `${op.method} ${op.path} → ${expected}`,
      );
      expectResponseToMatchSpec(res);
    }
  });

  it.each([
    ['a user', mockCredentials.user.header()],
    ['a service', mockCredentials.service.header()],
  ])('lets %s through (never 401, 403 or 500)', async (_name, header) => {
    for (const op of everyOperation()) {
      const res = await call(backend, op, header);
      expect([401, 403]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
      expectResponseToMatchSpec(res);
    }
  });
});

describe("Airflow's static token through the real auth services", () => {
  let backend: LakehouseTestBackend;
  beforeAll(async () => {
    backend = await startLakehouseBackend({
      lakehouse: quiet,
      config: {
        backend: {
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token: STATIC_TOKEN, subject: 'airflow' },
                accessRestrictions: [{ plugin: 'lakehouse' }],
              },
            ],
          },
        },
      },
      features: [authServiceFactory, httpAuthServiceFactory],
    });
  });
  afterAll(() => backend?.stop());

  it('accepts the static token and refuses a wrong one or none on every route', async () => {
    for (const op of everyOperation()) {
      const none = await call(backend, op);
      expect(`${op.method} ${op.path} → ${none.status}`).toBe(
        `${op.method} ${op.path} → ${op.path === '/health' ? 200 : 401}`,
      );
      expectResponseToMatchSpec(none);
      const good = await call(backend, op, `Bearer ${STATIC_TOKEN}`);
      expect([401, 403]).not.toContain(good.status);
      expect(good.status).toBeLessThan(500);
      expectResponseToMatchSpec(good);
      const wrong = await call(backend, op, `Bearer ${STATIC_TOKEN}x`);
      expect(wrong.status).toBe(op.path === '/health' ? 200 : 401);
    }
  });

  it('records the run as triggered by the external service', async () => {
    const res = await request(backend.server)
      .post('/api/lakehouse/jobs/silver/runs')
      .set('Authorization', `Bearer ${STATIC_TOKEN}`)
      .send({ idempotencyKey: 'airflow-dag-run-1' });
    expect(res.status).toBe(202);
    const run = await request(backend.server)
      .get(`/api/lakehouse/runs/${res.body.runId}`)
      .set('Authorization', `Bearer ${STATIC_TOKEN}`);
    expect(run.body).toMatchObject({
      trigger: 'service',
      triggeredBy: 'airflow',
      idempotencyKey: 'airflow-dag-run-1',
    });
  });
});

describe('the lakehouse.job.execute permission and audit events', () => {
  const auditor = mockServices.auditor.mock();
  const events: Array<{ eventId: string; outcome: string }> = [];
  let backend: LakehouseTestBackend;

  beforeAll(async () => {
    auditor.createEvent.mockImplementation(async options => ({
      success: async () => {
        events.push({ eventId: options.eventId, outcome: 'success' });
      },
      fail: async () => {
        events.push({ eventId: options.eventId, outcome: 'fail' });
      },
    }));
    backend = await startLakehouseBackend({
      lakehouse: quiet,
      features: [
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        auditor.factory,
      ],
    });
  });
  afterAll(() => backend?.stop());

  it('refuses triggers and cancels without the permission, and audits both', async () => {
    const user = mockCredentials.user.header();
    const trigger = await request(backend.server)
      .post('/api/lakehouse/jobs/silver/runs')
      .set('Authorization', user)
      .send({});
    expect(trigger.status).toBe(403);
    expect(trigger.body.error.message).toContain('lakehouse.job.execute');
    expectResponseToMatchSpec(trigger);
    const cancel = await request(backend.server)
      .post(`/api/lakehouse/runs/${UNKNOWN_RUN}/cancel`)
      .set('Authorization', user);
    expect(cancel.status).toBe(403);
    expectResponseToMatchSpec(cancel);
    // Reading needs no permission beyond credentials.
    const jobs = await request(backend.server)
      .get('/api/lakehouse/jobs')
      .set('Authorization', user);
    expect(jobs.status).toBe(200);
    expect(events).toEqual([
      { eventId: 'job-run-trigger', outcome: 'fail' },
      { eventId: 'job-run-cancel', outcome: 'fail' },
    ]);
  });
});

describe('audit events of allowed triggers and cancels', () => {
  const auditor = mockServices.auditor.mock();
  const events: Array<{ eventId: string; outcome: string; meta?: object }> = [];
  let backend: LakehouseTestBackend;

  beforeAll(async () => {
    auditor.createEvent.mockImplementation(async options => ({
      success: async result => {
        events.push({
          eventId: options.eventId,
          outcome: 'success',
          meta: { ...options.meta, ...result?.meta },
        });
      },
      fail: async () => {
        events.push({ eventId: options.eventId, outcome: 'fail' });
      },
    }));
    backend = await startLakehouseBackend({
      lakehouse: quiet,
      features: [auditor.factory],
    });
  });
  afterAll(() => backend?.stop());

  it('audits a trigger and a cancel with the run id', async () => {
    const user = mockCredentials.user.header();
    const trigger = await request(backend.server)
      .post('/api/lakehouse/jobs/silver/runs')
      .set('Authorization', user)
      .send({});
    expect(trigger.status).toBe(202);
    const cancel = await request(backend.server)
      .post(`/api/lakehouse/runs/${trigger.body.runId}/cancel`)
      .set('Authorization', user);
    // A silver run over an empty lakehouse may finish before the cancel arrives.
    expect([202, 409]).toContain(cancel.status);
    expect(events[0]).toEqual({
      eventId: 'job-run-trigger',
      outcome: 'success',
      meta: { job: 'silver', runId: trigger.body.runId, existing: false },
    });
    expect(events[1]).toMatchObject({
      eventId: 'job-run-cancel',
      outcome: cancel.status === 202 ? 'success' : 'fail',
    });
  });
});
