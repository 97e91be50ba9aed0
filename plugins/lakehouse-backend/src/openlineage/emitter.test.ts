import { randomUUID } from 'node:crypto';
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import {
  createServer,
  type IncomingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PRODUCER } from './facets';
import { OpenLineageEmitter } from './emitter';
import type { OpenLineageRunEvent } from './openLineageTypes';
import { buildRunEvent } from './runEvents';

jest.setTimeout(30_000);

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface TestServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1; `answer` decides each response (or never answers). */
async function startServer(
  answer: (request: number, res: ServerResponse) => void,
): Promise<TestServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
      });
      answer(received.length, res);
    });
  });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>(done => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

const ok = (res: ServerResponse) => {
  res.writeHead(201, { 'Content-Type': 'application/json' });
  res.end('{}');
};

const logger = () => ({ warn: jest.fn(), info: jest.fn(), debug: jest.fn() });
const warnings = (log: ReturnType<typeof logger>) =>
  log.warn.mock.calls.map(c => String(c[0]));

const event = (
  status: 'running' | 'succeeded' = 'running',
  runId = randomUUID(),
): OpenLineageRunEvent =>
  buildRunEvent(
    {
      runId,
      job: 'silver',
      status,
      eventTime: new Date().toISOString(),
      inputs: [{ table: 'bronze.purchases_raw' }],
      outputs: [
        {
          dataset: { table: 'silver.purchases' },
          rowCount: 10,
          snapshotId: '123',
        },
      ],
    },
    {
      jobNamespace: 'medallion',
      producer: DEFAULT_PRODUCER,
      naming: {
        kafkaBrokers: ['127.0.0.1:9092'],
        tables: { catalog: 'sql', warehouse: 'file:///srv/warehouse' },
      },
    },
  );

const servers: TestServer[] = [];
const emitters: OpenLineageEmitter[] = [];
async function serve(answer: (request: number, res: ServerResponse) => void) {
  const server = await startServer(answer);
  servers.push(server);
  return server;
}
function emitterFor(...args: ConstructorParameters<typeof OpenLineageEmitter>) {
  const emitter = new OpenLineageEmitter(...args);
  emitters.push(emitter);
  return emitter;
}
afterEach(async () => {
  await Promise.all(emitters.splice(0).map(e => e.close(100)));
  await Promise.all(servers.splice(0).map(s => s.close()));
});

describe('OpenLineageEmitter over HTTP', () => {
  it('POSTs each event as JSON to {url}/api/v1/lineage with the API key, in order', async () => {
    const server = await serve((_n, res) => ok(res));
    const log = logger();
    const emitter = emitterFor({
      transports: [{ type: 'http', url: `${server.url}/`, apiKey: 's3cret' }],
      logger: log,
    });
    const runId = randomUUID();
    const start = event('running', runId);
    const complete = event('succeeded', runId);
    emitter.emit(start);
    emitter.emit(complete);
    await expect(emitter.flush()).resolves.toBe(true);

    expect(server.received).toHaveLength(2);
    for (const r of server.received) {
      expect(r.method).toBe('POST');
      expect(r.path).toBe('/api/v1/lineage');
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers.authorization).toBe('Bearer s3cret');
    }
    expect(server.received.map(r => JSON.parse(r.body))).toEqual([
      start,
      complete,
    ]);
    expect(warnings(log)).toEqual([]);
  });

  it('sends no Authorization header without a key and honours a custom endpoint', async () => {
    const server = await serve((_n, res) => ok(res));
    const emitter = emitterFor({
      transports: [
        {
          type: 'http',
          url: `${server.url}/marquez`,
          endpoint: '/api/v2/events',
        },
      ],
      logger: logger(),
    });
    emitter.emit(event());
    await expect(emitter.flush()).resolves.toBe(true);
    expect(server.received.map(r => r.path)).toEqual([
      '/marquez/api/v2/events',
    ]);
    expect(server.received[0]!.headers.authorization).toBeUndefined();
  });

  it('retries with backoff: a server that fails twice then accepts gets the event', async () => {
    const server = await serve((n, res) => {
      if (n <= 2) {
        res.writeHead(503);
        res.end('busy');
      } else ok(res);
    });
    const log = logger();
    const emitter = emitterFor({
      transports: [
        { type: 'http', url: server.url, retries: 3, retryBackoffMs: 20 },
      ],
      logger: log,
    });
    const sent = event('succeeded');
    emitter.emit(sent);
    await expect(emitter.flush()).resolves.toBe(true);
    expect(server.received).toHaveLength(3);
    expect(new Set(server.received.map(r => r.body)).size).toBe(1);
    expect(JSON.parse(server.received[2]!.body)).toEqual(sent);
    expect(warnings(log)).toEqual([]);
  });

  it('gives up after its retries and logs why, without ever throwing', async () => {
    const server = await serve((_n, res) => {
      res.writeHead(500);
      res.end('database is down');
    });
    const log = logger();
    const emitter = emitterFor({
      transports: [
        { type: 'http', url: server.url, retries: 2, retryBackoffMs: 5 },
      ],
      logger: log,
    });
    const sent = event('succeeded');
    expect(() => emitter.emit(sent)).not.toThrow();
    await expect(emitter.flush()).resolves.toBe(true);
    expect(server.received).toHaveLength(3);
    expect(warnings(log)).toEqual([
      `OpenLineage: could not send the COMPLETE event of medallion/lakehouse.silver_processor run ${sent.run.runId} to HTTP ${server.url}/api/v1/lineage: HTTP 500: database is down (3 attempts); the event is dropped, the job is not affected`,
    ]);
  });

  it('does not retry an event the backend refuses (4xx)', async () => {
    const server = await serve((_n, res) => {
      res.writeHead(400);
      res.end('bad event');
    });
    const log = logger();
    const emitter = emitterFor({
      transports: [{ type: 'http', url: server.url, retryBackoffMs: 5 }],
      logger: log,
    });
    emitter.emit(event());
    await emitter.flush();
    expect(server.received).toHaveLength(1);
    expect(warnings(log)).toEqual([
      expect.stringMatching(/HTTP 400: bad event; the event is dropped/),
    ]);
  });

  it('times out on a server that never answers; the job runs on undisturbed', async () => {
    const server = await serve(() => {
      // never answers
    });
    const log = logger();
    const emitter = emitterFor({
      transports: [
        {
          type: 'http',
          url: server.url,
          timeoutMs: 150,
          retries: 1,
          retryBackoffMs: 10,
        },
      ],
      logger: log,
    });

    // A job that reports its start and end around some work.
    const runId = randomUUID();
    const job = async () => {
      const t0 = Date.now();
      emitter.emit(event('running', runId));
      const emitStart = Date.now() - t0;
      let sum = 0;
      for (let i = 0; i < 1e5; i++) sum += i;
      const t1 = Date.now();
      emitter.emit(event('succeeded', runId));
      return { sum, emitMs: emitStart + (Date.now() - t1) };
    };
    const result = await job();
    expect(result.sum).toBe(4999950000);
    expect(result.emitMs).toBeLessThan(50);

    await expect(emitter.flush(10_000)).resolves.toBe(true);
    expect(server.received).toHaveLength(4); // two events, two attempts each
    const warned = warnings(log);
    expect(warned).toHaveLength(2);
    expect(warned[0]).toMatch(
      /could not send the START event .* no answer within 150 ms \(2 attempts\)/,
    );
    expect(warned[1]).toMatch(/could not send the COMPLETE event/);
  });

  it('logs a clear message when nothing listens at the URL', async () => {
    const gone = await startServer(() => {});
    await gone.close();
    const log = logger();
    const emitter = emitterFor({
      transports: [
        { type: 'http', url: gone.url, retries: 1, retryBackoffMs: 5 },
      ],
      logger: log,
    });
    emitter.emit(event());
    await emitter.flush();
    expect(warnings(log)).toEqual([
      expect.stringMatching(
        /: fetch failed \(connect ECONNREFUSED 127\.0\.0\.1:\d+\) \(2 attempts\); the event is dropped/,
      ),
    ]);
  });

  it('bounds its queue: past the limit the oldest waiting event is dropped', async () => {
    const held: ServerResponse[] = [];
    const server = await serve((_n, res) => held.push(res));
    const log = logger();
    const emitter = emitterFor({
      transports: [{ type: 'http', url: server.url, timeoutMs: 10_000 }],
      logger: log,
      maxQueueSize: 2,
    });
    const sent = [1, 2, 3, 4, 5].map(() => event());
    for (const e of sent) emitter.emit(e);
    expect(warnings(log)).toEqual([
      expect.stringMatching(
        new RegExp(
          `is behind \\(2 events waiting\\); dropped the START event .* run ${
            sent[1]!.run.runId
          }`,
        ),
      ),
      expect.stringMatching(new RegExp(`run ${sent[2]!.run.runId}$`)),
    ]);
    // Release the held request, then answer the rest at once.
    const release = setInterval(() => held.splice(0).forEach(ok), 10);
    try {
      await expect(emitter.flush()).resolves.toBe(true);
    } finally {
      clearInterval(release);
    }
    expect(server.received.map(r => JSON.parse(r.body).run.runId)).toEqual([
      sent[0]!.run.runId,
      sent[3]!.run.runId,
      sent[4]!.run.runId,
    ]);
  });

  it('close() waits a bounded time, then abandons a hanging send', async () => {
    const server = await serve(() => {});
    const log = logger();
    const emitter = new OpenLineageEmitter({
      transports: [
        { type: 'http', url: server.url, timeoutMs: 60_000, retries: 5 },
      ],
      logger: log,
    });
    emitter.emit(event());
    const t0 = Date.now();
    await emitter.close(300);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(warnings(log)).toEqual([
      'OpenLineage: gave up on 0 queued event(s) and any send in progress after waiting 300 ms at shutdown',
      expect.stringMatching(
        /could not send .*: abandoned at shutdown \(1 attempt\); the event is dropped/,
      ),
    ]);
    emitter.emit(event());
    expect(warnings(log)[2]).toMatch(
      /the emitter is closed; dropped the START/,
    );
  });

  it('refuses a transport configuration it cannot use', () => {
    expect(
      () =>
        new OpenLineageEmitter({
          transports: [{ type: 'http', url: 'ftp://lineage.example' }],
          logger: logger(),
        }),
    ).toThrow(/invalid OpenLineage transport: url/);
    expect(
      () =>
        new OpenLineageEmitter({
          transports: [{ type: 'file', path: '' }],
          logger: logger(),
        }),
    ).toThrow(/invalid OpenLineage transport: path/);
  });
});

