/**
 * The read side of anomaly detection for the REST API: scored purchases from
 * gold.purchase_anomalies joined with the producer's ground truth from
 * bronze.purchase_labels, detection quality, and the stored models.
 *
 * Queries run on the configured engine (default a private DuckDB) over the tables'
 * current snapshots: DuckDB over their Parquet files, Trino or Athena over the tables
 * pinned to the snapshot ids. Each query names the snapshot this reader planned, so
 * the answer and its cache key (the two metadata files) always agree, a missing
 * table reads as empty rather than failing, and a snapshot is planned once rather
 * than before every query. Answers are cached per
 * pair of snapshots and request, so polling costs a catalog lookup until a commit.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ANOMALIES_TABLE,
  anomaliesSchema,
  BRONZE_LABELS,
  bronzeSchema,
  DuckDbEngine,
  duckdbDialect,
  ModelStore,
  QueryError,
  type Catalog,
  type LocalDataFiles,
  type QueryEngine,
} from '@medallion/pipeline';
import {
  ANOMALY_PATTERN_NAMES,
  type AnomaliesPage,
  type AnomalyDetail,
  type AnomalyModelResponse,
  type AnomalyStats,
  type PatternQuality,
  type ScoreHistogramBin,
} from '@medallion/plugin-lakehouse-common';
import type { z } from 'zod';
import { LruPromiseCache } from '../lakehouse/lruPromiseCache';
import type {
  AnomaliesPort,
  AnomalyListQuery,
  AnomalyStatsQuery,
} from './anomaliesPort';
import {
  decodeAnomalyCursor,
  encodeAnomalyCursor,
  UUID_PATTERN,
} from './anomalyCursor';
import { AnomalyModels } from './anomalyModels';
import {
  detailRowSchema,
  histogramRowSchema,
  isoFromMicros,
  numberEntries,
  precisionRowSchema,
  purchaseFeatures,
  purchaseRowSchema,
  qualityRowSchema,
  toScoredPurchase,
} from './anomalyRows';
import {
  detailSql,
  histogramSql,
  listSql,
  precisionAtKSql,
  qualitySql,
  type AnomalySources,
} from './anomalySql';
import { SnapshotSelects } from '../lakehouse/snapshotSelects';

export const DEFAULT_ANOMALY_CACHE_SIZE = 64;

/** The request's part of a cache key (dates as their ISO text). */
const requestKey = (query: object) => JSON.stringify(query);

export interface AnomalyReaderOptions {
  catalog: Catalog;
  /**
   * Runs the queries. Default: a private DuckDB created on first use and released by
   * close(). One passed in should be created with `tables: []` (the queries name their
   * files) and is closed by the caller.
   */
  engine?: QueryEngine;
  /** Default: the warehouse's store (`<warehouse>/_models/purchase_anomalies`). */
  models?: ModelStore;
  /** Warns about model files that cannot be read. */
  logger?: LoggerService;
  /** Answers kept per pair of snapshots (LRU); 0 disables the cache. */
  cacheSize?: number;
  /** Local paths of the tables' data files (a DataFileCache when they are on S3). */
  files?: LocalDataFiles;
}

/** What the statistics hold that depends on the tables only (not on the model). */
type StatsFigures = Omit<AnomalyStats, 'threshold'>;

interface Snapshots {
  key: string;
  sources: AnomalySources;
}

export class AnomalyReader implements AnomaliesPort {
  private readonly snapshots: SnapshotSelects;
  private readonly models: AnomalyModels;
  private readonly pages: LruPromiseCache<AnomaliesPage>;
  private readonly figures: LruPromiseCache<StatsFigures>;
  private engine: QueryEngine | undefined;
  private readonly ownsEngine: boolean;
  /** DuckDB's queries, one at a time: a DuckDB connection runs one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AnomalyReaderOptions) {
    const { catalog } = options;
    this.snapshots = new SnapshotSelects(
      catalog,
      options.engine?.dialect ?? duckdbDialect,
      options.files,
    );
    this.models = new AnomalyModels(
      options.models ?? ModelStore.forWarehouse(catalog.io, catalog.warehouse),
      options.logger,
    );
    const size = options.cacheSize ?? DEFAULT_ANOMALY_CACHE_SIZE;
    this.pages = new LruPromiseCache(size);
    this.figures = new LruPromiseCache(size);
    this.engine = options.engine;
    this.ownsEngine = !options.engine;
  }

  async list(query: AnomalyListQuery): Promise<AnomaliesPage> {
    const cursor =
      query.cursor === undefined
        ? undefined
        : decodeAnomalyCursor(query.cursor);
    return this.withSnapshots(({ key, sources }) =>
      this.pages.get(`${key}\n${requestKey(query)}`, async () => {
        const rows = await this.rows(
          listSql(sources, query, cursor),
          purchaseRowSchema,
          query.limit + 1,
        );
        const items = rows.slice(0, query.limit).map(toScoredPurchase);
        const last = rows.length > query.limit ? rows[query.limit - 1] : null;
        return {
          items,
          nextCursor: last
            ? encodeAnomalyCursor({
                eventMicros: last.event_us,
                eventId: last.event_id,
              })
            : null,
        };
      }),
    );
  }

  async get(eventId: string): Promise<AnomalyDetail> {
    const id = eventId.toLowerCase();
    if (!UUID_PATTERN.test(id))
      throw new InputError(`event id ${eventId} is not a UUID`);
    const [row] = await this.withSnapshots(({ sources }) =>
      this.rows(detailSql(sources, id), detailRowSchema, 1),
    );
    if (!row)
      throw new NotFoundError(`purchase ${id} has not been scored (yet)`);
    // The version names a file: only ever the store's own `v<n>`.
    const model =
      (/^v\d+$/.test(row.model_version)
        ? await this.models.version(row.model_version)
        : undefined) ?? (await this.models.current());
    if (!model) {
      // Rows are only written by a stored model: its file was removed by hand.
      throw new Error(
        `no anomaly model is stored: purchase ${id} was scored by ${row.model_version}, whose file is gone`,
      );
    }
    return {
      purchase: toScoredPurchase(row),
      features: purchaseFeatures(
        numberEntries(row.features),
        numberEntries(row.contributions),
        model.features,
      ),
      threshold: model.threshold,
    };
  }

  async stats(query: AnomalyStatsQuery): Promise<AnomalyStats> {
    const [figures, model] = await Promise.all([
      this.withSnapshots(({ key, sources }) =>
        this.figures.get(`${key}\n${requestKey(query)}`, () =>
          this.computeStats(sources, query),
        ),
      ),
      this.models.current(),
    ]);
    return { ...figures, threshold: model?.threshold ?? null };
  }

  model(): Promise<AnomalyModelResponse> {
    return this.models.response();
  }

  /** Releases the engine if this reader created it. */
  async close(): Promise<void> {
    const engine = this.engine;
    if (engine && this.ownsEngine) {
      this.engine = undefined;
      await this.queue.catch(() => undefined);
      await engine.close();
    }
  }

