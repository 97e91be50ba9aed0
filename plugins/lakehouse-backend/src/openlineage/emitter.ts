/**
 * Sends OpenLineage events without ever holding up or failing a job: `emit` queues the
 * event for each transport and returns; each transport sends its queue in order (a run's
 * START before its COMPLETE) with retries; failures are logged and the event dropped.
 *
 * Transports follow the OpenLineage clients' HTTP and file transports: HTTP POSTs the
 * JSON event to `{url}/{endpoint}` with endpoint `api/v1/lineage` by default and an
 * optional `Authorization: Bearer <apiKey>` (openlineage-python `HttpConfig`: endpoint
 * "api/v1/lineage", timeout 5 s, retries on 500/502/503/504 with backoff); the file
 * transport appends one JSON document per line.
 */
import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { z } from 'zod';
import type { OpenLineageRunEvent } from './openLineageTypes';

/** The logger calls the emitter makes (a Backstage LoggerService fits). */
export type OpenLineageLogger = Pick<LoggerService, 'warn' | 'info' | 'debug'>;

const httpTransportSchema = z
  .object({
    type: z.literal('http'),
    /** Base URL of the lineage backend, e.g. `http://marquez:5000`. */
    url: z.url({ protocol: /^https?$/ }),
    endpoint: z.string().default('api/v1/lineage'),
    apiKey: z.string().min(1).optional(),
    /** Per attempt. */
    timeoutMs: z.number().int().positive().default(5_000),
    /** Attempts after the first one, for network errors, timeouts, 429 and 5xx. */
    retries: z.number().int().min(0).max(10).default(3),
    /** Wait before retry n (0-based) is backoff × 2^n. */
    retryBackoffMs: z.number().int().min(0).default(500),
  })
  .strict();

const fileTransportSchema = z
  .object({
    type: z.literal('file'),
    /** JSON Lines file the events are appended to; its directory is created. */
    path: z.string().min(1),
    /**
     * Past this size the file is renamed to `<path>.1` (replacing the previous one) and a
     * new one begins: silver runs every few seconds, and an unbounded log fills a disk.
     */
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .default(64 * 1024 * 1024),
  })
  .strict();

export const openLineageTransportSchema = z.discriminatedUnion('type', [
  httpTransportSchema,
  fileTransportSchema,
]);

export type OpenLineageTransportConfig = z.input<
  typeof openLineageTransportSchema
>;

export interface OpenLineageEmitterOptions {
  transports: OpenLineageTransportConfig[];
  logger: OpenLineageLogger;
  /** Events waiting per transport; past it the oldest is dropped. Default 1000. */
  maxQueueSize?: number;
}

interface Transport {
  /** For log lines, e.g. `HTTP http://marquez:5000/api/v1/lineage`. */
  readonly describe: string;
  send(body: string, signal: AbortSignal): Promise<void>;
}

/** An error not worth retrying (the backend refused the event). */
class PermanentError extends Error {}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>(done => {
    if (signal.aborted) {
      done();
      return;
    }
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      done();
    }
    signal.addEventListener('abort', finish, { once: true });
  });

/** The message of an error and of its cause (fetch's network errors hide the reason there). */
const describeError = (error: unknown): string => {
  // Duck-typed: errors from Node's fetch may come from another realm than ours.
  const messageOf = (e: unknown) =>
    typeof e === 'object' && e !== null && 'message' in e
      ? String((e as { message: unknown }).message)
      : undefined;
  const message = messageOf(error) ?? String(error);
  const cause = messageOf((error as { cause?: unknown } | null)?.cause);
  return cause && cause !== message ? `${message} (${cause})` : message;
};

class HttpTransport implements Transport {
  readonly describe: string;
  private readonly target: string;

  constructor(private readonly config: z.output<typeof httpTransportSchema>) {
    const base = config.url.replace(/\/+$/, '');
    const endpoint = config.endpoint.replace(/^\/+/, '');
    this.target = endpoint ? `${base}/${endpoint}` : base;
    this.describe = `HTTP ${this.target}`;
  }

  async send(body: string, signal: AbortSignal): Promise<void> {
    const { retries, retryBackoffMs } = this.config;
    let lastError: unknown = 'stopped before the first attempt';
    let attempts = 0;
    while (attempts <= retries && !signal.aborted) {
      if (attempts > 0) {
        await sleep(retryBackoffMs * 2 ** (attempts - 1), signal);
        if (signal.aborted) break;
      }
      attempts++;
      try {
        await this.post(body, signal);
        return;
      } catch (error) {
        if (error instanceof PermanentError) throw error;
        lastError = error;
      }
    }
    throw new Error(
      `${describeError(lastError)} (${attempts} attempt${
        attempts === 1 ? '' : 's'
      })`,
    );
  }

  private async post(body: string, stop: AbortSignal): Promise<void> {
    const controller = new AbortController();
    const timedOut = { value: false };
    const timer = setTimeout(() => {
      timedOut.value = true;
      controller.abort();
    }, this.config.timeoutMs);
    const onStop = () => controller.abort();
    stop.addEventListener('abort', onStop, { once: true });
    try {
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
      };
      if (this.config.apiKey) {
        headers.Authorization = `Bearer ${this.config.apiKey}`;
      }
      const response = await fetch(this.target, {
        method: 'POST',
        headers,
        body,
        signal: controller.signal,
      });
      // Read the body so the connection can be reused; keep a little for the log.
      const text = (await response.text()).slice(0, 200);
      if (response.ok) return;
      const message = `HTTP ${response.status}${text ? `: ${text}` : ''}`;
      if (response.status === 429 || response.status >= 500) {
        throw new Error(message);
      }
      throw new PermanentError(message);
    } catch (error) {
      if (timedOut.value) {
        throw new Error(`no answer within ${this.config.timeoutMs} ms`);
      }
      if (stop.aborted) throw new Error('abandoned at shutdown');
      throw error;
    } finally {
      clearTimeout(timer);
      stop.removeEventListener('abort', onStop);
    }
  }
}

