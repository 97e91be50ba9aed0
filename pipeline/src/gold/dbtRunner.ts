/**
 * One gold build: `dbt build` over silver, then `dbt docs generate` and `dbt source
 * freshness`, then — only if every model built and every test passed — gold is
 * published. The dbt target follows the query engine:
 * - DuckDB (`local`): dbt-duckdb reads silver through PyIceberg, the marts are
 *   `external` Parquet files in this run's staging directory, and
 *   dbt/scripts/commit_gold.py commits them as the Iceberg tables gold.<model>.
 * - Athena (`aws`) or Trino (`trino`): dbt builds the marts as Iceberg tables in
 *   `gold_staging`, and publishGold.ts copies them into gold.<model>.
 * A failed build publishes nothing.
 *
 * Each run gets <home>/dbt/runs/<runId>/ with dbt's target and logs, and the four
 * artifacts (manifest, run_results, catalog, sources) copied into artifacts/ so the
 * history of runs stays readable after later runs.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LakehouseSettings } from '../config';
import type { Catalog } from '../iceberg/catalog/catalog';
import {
  commitOutputSchema,
  readBuildResults,
  readFreshness,
  type BuildResults,
  type SourceFreshness,
  type TestResult,
} from './dbtArtifacts';
import { runPython, type ProcessResult } from './dbtProcess';
import { dbtTarget } from './dbtTarget';
import { GOLD_NAMESPACE } from './goldNamespaces';
import { publishStagedGold } from './publishGold';

/** The marts dbt builds and the runner commits, in gold's namespace. */
export const goldTables = [
  'fct_purchases',
  'dim_customers',
  'dim_products',
  'agg_daily_sales',
  'product_profitability',
] as const;
export type GoldTable = (typeof goldTables)[number];

export type GoldStep = 'build' | 'docs' | 'freshness' | 'commit';

export interface GoldBuildOptions {
  lakehouse: Pick<LakehouseSettings, 'catalogUri' | 'warehouse' | 'home'> &
    Partial<Pick<LakehouseSettings, 'queryEngine' | 'aws'>> & {
      catalogName?: string;
    };
  /** The lakehouse catalog: needed to publish builds made on Athena or Trino. */
  catalog?: Catalog;
  /** The dbt venv's python (scripts/python-env.sh dbt dbt/requirements.txt). */
  python: string;
  /** The dbt project: the repository's dbt/ folder. */
  projectDir: string;
  signal?: AbortSignal;
  onLine?: (line: string, step: GoldStep, stream: 'stdout' | 'stderr') => void;
  /** Default: a sortable UTC timestamp plus a random suffix. */
  runId?: string;
}

export interface GoldSnapshot {
  table: string;
  snapshotId: string;
  rows: number;
  created: boolean;
  schemaChanged: boolean;
}

export interface GoldBuildSummary {
  runId: string;
  runDir: string;
  /** manifest.json, run_results.json, catalog.json, sources.json of this run. */
  artifactsDir: string;
  startedAt: string;
  durationMs: number;
  models: string[];
  testsPassed: string[];
  testsFailed: TestResult[];
  freshness: SourceFreshness[];
  /** Current snapshot of each gold table after the commit. */
  gold: Record<GoldTable, GoldSnapshot>;
}

/** The build did not pass: gold was not touched. */
export class GoldBuildError extends Error {
  constructor(
    message: string,
    readonly runId: string,
    readonly artifactsDir: string,
    readonly failedTests: TestResult[],
    readonly results: BuildResults | undefined,
  ) {
    super(message);
    this.name = 'GoldBuildError';
  }
}

const ARTIFACTS = [
  'manifest.json',
  'run_results.json',
  'catalog.json',
  'sources.json',
];

// dbt's console entry point, without depending on the venv's bin/ layout.
const DBT_MAIN =
  'import sys; from dbt.cli.main import cli; sys.exit(cli(prog_name="dbt"))';

function newRunId(): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\..*/, '');
  return `${stamp}Z-${Math.random().toString(36).slice(2, 8)}`;
}

function describeFailure(step: string, result: ProcessResult): string {
  const why =
    result.signal !== null
      ? `killed by ${result.signal}`
      : `exit code ${result.code}`;
  return `${step} failed (${why}):\n${result.stderrTail.slice(-15).join('\n')}`;
}

function copyArtifacts(targetDir: string, artifactsDir: string): void {
  mkdirSync(artifactsDir, { recursive: true });
  for (const name of ARTIFACTS) {
    const from = join(targetDir, name);
    if (existsSync(from)) copyFileSync(from, join(artifactsDir, name));
  }
}

function failureMessage(results: BuildResults): string {
  const parts: string[] = [];
  if (results.testsFailed.length > 0)
    parts.push(
      `failed tests: ${results.testsFailed
        .map(
          t =>
            `${t.name} (${t.status}${
              t.failures !== null ? `, ${t.failures} rows` : ''
            })`,
        )
        .join(', ')}`,
    );
  if (results.modelsNotBuilt.length > 0)
    parts.push(
      `models not built: ${results.modelsNotBuilt
        .map(m => `${m.name} (${m.status})`)
        .join(', ')}`,
    );
  return parts.join('; ');
}

type RunStep = (
  step: GoldStep,
  args: string[],
  captureStdout?: boolean,
) => Promise<ProcessResult>;

