/**
 * Runs interop/sklearn/isolation_forest.py (real scikit-learn) on a matrix, for the
 * parity tests and the benchmark. The matrix travels as a raw float64 file, the answer
 * as JSON on stdout. Not used by the pipeline itself.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IsolationForestParams } from './forestJson';
import type { RowMatrix } from './flatForest';

export interface SklearnRun {
  /** The Python of the venv built by `scripts/python-env.sh sklearn …`. */
  python: string;
  /** Path of interop/sklearn/isolation_forest.py. */
  script: string;
  mode: 'fit' | 'sweep' | 'bench';
  matrix: RowMatrix;
  nRows: number;
  nFeatures: number;
  params?: Partial<IsolationForestParams>;
  /** fit: more rows to score with the fitted forest. */
  score?: { matrix: RowMatrix; nRows: number };
  /** sweep: one fit per seed. */
  seeds?: readonly number[];
  /** sweep: also export every fitted forest (as `fit` does). */
  exportTrees?: boolean;
  /** bench: runs, median reported. */
  repeats?: number;
}

export interface SklearnOutputs {
  score_samples: number[];
  decision_function: number[];
  predict: number[];
}

export interface SklearnFitResult {
  export: unknown;
  train: SklearnOutputs;
  score?: SklearnOutputs;
}

export interface SklearnSweepResult {
  seeds: number[];
  score_samples: number[][];
  /** With `exportTrees`: one export per seed, for `IsolationForest.fromSklearn`. */
  exports?: unknown[];
}

export interface SklearnBenchResult {
  fit_seconds: number;
  score_seconds: number;
  rows: number;
  score_samples: number[];
  versions: { sklearn: string; numpy: string };
}

/** sklearn tells a fraction from a count by float vs int: 1.0 (all) is not 1 (one). */
function sizeArg(size: number | { count: number }): string {
  if (typeof size === 'object') return String(size.count);
  if (size <= 1) return Number.isInteger(size) ? `${size}.0` : String(size);
  return String(size);
}

function paramArgs(params: Partial<IsolationForestParams>): string[] {
  const args: string[] = [];
  if (params.nEstimators !== undefined) {
    args.push('--n-estimators', String(params.nEstimators));
  }
  if (params.maxSamples !== undefined) {
    args.push(
      '--max-samples',
      params.maxSamples === 'auto' ? 'auto' : sizeArg(params.maxSamples),
    );
  }
  if (params.maxFeatures !== undefined) {
    args.push('--max-features', sizeArg(params.maxFeatures));
  }
  if (params.contamination !== undefined) {
    args.push('--contamination', String(params.contamination));
  }
  if (params.bootstrap) args.push('--bootstrap');
  if (params.seed !== undefined) args.push('--seed', String(params.seed));
  return args;
}

async function writeMatrix(path: string, matrix: RowMatrix): Promise<void> {
  const f64 =
    matrix instanceof Float64Array ? matrix : Float64Array.from(matrix);
  await writeFile(
    path,
    new Uint8Array(f64.buffer, f64.byteOffset, f64.byteLength),
  );
}

export function runSklearn(
  run: SklearnRun & { mode: 'fit' },
): Promise<SklearnFitResult>;
export function runSklearn(
  run: SklearnRun & { mode: 'sweep' },
): Promise<SklearnSweepResult>;
export function runSklearn(
  run: SklearnRun & { mode: 'bench' },
): Promise<SklearnBenchResult>;
export async function runSklearn(run: SklearnRun): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), 'sklearn-iforest-'));
  try {
    const matrixPath = join(dir, 'x.f64');
    await writeMatrix(matrixPath, run.matrix);
    const args = [
      run.script,
      run.mode,
      '--matrix',
      matrixPath,
      '--rows',
      String(run.nRows),
      '--cols',
      String(run.nFeatures),
      ...paramArgs(run.params ?? {}),
    ];
    if (run.score) {
      const scorePath = join(dir, 'score.f64');
      await writeMatrix(scorePath, run.score.matrix);
      args.push('--score', scorePath, '--score-rows', String(run.score.nRows));
    }
    if (run.seeds) args.push('--seeds', run.seeds.join(','));
    if (run.exportTrees) args.push('--export-trees');
    if (run.repeats !== undefined) args.push('--repeats', String(run.repeats));
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        run.python,
        args,
        { maxBuffer: 512 << 20 },
        (error, out, stderr) => {
          if (error) {
            reject(
              new Error(
                `isolation_forest.py ${run.mode} failed: ${
                  stderr.trim() || error.message
                }`,
              ),
            );
          } else {
            resolve(out);
          }
        },
      );
    });
    return JSON.parse(stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
