/**
 * Generated records in chunks, made either on the calling thread or in a worker
 * thread. At high rates generation (JSON, UUIDs, sampling) and the Kafka client's
 * encoding each need most of a core; a worker lets them run side by side. Both
 * sources wrap the same seeded generator, so they yield identical records.
 */
import { startModuleWorker } from '../workerThread';
import { PurchaseGenerator, type GeneratorOptions } from './generator';
import type { MalformedKind } from './malformed';

/** Records in event-time order, as parallel arrays (cheap to pass between threads). */
export interface RecordChunk {
  keys: string[];
  values: string[];
  tsMs: number[];
  /** Serialized ground-truth label per record, or null. */
  labels: Array<string | null>;
  /** Malformed kind per record, or null for a valid event. */
  malformed: Array<MalformedKind | null>;
  /** event_ts per record (also for malformed ones, before corruption). */
  eventTs: string[];
}

export interface RecordSource {
  /** The next `size` records; calls may overlap (they are served in order). */
  next(size: number): Promise<RecordChunk>;
  close(): Promise<void>;
}

export function takeChunk(
  generator: PurchaseGenerator,
  size: number,
): RecordChunk {
  const chunk: RecordChunk = {
    keys: [],
    values: [],
    tsMs: [],
    labels: [],
    malformed: [],
    eventTs: [],
  };
  for (let i = 0; i < size; i++) {
    const r = generator.next();
    chunk.keys.push(r.key);
    chunk.values.push(r.value);
    chunk.tsMs.push(r.tsMs);
    chunk.labels.push(r.label ? JSON.stringify(r.label) : null);
    chunk.malformed.push(r.malformed ?? null);
    chunk.eventTs.push(r.event.event_ts);
  }
  return chunk;
}

export function localRecordSource(options: GeneratorOptions): RecordSource {
  const generator = new PurchaseGenerator(options);
  return {
    next: async size => takeChunk(generator, size),
    close: async () => undefined,
  };
}

export function workerRecordSource(options: GeneratorOptions): RecordSource {
  const worker = startModuleWorker(require.resolve('./recordWorker'), {
    options,
  });
  const waiting: Array<{
    resolve: (c: RecordChunk) => void;
    reject: (e: Error) => void;
  }> = [];
  let failure: Error | undefined;
  worker.on('message', (chunk: RecordChunk) => waiting.shift()?.resolve(chunk));
  const fail = (error: Error) => {
    failure = error;
    for (const w of waiting.splice(0)) w.reject(error);
  };
  worker.on('error', fail);
  worker.on('exit', code => {
    if (code !== 0)
      fail(new Error(`the record generator worker exited with code ${code}`));
  });
  return {
    next(size) {
      if (failure) return Promise.reject(failure);
      return new Promise<RecordChunk>((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(size);
      });
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