describe('OpenLineageEmitter to a local JSON Lines file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'medallion-openlineage-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends one event per line, creating the directory', async () => {
    const path = join(dir, 'nested', 'openlineage', 'events.jsonl');
    const first = emitterFor({
      transports: [{ type: 'file', path }],
      logger: logger(),
    });
    const sent = [event('running'), event('succeeded'), event('running')];
    for (const e of sent) first.emit(e);
    await expect(first.flush()).resolves.toBe(true);

    const second = emitterFor({
      transports: [{ type: 'file', path }],
      logger: logger(),
    });
    const more = event('succeeded');
    second.emit(more);
    await second.flush();

    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map(l => JSON.parse(l))).toEqual([...sent, more]);
  });

  it('rolls the file over to <path>.1 past maxBytes, keeping every event once', async () => {
    const path = join(dir, 'events.jsonl');
    const sent = Array.from({ length: 12 }, (_, i) =>
      event(i % 2 ? 'succeeded' : 'running'),
    );
    const longest = Math.max(
      ...sent.map(e => Buffer.byteLength(`${JSON.stringify(e)}\n`)),
    );
    // Room for four to five events per file: two roll-overs over twelve events.
    const maxBytes = longest * 5;
    const emitter = emitterFor({
      transports: [{ type: 'file', path, maxBytes }],
      logger: logger(),
    });
    for (const e of sent) emitter.emit(e);
    await expect(emitter.flush()).resolves.toBe(true);
    const read = (p: string) =>
      readFileSync(p, 'utf8')
        .trim()
        .split('\n')
        .map(l => JSON.parse(l));
    const current = read(path);
    const previous = read(`${path}.1`);
    expect(statSync(path).size).toBeLessThanOrEqual(maxBytes);
    expect(statSync(`${path}.1`).size).toBeLessThanOrEqual(maxBytes);
    expect(previous.length).toBeGreaterThanOrEqual(4);
    expect(previous.length + current.length).toBeLessThan(sent.length);
    // The newest events, in order: the file before the last roll-over, then the current.
    expect([...previous, ...current]).toEqual(
      sent.slice(sent.length - previous.length - current.length),
    );
  });

  it('keeps logging to the file while the HTTP backend fails', async () => {
    const server = await serve((_n, res) => {
      res.writeHead(502);
      res.end();
    });
    const path = join(dir, 'events.jsonl');
    const log = logger();
    const emitter = emitterFor({
      transports: [
        { type: 'http', url: server.url, retries: 0 },
        { type: 'file', path },
      ],
      logger: log,
    });
    const sent = event('succeeded');
    emitter.emit(sent);
    await emitter.flush();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(sent);
    expect(warnings(log)).toEqual([expect.stringMatching(/HTTP 502/)]);
  });

  it('logs, and does not throw, when the file cannot be written', async () => {
    const blocker = join(dir, 'not-a-dir');
    // A file where the directory should be.
    writeFileSync(blocker, 'x');
    const log = logger();
    const emitter = emitterFor({
      transports: [{ type: 'file', path: join(blocker, 'events.jsonl') }],
      logger: log,
    });
    expect(() => emitter.emit(event())).not.toThrow();
    await emitter.flush();
    expect(warnings(log)).toEqual([
      expect.stringMatching(
        /could not send the START event .* to file .*not-a-dir.*(EEXIST|ENOTDIR)/,
      ),
    ]);
  });
});