class FileTransport implements Transport {
  readonly describe: string;
  private readonly path: string;
  private readonly maxBytes: number;
  /** Bytes in the current file; undefined until first measured. */
  private size: number | undefined;

  constructor(config: z.output<typeof fileTransportSchema>) {
    this.path = resolve(config.path);
    this.maxBytes = config.maxBytes;
    this.describe = `file ${this.path}`;
  }

  async send(body: string): Promise<void> {
    const line = `${body}\n`;
    if (this.size === undefined) {
      await mkdir(dirname(this.path), { recursive: true });
      this.size = await stat(this.path).then(
        s => s.size,
        () => 0,
      );
    }
    if (this.size > 0 && this.size + line.length > this.maxBytes) {
      await rename(this.path, `${this.path}.1`);
      this.size = 0;
    }
    await appendFile(this.path, line, 'utf8');
    this.size += Buffer.byteLength(line);
  }
}

interface Queued {
  body: string;
  what: string;
}

/** One transport's queue, sent one event at a time, in order. */
class TransportQueue {
  private readonly items: Queued[] = [];
  private sending = false;
  private idleWaiters: Array<() => void> = [];
  private readonly stop = new AbortController();

  constructor(
    private readonly transport: Transport,
    private readonly logger: OpenLineageLogger,
    private readonly maxSize: number,
  ) {}

  push(item: Queued): void {
    if (this.items.length >= this.maxSize) {
      const dropped = this.items.shift();
      this.logger.warn(
        `OpenLineage: ${this.transport.describe} is behind (${this.maxSize} events waiting); dropped the ${dropped?.what}`,
      );
    }
    this.items.push(item);
    if (!this.sending) void this.drain();
  }

  get idle(): boolean {
    return !this.sending && this.items.length === 0;
  }

  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise(done => this.idleWaiters.push(done));
  }

  /** Stops retrying and drops what is still queued. */
  abort(): number {
    const dropped = this.items.length;
    this.items.length = 0;
    this.stop.abort();
    return dropped;
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      for (let item = this.items.shift(); item; item = this.items.shift()) {
        try {
          await this.transport.send(item.body, this.stop.signal);
          this.logger.debug(
            `OpenLineage: sent the ${item.what} to ${this.transport.describe}`,
          );
        } catch (error) {
          this.logger.warn(
            `OpenLineage: could not send the ${item.what} to ${
              this.transport.describe
            }: ${describeError(
              error,
            )}; the event is dropped, the job is not affected`,
          );
        }
      }
    } finally {
      this.sending = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const done of waiters) done();
    }
  }
}

/** Emits OpenLineage events to the configured transports, in the background. */
export class OpenLineageEmitter {
  private readonly queues: TransportQueue[];
  private readonly logger: OpenLineageLogger;
  private closed = false;

  constructor(options: OpenLineageEmitterOptions) {
    this.logger = options.logger;
    const maxSize = options.maxQueueSize ?? 1000;
    this.queues = options.transports.map(raw => {
      const parsed = openLineageTransportSchema.safeParse(raw);
      if (!parsed.success) {
        const problems = parsed.error.issues
          .map(i => `${i.path.join('.') || '(transport)'}: ${i.message}`)
          .join('; ');
        throw new Error(`invalid OpenLineage transport: ${problems}`);
      }
      const config = parsed.data;
      const transport =
        config.type === 'http'
          ? new HttpTransport(config)
          : new FileTransport(config);
      this.logger.info(`OpenLineage: events go to ${transport.describe}`);
      return new TransportQueue(transport, this.logger, maxSize);
    });
  }

  /** Queues the event for every transport and returns at once; never throws. */
  emit(event: OpenLineageRunEvent): void {
    const what = `${event.eventType} event of ${event.job.namespace}/${event.job.name} run ${event.run.runId}`;
    if (this.closed) {
      this.logger.warn(
        `OpenLineage: the emitter is closed; dropped the ${what}`,
      );
      return;
    }
    let body: string;
    try {
      body = JSON.stringify(event);
    } catch (error) {
      this.logger.warn(
        `OpenLineage: could not serialise the ${what}: ${describeError(error)}`,
      );
      return;
    }
    for (const queue of this.queues) queue.push({ body, what });
  }

  /** Waits until every queued event was sent or given up on, at most `timeoutMs`; true when all done. */
  async flush(timeoutMs = 10_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>(done => {
      timer = setTimeout(() => done(false), timeoutMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([
        Promise.all(this.queues.map(q => q.whenIdle())).then(() => true),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Stops taking events, waits up to `timeoutMs` for the queues, then abandons the rest
   * (logged) so shutdown is never held up by an unreachable lineage backend.
   */
  async close(timeoutMs = 10_000): Promise<void> {
    this.closed = true;
    if (await this.flush(timeoutMs)) return;
    let dropped = 0;
    for (const queue of this.queues) dropped += queue.abort();
    this.logger.warn(
      `OpenLineage: gave up on ${dropped} queued event(s) and any send in progress after waiting ${timeoutMs} ms at shutdown`,
    );
    // Aborted sends settle promptly; let them finish logging.
    await this.flush(1_000);
  }
}
