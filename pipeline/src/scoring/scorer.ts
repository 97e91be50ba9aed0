/**
 * Stream scoring: every silver commit is scored with the current model, exactly once,
 * into gold.purchase_anomalies. The anomalies table's snapshot summary holds the silver
 * snapshot absorbed (its watermark); a run reads the silver files appended since, in
 * event-time order, through the same feature extractor as training, and commits the
 * scores fenced on that watermark. A crash before the commit leaves the watermark where
 * it was, so the batch is scored again and never twice.
 *
 * The extractor's per-customer history is warmed up from silver (the day before the
 * batch) whenever it starts empty: after a restart, a new model or a failed run.
 */
import type { Catalog } from '../iceberg/catalog/catalog';
import { gtEq } from '../iceberg/expressions';
import {
  planAppendedFiles,
  planFiles,
  ScanError,
  type FileScanTask,
} from '../iceberg/scan';
import { loadTableIfExists, type Table } from '../iceberg/table';
import { readTaskRows } from '../iceberg/tableScan';
import { boundedTarget } from '../layers/silverProcessor';
import { SILVER_PURCHASES } from '../layers/silverRows';
import { commitWatermarked } from '../layers/watermarkCommit';
import {
  ensureAnomaliesTable,
  SCORING_WATERMARK_KEY,
  scoringWatermarkOf,
  type AnomalyDecision,
} from './anomaliesTable';
import { FEATURE_COUNT, FEATURES, FeatureExtractor } from './features';
import { IsolationForest } from './isolationForest';
import type { AnomalyModel, ModelStore } from './model';
import { readSilverPurchases, type SilverPurchase } from './silverPurchases';

const DAY_MS = 86_400_000;

export interface ScoringRunResult {
  /** The silver snapshot absorbed. */
  silverSnapshotId?: bigint;
  /** Silver holds more beyond it (the run stopped at maxRowsPerRun). */
  more?: boolean;
  scored: number;
  flagged: number;
  modelVersion?: string;
  /** Why nothing was scored (no model yet, no silver yet). */
  skipped?: string;
  /** No model is stored yet: train one. */
  noModel?: boolean;
  /** The event time of the newest purchase scored, epoch ms. */
  newestEventMs?: number;
  /** Purchases the scoring model was trained on, and purchases silver holds now. */
  modelRows?: number;
  silverRows?: number;
}

/** Silver grew this many times past the model's training set: time to retrain. */
const OUTGROWN_FACTOR = 4;

/**
 * A young stream's first model learns from its first minutes (velocity history still
 * empty, few hours of the day seen); it is retrained as silver outgrows it, until the
 * training set reaches `maxRows` and the regular schedule takes over.
 */
export function modelOutgrown(r: ScoringRunResult, maxRows: number): boolean {
  if (r.modelRows === undefined || r.silverRows === undefined) return false;
  return (
    r.modelRows < maxRows &&
    r.silverRows >= OUTGROWN_FACTOR * Math.max(1, r.modelRows)
  );
}

export interface ScorerOptions {
  catalog: Catalog;
  store: ModelStore;
  /** Silver rows scored per run, at most (whole snapshots; at least one). Default 50,000. */
  maxRowsPerRun?: number;
  /** Features named as the reasons for a score (default 3). */
  topFeatures?: number;
  signal?: AbortSignal;
}

interface LoadedModel {
  model: AnomalyModel;
  forest: IsolationForest;
  extractor: FeatureExtractor;
  warm: boolean;
}

const round = (v: number) => Number(v.toPrecision(6));

export class StreamScorer {
  private loaded: LoadedModel | undefined;

  constructor(private readonly options: ScorerOptions) {}

  /** Runs until the anomalies table has absorbed silver's head; totals of all runs. */
  async runUntilCaughtUp(
    onRun?: (r: ScoringRunResult) => void,
  ): Promise<ScoringRunResult> {
    const total: ScoringRunResult = { scored: 0, flagged: 0 };
    for (;;) {
      const r = await this.runOnce();
      onRun?.(r);
      total.silverSnapshotId = r.silverSnapshotId ?? total.silverSnapshotId;
      total.scored += r.scored;
      total.flagged += r.flagged;
      total.modelVersion = r.modelVersion ?? total.modelVersion;
      total.skipped = r.skipped;
      total.newestEventMs = r.newestEventMs ?? total.newestEventMs;
      if (!r.more) return total;
    }
  }

  async runOnce(): Promise<ScoringRunResult> {
    const loaded = await this.currentModel();
    if (!loaded) {
      return {
        scored: 0,
        flagged: 0,
        noModel: true,
        skipped:
          'no anomaly model yet: run the training job (it needs enough silver purchases)',
      };
    }
    const version = loaded.model.version;
    const silver = await loadTableIfExists(
      this.options.catalog,
      SILVER_PURCHASES,
    );
    const head = silver?.metadata['current-snapshot-id'];
    if (!silver || head === undefined) {
      return {
        scored: 0,
        flagged: 0,
        modelVersion: version,
        skipped: 'silver.purchases has no data yet',
      };
    }
    const sizes = {
      modelRows: loaded.model.trainingWindow.rows,
      silverRows: Number(
        silver.currentSnapshot()?.summary['total-records'] ?? 0,
      ),
    };
    const table = await ensureAnomaliesTable(this.options.catalog);
    const wm = scoringWatermarkOf(table.metadata);
    if (wm === head) {
      return {
        silverSnapshotId: head,
        scored: 0,
        flagged: 0,
        modelVersion: version,
        ...sizes,
      };
    }
    const target =
      boundedTarget(
        silver,
        wm,
        undefined,
        this.options.maxRowsPerRun ?? 50_000,
      ) ?? head;
    try {
      const batch = await this.readBatch(silver, table, wm, target);
      if (!loaded.warm) {
        // A first run's batch is all of silver: there is nothing earlier to replay.
        if (wm !== undefined) await this.warmUp(loaded, silver, target, batch);
        loaded.warm = true;
      }
      const { rows, flagged } = this.score(loaded, batch);
      await commitWatermarked(table, {
        key: SCORING_WATERMARK_KEY,
        from: wm,
        to: target,
        rows,
      });
      return {
        silverSnapshotId: target,
        more: target !== head,
        scored: rows.length,
        flagged,
        modelVersion: version,
        newestEventMs: batch.at(-1)?.eventMs,
        ...sizes,
      };
    } catch (error) {
      // The history may hold purchases that were not committed: rebuild it next run.
      this.loaded = undefined;
      throw error;
    }
  }

