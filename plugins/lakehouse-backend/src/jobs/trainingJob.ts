/**
 * Training of the anomaly model: an Isolation Forest fitted on the last days of silver,
 * stored as the next model version and measured against the producer's labels. Scheduled
 * daily by default; on demand with parameters that override the configured ones.
 */
import {
  trainAnomalyModel,
  type AnomalyModel,
  type TrainingParams,
} from '@medallion/pipeline';
import { z } from 'zod';
import type { JobDefinition } from '../runs';
import type { LakehouseRuntime } from '../runtime/lakehouseRuntime';
import { describeSchedule } from './describeSchedule';

const trainingParamsSchema = z
  .object({
    windowDays: z.number().positive().max(365).optional(),
    maxRows: z.number().int().min(100).max(5_000_000).optional(),
    nEstimators: z.number().int().min(1).max(1000).optional(),
    maxSamples: z.number().int().min(2).max(100_000).optional(),
    contamination: z
      .union([z.literal('auto'), z.number().gt(0).max(0.5)])
      .optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
  })
  .strict();
export type TrainingJobParams = z.infer<typeof trainingParamsSchema>;

/** Trains with the configured settings, `overrides` on top; the stored model. */
export function trainWithConfig(
  runtime: LakehouseRuntime,
  overrides: TrainingJobParams,
  options: { signal?: AbortSignal; onProgress?: (message: string) => void },
): Promise<AnomalyModel> {
  const cfg = runtime.config.jobs.training;
  const { windowDays, maxRows, ...forest } = overrides;
  const params: TrainingParams = { ...cfg.params };
  for (const [key, value] of Object.entries(forest))
    if (value !== undefined) Object.assign(params, { [key]: value });
  return trainAnomalyModel({
    catalog: runtime.catalog,
    store: runtime.models,
    windowDays: windowDays ?? cfg.windowDays,
    maxRows: maxRows ?? cfg.maxRows,
    minRows: cfg.minRows,
    params,
    signal: options.signal,
    onProgress: options.onProgress,
  });
}

export function describeModel(model: AnomalyModel): string {
  const auc = model.metrics.auc;
  return `model ${model.version} on ${
    model.trainingWindow.rows
  } purchases: AUC ${
    auc === null ? 'n/a (no labels)' : auc.toFixed(3)
  }, threshold ${model.threshold.toFixed(3)}, flags ${(
    model.metrics.flaggedRate * 100
  ).toFixed(1)}%`;
}

export function trainingJob(
  runtime: LakehouseRuntime,
): JobDefinition<TrainingJobParams> {
  const cfg = runtime.config.jobs.training;
  return {
    name: 'training',
    title: 'Train anomaly model',
    description:
      'Fits an Isolation Forest on the last days of silver.purchases, stores it as the next model version and measures it against the ground-truth labels.',
    kind: 'scheduled',
    enabled: cfg.enabled,
    disabledReason: cfg.enabled
      ? undefined
      : 'training is off (lakehouse.jobs.training.enabled)',
    schedule: describeSchedule(cfg.schedule),
    paramsSchema: trainingParamsSchema,
    parameters: [
      {
        name: 'windowDays',
        type: 'number',
        description: 'Days of silver to train on',
        default: cfg.windowDays,
      },
      {
        name: 'maxRows',
        type: 'integer',
        description: 'At most this many purchases, the newest',
        default: cfg.maxRows,
      },
      {
        name: 'nEstimators',
        type: 'integer',
        description: 'Trees',
        default: cfg.params.nEstimators,
      },
      {
        name: 'maxSamples',
        type: 'integer',
        description: 'Purchases per tree',
        default: cfg.params.maxSamples,
      },
      {
        name: 'contamination',
        type: 'number',
        description: 'Expected share of anomalies (0..0.5); sets the threshold',
        default: cfg.params.contamination,
      },
      {
        name: 'seed',
        type: 'integer',
        description: 'Seed of the forest',
        default: cfg.params.seed,
      },
    ],
    async run({ params, signal, progress }) {
      let step = 0;
      const model = await trainWithConfig(runtime, params, {
        signal,
        onProgress: message =>
          progress({ message, fraction: Math.min(0.9, ++step / 5) }),
      });
      return {
        rows: {
          trained: model.trainingWindow.rows,
          labelled: model.metrics.labelled,
        },
        snapshots: [],
        summary: describeModel(model),
      };
    },
  };
}
