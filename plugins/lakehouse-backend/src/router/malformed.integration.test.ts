/**
 * Hostile and sloppy requests: malformed paths, queries and bodies get a 4xx with a
 * readable reason in Backstage's error shape, never a 500 and never a stack trace.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  startLakehouseBackend,
  type LakehouseTestBackend,
} from '../__testUtils__/lakehouseTestBackend';

jest.setTimeout(60_000);

const user = mockCredentials.user.header();

describe('malformed requests', () => {
  let backend: LakehouseTestBackend;
  beforeAll(async () => {
    backend = await startLakehouseBackend({
      lakehouse: {
        jobs: {
          producer: { enabled: true },
          bronze: { enabled: false },
          silver: {
            schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
          },
        },
      },
    });
  });
  afterAll(() => backend?.stop());

  /** What is wrong with an error response, as readable lines (none: all good). */
  const clientErrorProblems = (
    res: request.Response,
    status: number,
    message?: RegExp,
  ): string[] => {
    const problems: string[] = [];
    const text = JSON.stringify(res.body);
    if (res.status !== status) problems.push(`status ${res.status}: ${text}`);
    if (res.body?.response?.statusCode !== status)
      problems.push(`body.response.statusCode is not ${status}: ${text}`);
    if (typeof res.body?.error?.message !== 'string')
      problems.push(`no error message: ${text}`);
    else if (message && !message.test(res.body.error.message))
      problems.push(
        `message "${res.body.error.message}" does not match ${message}`,
      );
    if (/stack|node_modules|\.ts:\d+/.test(text))
      problems.push(`internals leak: ${text}`);
    return problems;
  };

  const get = (path: string) =>
    request(backend.server)
      .get(`/api/lakehouse${path}`)
      .set('Authorization', user);
  const post = (path: string) =>
    request(backend.server)
      .post(`/api/lakehouse${path}`)
      .set('Authorization', user);

  it.each([
    ['/tables/%E0%A4%A/purchases', 400, /malformed URL/],
    ['/tables/silver/%ZZ', 400, /malformed URL/],
    ['/tables/si%2Flver/purchases', 400, /path\.namespace/],
    ['/tables/silver/pur%20chases', 400, /path\.table/],
    [`/tables/silver/${'x'.repeat(300)}`, 400, /path\.table/],
    ['/tables/silver/purchases/nothing-here', 404, /no route/],
    ['/tables/../../etc/passwd', 404, undefined],
    ['/runs/not-a-uuid', 404, undefined],
    [`/runs/${'9'.repeat(200)}`, 400, /path\.runId/],
    ['/runs?limit=1&limit=2', 400, /query\.limit/],
    ['/runs?job=platinum', 400, /query\.job/],
    ['/runs?status=running,bogus', 400, /query\.status/],
    ['/runs?unknown=1', 400, /query/],
    // (no such table here: a bad cursor on a real table is a 400, see lakehouse/)
    ['/tables/silver/purchases/snapshots?cursor=%00%01', 404, /does not exist/],
    ['/tables/silver/purchases/preview?limit=-1', 400, /query\.limit/],
    ['/metrics/pipeline?window=1e9', 400, /query\.window/],
    ['/dbt/models/%20bad', 400, /model/],
    ['/anomalies/recent', 400, /path\.eventId/],
    ['/anomalies?limit=0', 400, /query\.limit/],
    ['/anomalies?since=2026-13-01T00:00:00Z', 400, /query\.since/],
    ['/anomalies?cursor=%00%01', 400, /cursor is not valid/],
    ['/anomalies/stats?bins=1000', 400, /query\.bins/],
    ['/anomalies/00000000-0000-4000-8000-000000000000', 404, /not been scored/],
    ['/anomalies/model/history', 404, /no route/],
  ])('GET %s → %i', async (path, status, message) => {
    expect(clientErrorProblems(await get(path), status, message)).toEqual([]);
  });

  it.each([
    ['invalid JSON', '{"params": ', 400, /not valid JSON/],
    ['an array', '[1, 2]', 400, /body/],
    ['a string', '"run"', 400, /body|JSON/],
    ['params not an object', '{"params": 5}', 400, /body\.params/],
    ['an unknown key', '{"param": {}}', 400, /body/],
    [
      'an empty idempotency key',
      '{"idempotencyKey": ""}',
      400,
      /idempotencyKey/,
    ],
    [
      'a 300-character idempotency key',
      JSON.stringify({ idempotencyKey: 'k'.repeat(300) }),
      400,
      /idempotencyKey/,
    ],
    [
      'a wrong parameter type',
      '{"params": {"rate": "fast"}}',
      400,
      /params\.rate/,
    ],
    ['an unknown parameter', '{"params": {"colour": "red"}}', 400, /params/],
  ])(
    'POST /jobs/producer/runs with %s → %i',
    async (_what, body, status, message) => {
      const res = await post('/jobs/producer/runs')
        .set('Content-Type', 'application/json')
        .send(body);
      expect(clientErrorProblems(res, status, message)).toEqual([]);
    },
  );

  it('refuses a body over 100 kB without a stack', async () => {
    const res = await post('/jobs/producer/runs')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ params: { seed: 'x'.repeat(200_000) } }));
    expect(clientErrorProblems(res, 413)).toEqual([]);
  });

  it('survives all of the above: the API still answers', async () => {
    const res = await get('/jobs');
    expect(res.status).toBe(200);
    expect(res.body.jobs.map((j: { name: string }) => j.name)).toEqual([
      'producer',
      'bronze',
      'silver',
      'gold',
      'scoring',
      'training',
      'maintenance',
    ]);
  });
});
