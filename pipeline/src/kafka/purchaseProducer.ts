/**
 * Streams the seeded purchase generator into Kafka: events keyed by customer_id to
 * the purchases topic, ground-truth labels keyed by event_id to the labels topic,
 * both in one request per batch. Paced by event time (live) or as fast as the broker
 * takes it (`maxSpeed`), bounded by a duration or a count, stoppable at any moment
 * through an AbortSignal with the batch in flight completed.
 */
import {
  CompressionTypes,
  Partitioners,
  type Kafka,
  type Message,
  type Producer,
} from 'kafkajs';
import type { GeneratorOptions } from '../events/generator';
import { localRecordSource, workerRecordSource } from '../events/recordSource';
import type { MalformedKind } from '../events/malformed';

export interface ProduceOptions extends GeneratorOptions {
  topic: string;
  labelsTopic: string;
  /** Stop after this many seconds of wall time. */
  durationSec?: number;
  /** Stop after this many records (events, valid or malformed). */
  count?: number;
  /** Ignore event-time pacing and send as fast as possible. */
  maxSpeed?: boolean;
  /** Records per request, at most. */
  batchSize?: number;
  compression?: 'none' | 'gzip';
  /**
   * Where events are generated: a worker thread (default at max speed or ≥ 2000 ev/s,
   * so generation and Kafka encoding use two cores) or this thread.
   */
  generateIn?: 'worker' | 'main';
}

export interface ProduceStats {
  sent: number;
  bytes: number;
  labels: number;
  malformed: Partial<Record<MalformedKind, number>>;
  /** Failed send attempts (each retried; a batch that keeps failing aborts the run). */
  errors: number;
  elapsedMs: number;
  /** Event time of the last record sent. */
  lastEventTs?: string;
}

export interface ProduceHooks {
  signal?: AbortSignal;
  onProgress?: (stats: Readonly<ProduceStats>) => void;
  /** How often onProgress fires, ms. */
  progressIntervalMs?: number;
}

export type StopReason = 'duration' | 'count' | 'signal';

const MAX_SEND_ATTEMPTS = 5;
/**
 * Payload bytes per request, at most (plus one record): the broker refuses a partition's
 * record batch over message.max.bytes (1 MiB by default), which oversized malformed
 * records at a high malformed rate would otherwise reach with the default batch size.
 */
const MAX_REQUEST_BYTES = 512 * 1024;
const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

export function createPurchaseProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    // The idempotent producer needs one request in flight to keep per-partition order.
    maxInFlightRequests: 1,
    // Java-compatible murmur2 partitioning, so keys land where other clients put them.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

export async function producePurchases(
  producer: Producer,
  options: ProduceOptions,
  hooks: ProduceHooks = {},
): Promise<{ stats: ProduceStats; reason: StopReason }> {
  if (options.durationSec === undefined && options.count === undefined) {
    throw new Error(
      'set durationSec or count: the producer never runs unbounded',
    );
  }
  const batchSize = options.batchSize ?? 2000;
  const useWorker = options.generateIn
    ? options.generateIn === 'worker'
    : options.maxSpeed || options.rate >= 2000;
  const source = useWorker
    ? workerRecordSource(options)
    : localRecordSource(options);
  const chunkSize = Math.max(batchSize, 500);
  const compression =
    options.compression === 'gzip'
      ? CompressionTypes.GZIP
      : CompressionTypes.None;
  const stats: ProduceStats = {
    sent: 0,
    bytes: 0,
    labels: 0,
    malformed: {},
    errors: 0,
    elapsedMs: 0,
  };
  const startWall = Date.now();
  const deadline =
    options.durationSec !== undefined
      ? startWall + options.durationSec * 1000
      : Infinity;
  const limit = options.count ?? Infinity;
  const progressEvery = hooks.progressIntervalMs ?? 1000;
  let lastProgress = startWall;
  let generated = 0;
  let inFlight: Promise<void> | undefined;
  let reason: StopReason | undefined;

  // One chunk in hand, the next one being generated meanwhile.
  let chunk = await source.next(chunkSize);
  let prefetch = source.next(chunkSize);
  let i = 0;

  const dueAt = (tsMs: number) => startWall + (tsMs - options.startMs);

  const send = async (
    events: Message[],
    labels: Message[],
    batchBytes: number,
    last?: string,
  ) => {
    const topicMessages = [{ topic: options.topic, messages: events }];
    if (labels.length > 0)
      topicMessages.push({ topic: options.labelsTopic, messages: labels });
    for (let attempt = 1; ; attempt++) {
      try {
        await producer.sendBatch({ topicMessages, acks: -1, compression });
        break;
      } catch (error) {
        stats.errors++;
        if (attempt >= MAX_SEND_ATTEMPTS) throw error;
        await sleep(Math.min(200 * 2 ** attempt, 5000));
      }
    }
    stats.sent += events.length;
    stats.labels += labels.length;
    stats.bytes += batchBytes;
    if (last) stats.lastEventTs = last;
  };

  try {
    for (;;) {
      const now = Date.now();
      if (hooks.signal?.aborted) reason = 'signal';
      else if (now >= deadline) reason = 'duration';
      else if (generated >= limit) reason = 'count';
      if (reason) break;

      const events: Message[] = [];
      const labels: Message[] = [];
      let batchBytes = 0;
      let lastTs: string | undefined;
      while (
        events.length < batchSize &&
        batchBytes < MAX_REQUEST_BYTES &&
        generated < limit &&
        (options.maxSpeed || dueAt(chunk.tsMs[i]!) <= now)
      ) {
        const value = chunk.values[i]!;
        events.push({ key: chunk.keys[i]!, value });
        batchBytes += value.length;
        const kind = chunk.malformed[i];
        if (kind) stats.malformed[kind] = (stats.malformed[kind] ?? 0) + 1;
        else lastTs = chunk.eventTs[i];
        const label = chunk.labels[i];
        if (label)
          labels.push({ key: JSON.parse(label).event_id, value: label });
        generated++;
        if (++i === chunk.keys.length) {
          chunk = await prefetch;
          prefetch = source.next(chunkSize);
          i = 0;
        }
      }

      if (events.length === 0) {
        // Nothing due yet: wait for the next record's time (or the deadline), in small steps.
        await sleep(
          Math.max(
            1,
            Math.min(dueAt(chunk.tsMs[i]!) - now, deadline - now, 50),
          ),
        );
      } else {
        // One request in flight; the next batch is assembled while this one travels.
        if (inFlight) await inFlight;
        inFlight = send(events, labels, batchBytes, lastTs);
        // Observed at the next await; this only keeps Node from reporting it as unhandled.
        inFlight.catch(() => undefined);
      }

      stats.elapsedMs = Date.now() - startWall;
      if (hooks.onProgress && Date.now() - lastProgress >= progressEvery) {
        lastProgress = Date.now();
        hooks.onProgress(stats);
      }
    }
    if (inFlight) await inFlight;
  } finally {
    stats.elapsedMs = Date.now() - startWall;
    prefetch.catch(() => undefined);
    await source.close();
  }
  return { stats, reason: reason ?? 'signal' };
}
