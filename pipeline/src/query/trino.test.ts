/**
 * The Trino client's own edges against a scripted stand-in for the coordinator: paging,
 * the retries the protocol asks for, cancellation, limits and errors. What Trino really
 * answers to our SQL is proven against a real server in trino.integration.test.ts.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TrinoQueryEngine, TrinoQueryError } from './trino';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Pages of one query: page i is served at /v1/statement/q/<i>. */
function scripted(pages: Array<string | ((base: string) => object)>): {
  start(): Promise<string>;
  seen: Seen[];
  stop(): Promise<void>;
  status: Map<string, number[]>;
} {
  const seen: Seen[] = [];
  const status = new Map<string, number[]>();
  let server: Server;
  let base = '';
  return {
    seen,
    status,
    start: () =>
      new Promise(resolve => {
        server = createServer((req, res) => {
          let body = '';
          req.on('data', c => {
            body += c;
          });
          req.on('end', () => {
            seen.push({
              method: req.method ?? '',
              url: req.url ?? '',
              headers: req.headers,
              body,
            });
            const codes = status.get(req.url ?? '');
            const code = codes?.shift();
            if (code !== undefined) {
              res.writeHead(code).end('busy');
              return;
            }
            if (req.method === 'DELETE') {
              res.writeHead(204).end();
              return;
            }
            const index =
              req.url === '/v1/statement' ? 0 : Number(req.url?.split('/')[4]);
            const page = pages[index]!;
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(
              typeof page === 'string' ? page : JSON.stringify(page(base)),
            );
          });
        });
        server.listen(0, '127.0.0.1', () => {
          base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
          resolve(base);
        });
      }),
    stop: () => new Promise(resolve => server.close(() => resolve())),
  };
}

const next = (base: string, i: number) => `${base}/v1/statement/q/${i}`;

