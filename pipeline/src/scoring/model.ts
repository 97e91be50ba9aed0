/**
 * The anomaly model as stored: the fitted forest plus everything the feature extractor
 * needs to compute the same features in the stream as in training (the product price
 * medians, the small-amount cut-off), its training window and its metrics. JSON, one
 * immutable file per version in the warehouse (`_models/purchase_anomalies/`), so it
 * lives next to the tables locally and on S3 alike; the newest version is current.
 */
import { z } from 'zod';
import {
  FileExistsError,
  joinLocation,
  type FileIO,
} from '../iceberg/io/fileIO';

export const MODEL_FORMAT = 1;

const patternQuality = z.object({
  pattern: z.string().nullable(),
  labelled: z.number().int().nonnegative(),
  detected: z.number().int().nonnegative(),
  recall: z.number().nullable(),
  auc: z.number().nullable(),
});
export type PatternQualityFigures = z.infer<typeof patternQuality>;

export const modelMetricsSchema = z.object({
  rows: z.number().int().nonnegative(),
  labelled: z.number().int().nonnegative(),
  auc: z.number().nullable(),
  precisionAtK: z
    .object({ k: z.number().int(), precision: z.number() })
    .nullable(),
  perPattern: z.array(patternQuality),
  flaggedRate: z.number(),
  trainingSeconds: z.number(),
});
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

/** What the feature extractor learned from the training window. */
export const featureReferenceSchema = z.object({
  /** Median unit price in EUR per product (currencies pooled, so rare pairs stay robust). */
  productMedianPriceEur: z.record(z.string(), z.number().positive()),
  /** Median unit price (EUR) per category, for products unseen in training. */
  categoryMedianPriceEur: z.record(z.string(), z.number().positive()),
  /** An order at or below this amount (EUR) counts as small (card testing). */
  smallAmountEur: z.number().nonnegative(),
  /** Share of purchases per local hour of day (24 values, smoothed, cyclic). */
  hourShare: z.array(z.number().positive()).length(24),
});
export type FeatureReference = z.infer<typeof featureReferenceSchema>;

export const anomalyModelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.string().regex(/^v\d+$/),
  trainedAt: z.iso.datetime({ offset: true }),
  features: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      typical: z.number(),
    }),
  ),
  trainingWindow: z.object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    rows: z.number().int().nonnegative(),
  }),
  params: z.object({
    nEstimators: z.number().int().positive(),
    maxSamples: z.number().int().positive(),
    maxFeatures: z.number().positive(),
    contamination: z.union([z.literal('auto'), z.number().gt(0).max(0.5)]),
    seed: z.number().int().nonnegative(),
  }),
  /** Scores above this are flagged: −offset_ of scikit-learn. */
  threshold: z.number(),
  reference: featureReferenceSchema,
  metrics: modelMetricsSchema,
  /** The fitted forest (IsolationForest.toJSON), validated when loaded. */
  forest: z.unknown(),
});
export type AnomalyModel = z.infer<typeof anomalyModelSchema>;

export class ModelFormatError extends Error {}

const versionNumber = (version: string) => Number(version.slice(1));
const FILE_PATTERN = /isolation-forest-(v\d+)\.json$/;

/** Versioned model files under one location; never overwritten. */
export class ModelStore {
  constructor(private readonly io: FileIO, readonly location: string) {}

  /** The store for a warehouse (`<warehouse>/_models/purchase_anomalies`). */
  static forWarehouse(io: FileIO, warehouse: string): ModelStore {
    return new ModelStore(
      io,
      joinLocation(warehouse, '_models', 'purchase_anomalies'),
    );
  }

  private fileFor(version: string): string {
    return joinLocation(this.location, `isolation-forest-${version}.json`);
  }

  /** Stored versions, newest first. */
  async versions(): Promise<string[]> {
    const out: string[] = [];
    for await (const f of this.io.list(this.location)) {
      const m = FILE_PATTERN.exec(f.location);
      if (m) out.push(m[1]!);
    }
    return out.sort((a, b) => versionNumber(b) - versionNumber(a));
  }

  async load(version: string): Promise<AnomalyModel> {
    const bytes = await this.io.read(this.fileFor(version));
    const parsed = anomalyModelSchema.safeParse(
      JSON.parse(new TextDecoder().decode(bytes)),
    );
    if (!parsed.success) {
      throw new ModelFormatError(
        `model ${version} at ${this.location} is not a valid model file: ${parsed.error.message}`,
      );
    }
    return parsed.data;
  }

  /** The newest model, or undefined before the first training. */
  async current(): Promise<AnomalyModel | undefined> {
    const [newest] = await this.versions();
    return newest ? this.load(newest) : undefined;
  }

  /** Every model, newest first (at most `limit`). */
  async history(limit = 20): Promise<AnomalyModel[]> {
    const versions = (await this.versions()).slice(0, limit);
    return Promise.all(versions.map(v => this.load(v)));
  }

  /**
   * Stores a model under the next free version (a concurrent trainer that takes the
   * same number loses the exclusive create and tries the next) and returns it.
   */
  async save(model: Omit<AnomalyModel, 'version'>): Promise<AnomalyModel> {
    const [newest] = await this.versions();
    let n = newest ? versionNumber(newest) + 1 : 1;
    for (let attempt = 0; ; attempt++) {
      const stored = { ...model, version: `v${n}` };
      try {
        await this.io.writeNew(
          this.fileFor(stored.version),
          new TextEncoder().encode(JSON.stringify(stored)),
        );
        return stored;
      } catch (error) {
        if (!(error instanceof FileExistsError) || attempt >= 20) throw error;
        n++;
      }
    }
  }
}
