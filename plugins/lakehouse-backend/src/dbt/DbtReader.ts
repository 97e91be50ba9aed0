/**
 * The read side of the dbt views: models, one model, runs and source freshness from the
 * artifacts the gold runs keep, and the profitability mart from gold. Before any gold
 * build every answer is empty, never an error.
 */
import { NotFoundError } from '@backstage/errors';
import type { Catalog, LocalDataFiles, QueryEngine } from '@medallion/pipeline';
import type {
  DbtFreshnessResponse,
  DbtModelDetail,
  DbtModelsResponse,
  DbtRunsResponse,
  ProfitabilityResponse,
} from '@medallion/plugin-lakehouse-common';
import { join, resolve } from 'node:path';
import { DbtArtifactStore, isoTime } from './artifactStore';
import { sourceFreshness } from './dbtFreshness';
import { findModel, modelDetail, modelSummaries } from './dbtModels';
import { ProfitabilityReader, type ProfitabilityFilter } from './profitability';
import { summarizeRun } from './runOutcome';

/** Where runGoldBuild keeps each run: `<home>/dbt/runs/<runId>`. */
export const dbtRunsDir = (home: string) => join(resolve(home), 'dbt', 'runs');

export interface DbtReaderOptions {
  /** The lakehouse home (`pipeline.lakehouse.home`). */
  home: string;
  catalog: Catalog;
  cacheSize?: number;
  /** Runs the profitability query; default a private DuckDB (released by close()). */
  engine?: QueryEngine;
  /** Local paths of data files for DuckDB (a DataFileCache when tables are on S3). */
  files?: LocalDataFiles;
}

export class DbtReader {
  readonly artifacts: DbtArtifactStore;
  private readonly profitabilityReader: ProfitabilityReader;

  constructor(options: DbtReaderOptions) {
    this.artifacts = new DbtArtifactStore({
      runsDir: dbtRunsDir(options.home),
      cacheSize: options.cacheSize,
    });
    this.profitabilityReader = new ProfitabilityReader(options);
  }

  /** Releases the profitability engine if this reader created it. */
  close(): Promise<void> {
    return this.profitabilityReader.close();
  }

  async models(): Promise<DbtModelsResponse> {
    const runs = await this.artifacts.runs();
    const manifest = await this.artifacts.newest(runs, 'manifest.json');
    if (!manifest) return { runId: null, generatedAt: null, models: [] };
    return {
      runId: manifest.runId,
      generatedAt: isoTime(manifest.value.metadata.generated_at),
      models: modelSummaries(manifest.value, runs),
    };
  }

  /** By name (`fct_purchases`) or unique id; 404 when the newest manifest lacks it. */
  async model(id: string): Promise<DbtModelDetail> {
    const runs = await this.artifacts.runs();
    const manifest = await this.artifacts.newest(runs, 'manifest.json');
    const node = manifest && findModel(manifest.value, id);
    if (!manifest || !node)
      throw new NotFoundError(
        manifest
          ? `no dbt model ${id} in the manifest of run ${manifest.runId}`
          : `no dbt model ${id}: no gold build has kept its artifacts yet`,
      );
    // Types from the newest catalog (a failed build generates none).
    const catalog = await this.artifacts.newest(runs, 'catalog.json');
    return modelDetail({
      manifest: manifest.value,
      manifestRunId: manifest.runId,
      node,
      runs,
      catalog: catalog?.value,
    });
  }

  async runs(limit: number): Promise<DbtRunsResponse> {
    const runs = await this.artifacts.runs();
    return { runs: runs.slice(0, limit).map(summarizeRun) };
  }

  async freshness(): Promise<DbtFreshnessResponse> {
    const runs = await this.artifacts.runs();
    const sources = await this.artifacts.newest(runs, 'sources.json');
    if (!sources) return { runId: null, generatedAt: null, sources: [] };
    return {
      runId: sources.runId,
      generatedAt: isoTime(sources.value.metadata.generated_at),
      sources: sourceFreshness(sources.value),
    };
  }

  profitability(filter: ProfitabilityFilter): Promise<ProfitabilityResponse> {
    return this.profitabilityReader.read(filter);
  }
}