describe('TrinoQueryEngine', () => {
  it('follows nextUri, keeps big integers exact and maps types like Athena', async () => {
    const trino = scripted([
      base => ({ id: 'q1', nextUri: next(base, 1) }),
      // A hand-written page: 9007199254740993 is not a double.
      `{"id":"q1","nextUri":"NEXT2","columns":[{"name":"n","type":"bigint"},{"name":"d","type":"decimal(12,2)"},{"name":"t","type":"timestamp(6) with time zone"},{"name":"x","type":"double"},{"name":"ok","type":"boolean"},{"name":"a","type":"array(bigint)"}],"data":[[9007199254740993,"1.50","2026-11-27 10:00:00.000001 UTC",0.1,true,[1,2]]]}`,
      () => ({
        id: 'q1',
        data: [
          [
            7,
            null,
            '2026-11-27 11:00:00.000000 Europe/Berlin',
            'NaN',
            false,
            null,
          ],
        ],
      }),
    ]);
    const base = await trino.start();
    trino.status.set('/v1/statement/q/1', [503, 503]);
    // The hand-written page cannot know the port: patch its nextUri in.
    const engine = new TrinoQueryEngine({
      server: `${base}/`,
      catalog: 'lakehouse',
      user: 'medallion',
      fetch: async (url, init) => {
        const res = await fetch(url, init);
        const text = await res.text();
        return new Response(text.replace('NEXT2', next(base, 2)), {
          status: res.status,
          statusText: res.statusText,
        });
      },
    });
    try {
      const result = await engine.query('SELECT 1');
      expect(result.columns.map(c => c.type)).toEqual([
        'BIGINT',
        'DECIMAL(12,2)',
        'TIMESTAMP(6) WITH TIME ZONE',
        'DOUBLE',
        'BOOLEAN',
        'ARRAY(BIGINT)',
      ]);
      expect(result.rows).toEqual([
        {
          n: '9007199254740993',
          d: '1.50',
          t: '2026-11-27T10:00:00.000001Z',
          x: 0.1,
          ok: true,
          a: '[1,2]',
        },
        {
          n: '7',
          d: null,
          t: '2026-11-27T11:00:00.000000+01:00',
          x: 'NaN',
          ok: false,
          a: null,
        },
      ]);
      expect(result.truncated).toBe(false);
      const post = trino.seen[0]!;
      expect(post).toMatchObject({ method: 'POST', url: '/v1/statement' });
      expect(post.body).toBe('SELECT 1');
      expect(post.headers['x-trino-user']).toBe('medallion');
      expect(post.headers['x-trino-catalog']).toBe('lakehouse');
      expect(post.headers['x-trino-time-zone']).toBe('UTC');
      expect(post.headers['x-trino-client-capabilities']).toBe(
        'PARAMETRIC_DATETIME',
      );
      expect(post.headers.authorization).toBeUndefined();
      // Two 503s retried, then the page.
      expect(
        trino.seen.filter(s => s.url === '/v1/statement/q/1'),
      ).toHaveLength(3);
    } finally {
      await trino.stop();
    }
  });

  it('stops at the limit and cancels the rest of the query on the server', async () => {
    const rows = (from: number) =>
      Array.from({ length: 3 }, (_, i) => [from + i]);
    const trino = scripted([
      base => ({
        id: 'q2',
        nextUri: next(base, 1),
        columns: [{ name: 'n', type: 'integer' }],
        data: rows(0),
      }),
      base => ({ id: 'q2', nextUri: next(base, 2), data: rows(3) }),
      base => ({ id: 'q2', nextUri: next(base, 3), data: rows(6) }),
    ]);
    const base = await trino.start();
    const engine = new TrinoQueryEngine({
      server: base,
      catalog: 'c',
      user: 'u',
      password: 'secret',
    });
    try {
      const result = await engine.query('SELECT n', { limit: 4 });
      expect(result.rows.map(r => r.n)).toEqual([0, 1, 2, 3]);
      expect(result.truncated).toBe(true);
      expect(trino.seen.map(s => `${s.method} ${s.url}`)).toEqual([
        'POST /v1/statement',
        'GET /v1/statement/q/1',
        'DELETE /v1/statement/q/2',
      ]);
      expect(trino.seen[0]!.headers.authorization).toBe(
        `Basic ${Buffer.from('u:secret').toString('base64')}`,
      );
    } finally {
      await trino.stop();
    }
  });

  it("reports Trino's error with the query id and error name", async () => {
    const trino = scripted([
      base => ({ id: 'q3', nextUri: next(base, 1) }),
      () => ({
        id: 'q3',
        error: {
          message: "line 1:15: Table 'lakehouse.gold.nope' does not exist",
          errorName: 'TABLE_NOT_FOUND',
          errorType: 'USER_ERROR',
          errorCode: 46,
        },
      }),
    ]);
    const base = await trino.start();
    const engine = new TrinoQueryEngine({
      server: base,
      catalog: 'c',
      user: 'u',
    });
    try {
      const error = await engine.query('SELECT * FROM gold.nope').catch(e => e);
      expect(error).toBeInstanceOf(TrinoQueryError);
      expect(error).toMatchObject({
        queryId: 'q3',
        errorName: 'TABLE_NOT_FOUND',
      });
      expect(error.message).toBe(
        "Trino query q3 failed (TABLE_NOT_FOUND): line 1:15: Table 'lakehouse.gold.nope' does not exist",
      );
    } finally {
      await trino.stop();
    }
  });

  it('cancels on the server when the caller aborts', async () => {
    const trino = scripted([
      base => ({ id: 'q4', nextUri: next(base, 1) }),
      base => ({ id: 'q4', nextUri: next(base, 1) }), // running forever
    ]);
    const base = await trino.start();
    const engine = new TrinoQueryEngine({
      server: base,
      catalog: 'c',
      user: 'u',
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    try {
      const error = await engine
        .query('SELECT 1', { signal: controller.signal })
        .catch(e => e);
      expect(error).toBeInstanceOf(TrinoQueryError);
      expect(error.message).toBe('Trino query q4 was cancelled');
      expect(trino.seen.at(-1)).toMatchObject({
        method: 'DELETE',
        url: '/v1/statement/q/1',
      });
    } finally {
      await trino.stop();
    }
  });

  it('times out and cancels a query that runs too long', async () => {
    const trino = scripted([
      base => ({ id: 'q5', nextUri: next(base, 1) }),
      base => ({ id: 'q5', nextUri: next(base, 1) }),
    ]);
    const base = await trino.start();
    const engine = new TrinoQueryEngine({
      server: base,
      catalog: 'c',
      user: 'u',
      timeoutMs: 300,
    });
    try {
      await expect(engine.query('SELECT 1')).rejects.toThrow(
        'Trino query q5 took longer than 300 ms and was cancelled',
      );
      expect(trino.seen.at(-1)?.method).toBe('DELETE');
    } finally {
      await trino.stop();
    }
  });

  it('says what to check when the server is unreachable or answers nonsense', async () => {
    const down = new TrinoQueryEngine({
      server: 'http://127.0.0.1:1',
      catalog: 'c',
      user: 'u',
    });
    await expect(down.query('SELECT 1')).rejects.toThrow(
      /Trino at http:\/\/127\.0\.0\.1:1 did not answer .*lakehouse\.queryEngine\.trino\.server/,
    );
    const trino = scripted(['<html>proxy login</html>']);
    const base = await trino.start();
    trino.status.set('/v1/statement', [401]);
    const engine = new TrinoQueryEngine({
      server: base,
      catalog: 'c',
      user: 'u',
    });
    try {
      await expect(engine.query('SELECT 1')).rejects.toThrow(
        'Trino answered 401 Unauthorized: busy',
      );
      await expect(engine.query('SELECT 1')).rejects.toThrow(
        /^Trino sent an answer that is not a query result/,
      );
    } finally {
      await trino.stop();
    }
  });
});
