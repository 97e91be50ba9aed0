import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { lakehousePlugin } from './plugin';

describe('lakehousePlugin', () => {
  it('serves GET /api/lakehouse/health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [lakehousePlugin],
    });

    // mock-none-token = a caller with no credentials at all
    const res = await request(server)
      .get('/api/lakehouse/health')
      .set('Authorization', mockCredentials.none.header());

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', version: expect.any(String) });
  });

  it('rejects unauthenticated calls to other routes', async () => {
    const { server } = await startTestBackend({
      features: [lakehousePlugin],
    });

    const res = await request(server)
      .get('/api/lakehouse/anything-else')
      .set('Authorization', mockCredentials.none.header());

    expect(res.status).toBe(401);
  });
});
