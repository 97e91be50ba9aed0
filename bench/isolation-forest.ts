/**
 * Isolation Forest, ours against scikit-learn in the same run, on the same data: the
 * labelled purchase features the anomaly job trains on (seeded generator with injected
 * anomalies, through the real feature extractor). Both single-threaded (Node's one
 * thread; sklearn with n_jobs=1 and BLAS/OpenMP pools of 1), 100 trees, with
 * scikit-learn's max_samples ('auto' = 256) and the training job's (4096), fitted
 * and scored on every row:
 *   - fit time (median of `--runs`), scoring rows/s (median), AUC against the labels;
 *   - ours also with Float32Array input, and featureContributions rows/s (the scorer
 *     explains every row it scores).
 * Target: scoring rows/s ≥ scikit-learn's on one core.
 *
 *   node --import tsx bench/isolation-forest.ts [--events 200000] [--rate 5] [--runs 3]
 *     [--python PATH]   (default $MEDALLION_SKLEARN_PYTHON; npm run bench builds it)
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  labelledFeatures,
  type LabelledFeatures,
} from '../pipeline/src/scoring/__testUtils__/labelledFeatures';
import {
  IsolationForest,
  type IsolationForestParams,
} from '../pipeline/src/scoring/isolationForest';
import { rocAuc } from '../pipeline/src/scoring/metrics';
import { detectionQuality } from '../pipeline/src/scoring/quality';
import { runSklearn } from '../pipeline/src/scoring/sklearnOracle';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    // Events per second of event time: 5 gives 11 hours of a settled stream at 200k events.
    rate: { type: 'string', default: '5' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    // scikit-learn's default, then the training job's (DEFAULT_TRAINING_PARAMS).
    'max-samples': { type: 'string', default: 'auto,4096' },
    python: { type: 'string' },
    script: {
      type: 'string',
      default: 'interop/sklearn/isolation_forest.py',
    },
  },
});
const runs = Math.max(1, Number(values.runs));
const seed = Number(values.seed);

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (rows: number, seconds: number) =>
  `${Math.round(rows / seconds)
    .toLocaleString('en-US')
    .padStart(10)} rows/s`;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;
const secs = (s: number) => `${(s * 1000).toFixed(1).padStart(8)} ms`;

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

function medianOf<T>(fn: () => T): { value: T; seconds: number } {
  const results = Array.from({ length: runs }, () => timed(fn));
  return {
    value: results[0]!.value,
    seconds: median(results.map(r => r.seconds)),
  };
}

async function main(): Promise<void> {
  const data = await labelledFeatures({
    seed: 42,
    events: Number(values.events),
    rate: Number(values.rate),
  });
  const { nRows, isAnomaly } = data;
  const nFeatures = data.featureNames.length;
  const anomalies = isAnomaly.reduce((a, b) => a + b, 0);
  console.log(
    `${nRows.toLocaleString('en-US')} purchases at ${
      values.rate
    } events/s × ${nFeatures} features (${anomalies} labelled anomalies); 100 trees; median of ${runs} (Node ${
      process.version
    }, one thread)`,
  );
  for (const size of values['max-samples']!.split(',')) {
    const maxSamples: IsolationForestParams['maxSamples'] =
      size === 'auto' ? 'auto' : { count: Number(size) };
    console.log(`max_samples ${size}:`);
    await compare(data, maxSamples);
  }
}

async function compare(
  data: LabelledFeatures,
  maxSamples: IsolationForestParams['maxSamples'],
): Promise<void> {
  const { matrix, nRows, isAnomaly } = data;
  const nFeatures = data.featureNames.length;
  const auc = (scores: ArrayLike<number>) =>
    rocAuc(
      Array.from(scores, s => -s),
      isAnomaly,
    );

  // Warm the JIT on a slice first, as any long-running scorer would be.
  IsolationForest.fit(matrix, nRows, nFeatures, {
    seed,
    maxSamples,
  }).scoreSamples(matrix.subarray(0, 20_000 * nFeatures), 20_000);
  const fit = medianOf(() =>
    IsolationForest.fit(matrix, nRows, nFeatures, { seed, maxSamples }),
  );
  const forest = fit.value;
  const score = medianOf(() => forest.scoreSamples(matrix, nRows));
  const f32 = Float32Array.from(matrix);
  const score32 = medianOf(() => forest.scoreSamples(f32, nRows));
  const explainRows = Math.min(nRows, 20_000);
  const explain = medianOf(() => {
    for (let r = 0; r < explainRows; r++) {
      forest.featureContributions(
        matrix.subarray(r * nFeatures, (r + 1) * nFeatures),
      );
    }
  });
  const ourAuc = auc(score.value);
  const quality = detectionQuality(
    score.value.map(x => -x),
    -forest.offset,
    data.pattern,
  );
  const perPattern = quality.perPattern
    .slice(1)
    .map(q => `${q.pattern} ${q.auc?.toFixed(3) ?? 'n/a'} (${q.labelled})`)
    .join(', ');

  const label = (text: string) => `  ${text.padEnd(40)}`;
  console.log(
    `${label('ours: fit')}${secs(fit.seconds)}   AUC ${ourAuc.toFixed(4)}`,
  );
  console.log(`${label('ours: AUC per pattern (labelled)')}${perPattern}`);
  console.log(
    `${label('ours: scoreSamples (Float64Array)')}${rate(
      nRows,
      score.seconds,
    )}`,
  );
  console.log(
    `${label('ours: scoreSamples (Float32Array)')}${rate(
      nRows,
      score32.seconds,
    )}`,
  );
  console.log(
    `${label('ours: featureContributions, per row')}${rate(
      explainRows,
      explain.seconds,
    )}`,
  );

  const python = values.python ?? process.env.MEDALLION_SKLEARN_PYTHON;
  if (!python || !existsSync(values.script!)) {
    console.log(
      'scikit-learn peer skipped: set MEDALLION_SKLEARN_PYTHON (bash scripts/python-env.sh sklearn interop/sklearn/requirements.txt) and run from the repository root',
    );
    return;
  }
  const sk = await runSklearn({
    python,
    script: values.script!,
    mode: 'bench',
    matrix,
    nRows,
    nFeatures,
    params: { seed, maxSamples },
    repeats: runs,
  });
  const skAuc = auc(sk.score_samples);
  console.log(
    `${label(`scikit-learn ${sk.versions.sklearn}: fit`)}${secs(
      sk.fit_seconds,
    )}   AUC ${skAuc.toFixed(4)}`,
  );
  console.log(
    `${label(`scikit-learn ${sk.versions.sklearn}: score_samples`)}${rate(
      nRows,
      sk.score_seconds,
    )}`,
  );
  const ourRate = nRows / score.seconds;
  const skRate = nRows / sk.score_seconds;
  console.log(
    `ratios: scoring ${(ourRate / skRate).toFixed(
      2,
    )}x scikit-learn's rows/s, fit ${(sk.fit_seconds / fit.seconds).toFixed(
      2,
    )}x faster, AUC ${signed(
      ourAuc - skAuc,
    )} (one seed each; sklearn's own seed spread is ~±0.01)`,
  );
  console.log(
    `target scoring ≥ scikit-learn's rows/s on one core: ${
      ourRate >= skRate ? 'met' : 'NOT met'
    }`,
  );
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
