/** Jobs the run tests control from outside: they run until released or aborted. */
import type { JobName, RunOutput } from '@medallion/plugin-lakehouse-common';
import { z } from 'zod';
import type { JobContext, JobDefinition } from '../jobDefinition';

export interface TestJobParams {
  rate: number;
  label?: string;
}

export const testJobParamsSchema = z
  .object({
    rate: z.number().positive().default(1),
    label: z.string().max(5).optional(),
  })
  .strict();

export function output(summary: string | null = null): RunOutput {
  return { rows: { accepted: 3 }, snapshots: [], summary };
}

export interface ControlledJob {
  definition: JobDefinition<TestJobParams>;
  /** Contexts of the runs started so far, in order. */
  contexts: Array<JobContext<TestJobParams>>;
  /** Resolves when the n-th run (1-based) has started. */
  started(n?: number): Promise<JobContext<TestJobParams>>;
  /** Ends every waiting run with this output. */
  release(result?: RunOutput): void;
  /** Ends every waiting run by throwing this. */
  fail(thrown: unknown): void;
}

/**
 * A job that waits until released, failed, or aborted. On abort it throws the
 * signal's reason, or resolves (a clean stop) with `onAbort: 'resolve'`, or keeps
 * running with `onAbort: 'ignore'`.
 */
export function controlledJob(
  name: JobName,
  options: {
    kind?: JobDefinition['kind'];
    enabled?: boolean;
    disabledReason?: string;
    onAbort?: 'throw' | 'resolve' | 'ignore';
  } = {},
): ControlledJob {
  const contexts: Array<JobContext<TestJobParams>> = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let settle: { output: RunOutput } | { thrown: unknown } | undefined;
  const pending: Array<() => void> = [];
  const onAbort = options.onAbort ?? 'throw';

  const definition: JobDefinition<TestJobParams> = {
    name,
    title: `Test job ${name}`,
    description: 'A job the test controls',
    kind: options.kind ?? 'on-demand',
    enabled: options.enabled ?? true,
    disabledReason: options.disabledReason,
    paramsSchema: testJobParamsSchema,
    parameters: [
      {
        name: 'rate',
        type: 'number',
        description: 'How fast',
        default: 1,
      },
      {
        name: 'label',
        type: 'string',
        description: 'A short label',
        default: null,
      },
    ],
    run(ctx) {
      contexts.push(ctx);
      for (const w of waiters.filter(x => x.n <= contexts.length)) w.resolve();
      return new Promise<RunOutput>((resolve, reject) => {
        const finish = () => {
          if (!settle) return;
          if ('output' in settle) resolve(settle.output);
          else reject(settle.thrown);
        };
        pending.push(finish);
        finish();
        if (onAbort !== 'ignore') {
          ctx.signal.addEventListener('abort', () => {
            if (onAbort === 'resolve') resolve(output('stopped cleanly'));
            else reject(ctx.signal.reason);
          });
        }
      });
    },
  };

  return {
    definition,
    contexts,
    started(n = 1) {
      if (contexts.length >= n) return Promise.resolve(contexts[n - 1]!);
      return new Promise(resolve => {
        waiters.push({ n, resolve: () => resolve(contexts[n - 1]!) });
      });
    },
    release(result = output('released')) {
      settle = { output: result };
      for (const finish of pending) finish();
    },
    fail(thrown) {
      settle = { thrown };
      for (const finish of pending) finish();
    },
  };
}