  /** The store's newest model, loaded once per version. */
  private async currentModel(): Promise<LoadedModel | undefined> {
    const [newest] = await this.options.store.versions();
    if (!newest) return undefined;
    if (this.loaded?.model.version === newest) return this.loaded;
    const model = await this.options.store.load(newest);
    const forest = IsolationForest.fromJSON(model.forest);
    if (forest.nFeatures !== FEATURE_COUNT) {
      throw new Error(
        `model ${model.version} expects ${forest.nFeatures} features, this scorer computes ${FEATURE_COUNT}: train a new model`,
      );
    }
    this.loaded = {
      model,
      forest,
      extractor: new FeatureExtractor(model.reference),
      warm: false,
    };
    return this.loaded;
  }

  /** The silver purchases appended after `wm` up to `target`, in event-time order. */
  private async readBatch(
    silver: Table,
    anomalies: Table,
    wm: bigint | undefined,
    target: bigint,
  ): Promise<SilverPurchase[]> {
    let tasks: FileScanTask[];
    let alreadyScored: Set<string> | undefined;
    if (wm === undefined) {
      // First run: everything silver holds (expired snapshots' files included).
      tasks = (await planFiles(silver, { snapshotId: target })).tasks;
    } else {
      try {
        tasks = (await planAppendedFiles(silver, wm, target)).tasks;
      } catch (error) {
        if (!(error instanceof ScanError)) throw error;
        // The watermark's snapshot is gone (expired, or silver rebuilt): score what
        // silver holds that the table has not scored yet.
        tasks = (await planFiles(silver, { snapshotId: target })).tasks;
        alreadyScored = await scoredIds(anomalies);
      }
    }
    return readSilverPurchases(silver, tasks, silver.schema(), {
      keep: p => !alreadyScored?.has(p.eventId),
      signal: this.options.signal,
    });
  }

  /** Replays the day of silver before the batch into an empty history. */
  private async warmUp(
    loaded: LoadedModel,
    silver: Table,
    target: bigint,
    batch: SilverPurchase[],
  ): Promise<void> {
    const first = batch[0];
    if (first) {
      const inBatch = new Set(batch.map(p => p.eventId));
      const from = first.eventMs - DAY_MS;
      const plan = await planFiles(silver, {
        snapshotId: target,
        filter: gtEq('event_ts', BigInt(from) * 1000n),
      });
      const earlier = await readSilverPurchases(
        silver,
        plan.tasks,
        plan.schema,
        { keep: p => !inBatch.has(p.eventId) && p.eventMs >= from },
      );
      for (const p of earlier) loaded.extractor.observe(p);
    }
  }

  private score(
    loaded: LoadedModel,
    batch: SilverPurchase[],
  ): { rows: Array<Record<string, unknown>>; flagged: number } {
    const n = batch.length;
    const matrix = loaded.extractor.extractAll(batch);
    const samples = loaded.forest.scoreSamples(matrix, n);
    const { threshold, version } = loaded.model;
    const top = this.options.topFeatures ?? 3;
    const scoredAt = BigInt(Date.now()) * 1000n;
    let flagged = 0;
    const rows = batch.map((p, i) => {
      const x = matrix.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT);
      const shares = loaded.forest.featureContributions(x);
      const score = -samples[i]!;
      const decision: AnomalyDecision =
        score > threshold ? 'anomaly' : 'normal';
      if (decision === 'anomaly') flagged++;
      const ranked = FEATURES.map((f, j) => ({
        name: f.name,
        share: shares[j]!,
      }))
        .sort((a, b) => b.share - a.share)
        .slice(0, top)
        .map(f => f.name);
      return {
        event_id: p.eventId,
        event_ts: p.eventTsMicros,
        customer_id: p.customerId,
        customer_country: p.customerCountry,
        order_country: p.orderCountry,
        membership: p.membership,
        product_id: p.productId,
        product_category: p.productCategory,
        currency: p.currency,
        amount: p.amountUnscaled,
        score,
        decision,
        top_features: ranked.join(','),
        features: JSON.stringify(
          Object.fromEntries(FEATURES.map((f, j) => [f.name, round(x[j]!)])),
        ),
        contributions: JSON.stringify(
          Object.fromEntries(
            FEATURES.map((f, j) => [f.name, round(shares[j]!)]),
          ),
        ),
        model_version: version,
        scored_at: scoredAt,
      };
    });
    return { rows, flagged };
  }
}

/** Event ids the anomalies table holds (the fallback after a lost watermark). */
async function scoredIds(table: Table): Promise<Set<string>> {
  const ids = new Set<string>();
  const plan = await planFiles(table);
  for (const task of plan.tasks)
    for (const row of await readTaskRows(table, task, plan.schema, [
      'event_id',
    ]))
      ids.add(String(row.event_id));
  return ids;
}