  private async computeStats(
    sources: AnomalySources,
    { since, bins }: AnomalyStatsQuery,
  ): Promise<StatsFigures> {
    // At once: a remote engine runs them side by side (DuckDB queues them).
    const [binRows, qualityRows, [cut]] = await Promise.all([
      this.rows(histogramSql(sources, since, bins), histogramRowSchema, bins),
      this.rows(
        qualitySql(sources, since),
        qualityRowSchema,
        ANOMALY_PATTERN_NAMES.length,
      ),
      this.rows(precisionAtKSql(sources, since), precisionRowSchema, 1),
    ]);

    const histogram: ScoreHistogramBin[] = Array.from(
      { length: bins },
      (_, i) => ({
        from: i / bins,
        to: (i + 1) / bins,
        unlabelled: 0,
        labelled: 0,
      }),
    );
    let scored = 0;
    let flagged = 0;
    let labelled = 0;
    let latest: number | null = null;
    for (const row of binRows) {
      const bin = histogram[row.bin];
      if (!bin) throw new Error(`histogram bin ${row.bin} of ${bins}`);
      bin.labelled = row.labelled;
      bin.unlabelled = row.scored - row.labelled;
      scored += row.scored;
      flagged += row.flagged;
      labelled += row.labelled;
      if (row.latest_us !== null && (latest === null || row.latest_us > latest))
        latest = row.latest_us;
    }
    const negatives = scored - labelled;
    const quality = (
      pattern: PatternQuality['pattern'],
      rows: Array<z.infer<typeof qualityRowSchema>>,
    ): PatternQuality => {
      const positives = rows.reduce((sum, r) => sum + r.labelled, 0);
      const detected = rows.reduce((sum, r) => sum + r.detected, 0);
      const wins2 = rows.reduce((sum, r) => sum + r.wins2, 0);
      return {
        pattern,
        labelled: positives,
        detected,
        recall: positives > 0 ? detected / positives : null,
        auc:
          positives > 0 && negatives > 0
            ? wins2 / (2 * positives * negatives)
            : null,
      };
    };

    return {
      since: since ? since.toISOString() : null,
      scored,
      flagged,
      flaggedRate: scored > 0 ? flagged / scored : null,
      histogram,
      quality: [
        quality(null, qualityRows),
        ...ANOMALY_PATTERN_NAMES.map(p =>
          quality(
            p,
            qualityRows.filter(r => r.pattern === p),
          ),
        ),
      ],
      precisionAtK: cut
        ? {
            k: cut.k,
            precision:
              (cut.before_nl + ((cut.k - cut.before_n) * cut.nl) / cut.n) /
              cut.k,
          }
        : null,
      latestEventTs: latest === null ? null : isoFromMicros(latest),
    };
  }

  /**
   * Runs `read` over the current snapshots. When a query fails because maintenance
   * replaced the files meanwhile, the tables have moved on: it runs once more over
   * the new snapshots.
   */
  private async withSnapshots<T>(
    read: (s: Snapshots) => Promise<T>,
  ): Promise<T> {
    const first = await this.currentSnapshots();
    try {
      return await read(first);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      const again = await this.currentSnapshots();
      if (again.key === first.key) throw error;
      return read(again);
    }
  }

  private async currentSnapshots(): Promise<Snapshots> {
    const [anomalies, labels] = await Promise.all([
      this.snapshots.current(ANOMALIES_TABLE, anomaliesSchema),
      this.snapshots.current(BRONZE_LABELS, bronzeSchema),
    ]);
    return {
      key: `${anomalies.key}\n${labels.key}`,
      sources: {
        anomalies: anomalies.select,
        labels: labels.select,
        dialect: this.snapshots.dialect,
      },
    };
  }

  private rows<S extends z.ZodType>(
    sql: string,
    schema: S,
    limit: number,
  ): Promise<Array<z.infer<S>>> {
    this.engine ??= new DuckDbEngine({
      catalog: this.options.catalog,
      tables: [],
    });
    const engine = this.engine;
    const query = async () =>
      (await engine.query(sql, { limit })).rows.map(
        r => schema.parse(r) as z.infer<S>,
      );
    // A DuckDB connection runs one query at a time; Trino and Athena take many.
    if (!engine.dialect.readsFiles) return query();
    const run = this.queue.then(query);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