/** dbt-duckdb's staged Parquet files committed to Iceberg by PyIceberg. */
async function commitLocalGold(
  run: RunStep,
  projectDir: string,
  stagingDir: string,
  targetDir: string,
): Promise<Record<GoldTable, GoldSnapshot>> {
  const commit = await run(
    'commit',
    [
      join(projectDir, 'scripts', 'commit_gold.py'),
      '--staging',
      stagingDir,
      '--namespace',
      GOLD_NAMESPACE,
      '--tables',
      goldTables.join(','),
      '--manifest',
      join(targetDir, 'manifest.json'),
    ],
    true,
  );
  if (commit.code !== 0)
    throw new Error(describeFailure('gold commit (commit_gold.py)', commit));
  const committed = commitOutputSchema.parse(
    JSON.parse(commit.stdout.trim().split('\n').pop() ?? ''),
  );
  const gold = {} as Record<GoldTable, GoldSnapshot>;
  for (const table of goldTables) {
    const t = committed.tables[table];
    if (!t?.snapshot_id)
      throw new Error(`gold commit reported no snapshot for ${table}`);
    gold[table] = {
      table: `${GOLD_NAMESPACE}.${table}`,
      snapshotId: t.snapshot_id,
      rows: t.rows,
      created: t.created,
      schemaChanged: t.schema_changed,
    };
  }
  return gold;
}

export async function runGoldBuild(
  options: GoldBuildOptions,
): Promise<GoldBuildSummary> {
  const started = Date.now();
  const projectDir = resolve(options.projectDir);
  const runId = options.runId ?? newRunId();
  const runDir = join(resolve(options.lakehouse.home), 'dbt', 'runs', runId);
  const targetDir = join(runDir, 'target');
  const stagingDir = join(runDir, 'staging');
  const artifactsDir = join(runDir, 'artifacts');
  const duckdbFile = join(runDir, 'medallion.duckdb');
  mkdirSync(stagingDir, { recursive: true });
  const { target, env: targetEnv } = dbtTarget(options.lakehouse);
  if (target !== 'local' && !options.catalog)
    throw new Error(
      `a gold build on target ${target} needs the catalog to publish to`,
    );

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...targetEnv,
    MEDALLION_CATALOG_URI: options.lakehouse.catalogUri,
    MEDALLION_WAREHOUSE: options.lakehouse.warehouse,
    MEDALLION_CATALOG_NAME: options.lakehouse.catalogName ?? 'medallion',
    MEDALLION_DBT_PROJECT_DIR: projectDir,
    MEDALLION_DBT_DUCKDB: duckdbFile,
    MEDALLION_GOLD_STAGING: stagingDir,
    DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
    DBT_USE_COLORS: 'false',
    PYTHONUNBUFFERED: '1',
    // No __pycache__ inside the repository's dbt/ folder.
    PYTHONDONTWRITEBYTECODE: '1',
  };
  const dbtArgs = [
    '--target',
    target,
    '--project-dir',
    projectDir,
    '--profiles-dir',
    projectDir,
    '--target-path',
    targetDir,
    '--log-path',
    join(runDir, 'logs'),
  ];
  const run: RunStep = (step, args, captureStdout = false) => {
    if (options.signal?.aborted) throw new Error('gold build aborted');
    return runPython(options.python, args, {
      cwd: projectDir,
      env,
      signal: options.signal,
      captureStdout,
      onLine: (line, stream) => options.onLine?.(line, step, stream),
    });
  };
  const dbt = (step: GoldStep, command: string[]) =>
    run(step, ['-c', DBT_MAIN, ...command, ...dbtArgs]);

  try {
    const build = await dbt('build', ['build']);
    copyArtifacts(targetDir, artifactsDir);
    const runResults = join(targetDir, 'run_results.json');
    const results = existsSync(runResults)
      ? readBuildResults(runResults)
      : undefined;
    if (build.code !== 0 || !results) {
      const detail =
        results && failureMessage(results)
          ? failureMessage(results)
          : describeFailure('dbt build', build);
      throw new GoldBuildError(
        `gold build ${runId} failed, gold not committed: ${detail}`,
        runId,
        artifactsDir,
        results?.testsFailed ?? [],
        results,
      );
    }

    // --no-compile: the catalog describes the relations this build made, without
    // reading silver again.
    const docs = await dbt('docs', ['docs', 'generate', '--no-compile']);
    if (docs.code !== 0)
      throw new Error(describeFailure('dbt docs generate', docs));
    // Stale sources make `dbt source freshness` exit non-zero; that is a finding to
    // report, not a reason to hold gold back. Only a missing sources.json is fatal.
    const fresh = await dbt('freshness', ['source', 'freshness']);
    copyArtifacts(targetDir, artifactsDir);
    const sourcesJson = join(targetDir, 'sources.json');
    if (!existsSync(sourcesJson))
      throw new Error(describeFailure('dbt source freshness', fresh));
    const freshness = readFreshness(sourcesJson);

    const gold =
      target === 'local'
        ? await commitLocalGold(run, projectDir, stagingDir, targetDir)
        : await publishStagedGold(
            options.catalog!,
            goldTables,
            GOLD_NAMESPACE,
            options.signal,
          );
    return {
      runId,
      runDir,
      artifactsDir,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      models: results.models,
      testsPassed: results.testsPassed.map(t => t.name),
      testsFailed: results.testsFailed,
      freshness,
      gold,
    };
  } finally {
    // The DuckDB file holds a copy of silver and the staged Parquet a copy of gold:
    // neither is needed once the run is over (gold is in Iceberg, or was refused).
    rmSync(duckdbFile, { force: true });
    rmSync(`${duckdbFile}.wal`, { force: true });
    rmSync(stagingDir, { recursive: true, force: true });
  }
}
