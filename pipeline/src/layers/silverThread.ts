/**
 * The silver follower on a worker thread, for processes that also ingest: the Kafka
 * consumer and bronze commits keep the main thread busy, silver's parsing, validation and
 * Parquet encoding get a core of their own. Same contract as SilverFollower: wake() after
 * each bronze commit, stop() finishes and optionally catches up.
 */
import type { Worker } from 'node:worker_threads';
import type { LakehouseSettings } from '../config';
import { startModuleWorker } from '../workerThread';
import type { SilverFollowerOptions } from './silverFollower';
import type { SilverOptions, SilverRunResult } from './silverProcessor';

export type SilverThreadCommand =
  | { type: 'wake' }
  | { type: 'stop'; finalRun?: boolean };

export type SilverThreadMessage =
  | { type: 'run'; result: SilverRunResult; durationMs: number }
  | { type: 'error'; message: string }
  | { type: 'stopped' };

export interface SilverThreadOptions extends SilverFollowerOptions {
  lakehouse: LakehouseSettings;
  silver?: Omit<SilverOptions, 'catalog'>;
}

const SILVER_YOUNG_GENERATION_MB = Number(
  process.env.MEDALLION_SILVER_YOUNG_MB ?? 16,
);

export class SilverThread {
  private worker?: Worker;
  private stopped?: Promise<void>;

  constructor(private readonly options: SilverThreadOptions) {}

  start(): void {
    if (this.worker) return;
    const { lakehouse, silver = {}, intervalMs } = this.options;
    const worker = startModuleWorker(
      require.resolve('./silverWorker'),
      { lakehouse, silver, intervalMs },
      // Silver allocates many short-lived objects per event (parsed JSON, typed rows): a
      // larger young generation lets most of them die there instead of being promoted.
      { maxYoungGenerationSizeMb: SILVER_YOUNG_GENERATION_MB },
    );
    worker.on('message', (m: SilverThreadMessage) => {
      if (m.type === 'run') this.options.onRun?.(m.result, m.durationMs);
      else if (m.type === 'error') this.options.onError?.(new Error(m.message));
    });
    worker.on('error', e => this.options.onError?.(e));
    // A worker that dies (out of memory, a crash in native code) must not leave silver
    // silently stopped: report it and start a new one, which resumes from the watermarks.
    worker.on('exit', code => {
      if (this.stopped || this.worker !== worker) return;
      this.options.onError?.(
        new Error(`the silver worker exited with code ${code}; restarting it`),
      );
      this.worker = undefined;
      setTimeout(() => {
        if (!this.stopped) this.start();
      }, 1000);
    });
    this.worker = worker;
  }

  wake(): void {
    this.worker?.postMessage({ type: 'wake' } satisfies SilverThreadCommand);
  }

  async stop(options: { finalRun?: boolean } = {}): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.stopped ??= new Promise<void>(resolve => {
      const done = () => {
        worker.terminate().finally(resolve);
      };
      worker.on('message', (m: SilverThreadMessage) => {
        if (m.type === 'stopped') done();
      });
      worker.once('exit', () => resolve());
      worker.postMessage({
        type: 'stop',
        finalRun: options.finalRun,
      } satisfies SilverThreadCommand);
    });
    await this.stopped;
  }
}
