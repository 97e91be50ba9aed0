/**
 * Keeps silver following bronze: runs the silver processor whenever bronze may have
 * changed — at once when woken (the ingester in the same process calls `wake()` after each
 * commit, so freshness is not bounded below by a polling interval), and every `intervalMs`
 * otherwise (bronze written by another process). Runs never overlap; a wake during a run
 * triggers one more run right after it.
 */
import type { SilverProcessor, SilverRunResult } from './silverProcessor';

export interface SilverFollowerOptions {
  /** Poll interval when nobody wakes the follower, ms (default 2000). */
  intervalMs?: number;
  onRun?: (result: SilverRunResult, durationMs: number) => void;
  onError?: (error: Error) => void;
}

export class SilverFollower {
  private stopped = false;
  private pending = false;
  private wakeUp?: () => void;
  private loop?: Promise<void>;

  constructor(
    private readonly processor: SilverProcessor,
    private readonly options: SilverFollowerOptions = {},
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Bronze changed: run again as soon as the current run (if any) is done. */
  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  /**
   * Finishes the run in progress and stops; with `finalRun` (default) silver then catches
   * up with what bronze holds now (call it after the ingester stopped).
   */
  async stop(options: { finalRun?: boolean } = {}): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.loop;
    if (options.finalRun !== false) while (await this.runOnce());
  }

  /** One run; true if bronze holds more than the run took (bounded batches). */
  private async runOnce(): Promise<boolean> {
    const started = performance.now();
    try {
      const result = await this.processor.runOnce();
      this.options.onRun?.(result, performance.now() - started);
      return result.more === true;
    } catch (error) {
      this.options.onError?.(error as Error);
      return false;
    }
  }

  private async run(): Promise<void> {
    const interval = this.options.intervalMs ?? 2000;
    while (!this.stopped) {
      this.pending = false;
      const more = await this.runOnce();
      if (more || this.pending || this.stopped) continue;
      await new Promise<void>(resolve => {
        const timer = setTimeout(done, interval);
        this.wakeUp = done;
        function done() {
          clearTimeout(timer);
          resolve();
        }
      });
      this.wakeUp = undefined;
    }
  }
}
