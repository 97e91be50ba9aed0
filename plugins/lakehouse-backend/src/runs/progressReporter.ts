import type { RunProgress } from '@medallion/plugin-lakehouse-common';
import type { JobProgressUpdate } from './jobDefinition';

const MAX_MESSAGE_LENGTH = 500;

export interface ProgressReporterOptions {
  /** Minimum time between two writes. */
  intervalMs: number;
  write(progress: RunProgress): Promise<void>;
  /** A failed write is reported, never thrown into the job. */
  onWriteError(error: unknown): void;
  now?: () => number;
}

/**
 * Keeps a run's latest progress in memory and writes it at most once per
 * interval (the newest value wins); the final value goes with the run's result.
 */
export class ProgressReporter {
  readonly #options: ProgressReporterOptions;
  readonly #now: () => number;
  #latest: RunProgress | null = null;
  #dirty = false;
  #closed = false;
  #lastWriteAt = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> | undefined;

  constructor(options: ProgressReporterOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  report(update: JobProgressUpdate): void {
    if (this.#closed) return;
    this.#latest = normalizeProgress(update, this.#now());
    this.#dirty = true;
    this.#schedule();
  }

  get latest(): RunProgress | null {
    return this.#latest;
  }

  /** Stops writing, waits for a write in flight and returns the latest progress. */
  async close(): Promise<RunProgress | null> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#writing;
    return this.#latest;
  }

  #schedule(): void {
    if (this.#closed || this.#timer || this.#writing) return;
    const delay = Math.max(
      0,
      this.#lastWriteAt + this.#options.intervalMs - this.#now(),
    );
    this.#timer = setTimeout(() => this.#flush(), delay);
  }

  #flush(): void {
    this.#timer = undefined;
    const progress = this.#latest;
    if (this.#closed || !this.#dirty || !progress) return;
    this.#dirty = false;
    this.#lastWriteAt = this.#now();
    this.#writing = this.#options
      .write(progress)
      .catch(error => this.#options.onWriteError(error))
      .finally(() => {
        this.#writing = undefined;
        if (this.#dirty) this.#schedule();
      });
  }
}

export function normalizeProgress(
  update: JobProgressUpdate,
  now: number,
): RunProgress {
  const message = String(update.message ?? '');
  const fraction =
    typeof update.fraction === 'number' && Number.isFinite(update.fraction)
      ? Math.min(1, Math.max(0, update.fraction))
      : null;
  const counters: Record<string, number> = {};
  for (const [name, value] of Object.entries(update.counters ?? {})) {
    if (typeof value === 'number' && Number.isFinite(value)) {
      counters[name] = value;
    }
  }
  return {
    message:
      message.length > MAX_MESSAGE_LENGTH
        ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…`
        : message,
    fraction,
    counters,
    updatedAt: new Date(now).toISOString(),
  };
}
