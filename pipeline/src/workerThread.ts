/**
 * Worker threads running our TypeScript modules: from source (tsx) the worker must load
 * tsx before the entry module; from compiled JavaScript it loads the entry directly.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.tsx) require(workerData.tsx);
require(workerData.entry);
`;

/** Starts `entry` (an absolute module path from require.resolve) with `data` as workerData. */
export function startModuleWorker(
  entry: string,
  data: Record<string, unknown>,
  resourceLimits?: ResourceLimits,
): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    resourceLimits,
    workerData: {
      ...data,
      entry,
      tsx: entry.endsWith('.ts') ? require.resolve('tsx/cjs') : undefined,
    },
  });
}
