/**
 * The stored anomaly models as the API describes them. Model files are immutable (one
 * per version, never overwritten), so a version's summary is parsed once and kept; the
 * forest itself, the bulk of each file, is not kept.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ModelFormatError,
  type AnomalyModel,
  type ModelStore,
} from '@medallion/pipeline';
import {
  ANOMALY_PATTERN_NAMES,
  type AnomalyModelResponse,
  type AnomalyModelSummary,
  type AnomalyPattern,
  type PatternQuality,
} from '@medallion/plugin-lakehouse-common';
import { LruPromiseCache } from '../lakehouse/lruPromiseCache';

/** Models listed by `GET /anomalies/model` at most (newest first). */
export const MODEL_HISTORY_LIMIT = 50;

const isPattern = (p: string | null): p is AnomalyPattern | null =>
  p === null || (ANOMALY_PATTERN_NAMES as readonly string[]).includes(p);

const utc = (iso: string) => new Date(iso).toISOString();

export function modelSummary(model: AnomalyModel): AnomalyModelSummary {
  const { metrics } = model;
  return {
    version: model.version,
    trainedAt: utc(model.trainedAt),
    trainingWindow: {
      from: utc(model.trainingWindow.from),
      to: utc(model.trainingWindow.to),
      rows: model.trainingWindow.rows,
    },
    params: { ...model.params },
    threshold: model.threshold,
    features: model.features.map(f => ({ ...f })),
    metrics: {
      rows: metrics.rows,
      labelled: metrics.labelled,
      auc: metrics.auc,
      precisionAtK: metrics.precisionAtK,
      // A pattern this release does not know (a newer trainer) is left out.
      perPattern: metrics.perPattern.flatMap(q => {
        const { pattern } = q;
        return isPattern(pattern) ? [{ ...q, pattern } as PatternQuality] : [];
      }),
      flaggedRate: metrics.flaggedRate,
      trainingSeconds: metrics.trainingSeconds,
    },
  };
}

export class AnomalyModels {
  private readonly summaries = new LruPromiseCache<AnomalyModelSummary>(
    MODEL_HISTORY_LIMIT + 14,
  );
  /** Versions whose file is not a valid model: it never changes, so say so once. */
  private readonly invalid = new Set<string>();

  constructor(
    private readonly store: ModelStore,
    private readonly logger?: LoggerService,
  ) {}

  /** The stored version's summary; undefined when it is missing or unreadable. */
  async version(version: string): Promise<AnomalyModelSummary | undefined> {
    if (this.invalid.has(version)) return undefined;
    try {
      return await this.summaries.get(version, async () =>
        modelSummary(await this.store.load(version)),
      );
    } catch (error) {
      if (error instanceof ModelFormatError || error instanceof SyntaxError)
        this.invalid.add(version);
      this.logger?.warn(
        `anomaly model ${version} cannot be read from ${this.store.location}: ${
          (error as Error).message
        }`,
      );
      return undefined;
    }
  }

  /** Newest first; unreadable files are skipped (and logged), the newest readable is current. */
  async response(): Promise<AnomalyModelResponse> {
    const versions = (await this.store.versions()).slice(
      0,
      MODEL_HISTORY_LIMIT,
    );
    const loaded = await Promise.all(versions.map(v => this.version(v)));
    const history = loaded.filter(
      (m): m is AnomalyModelSummary => m !== undefined,
    );
    return { current: history[0] ?? null, history };
  }

  async current(): Promise<AnomalyModelSummary | undefined> {
    for (const version of await this.store.versions()) {
      const summary = await this.version(version);
      if (summary) return summary;
    }
    return undefined;
  }
}
