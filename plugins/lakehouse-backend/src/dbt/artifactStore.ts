/**
 * The gold runs' kept dbt artifacts, `<home>/dbt/runs/<runId>/artifacts/*.json`, read on
 * demand. Every request lists the runs folder and stats the files it needs, so a new run
 * shows at once; parsing happens only when a file's mtime or size changed (parsed
 * artifacts are cached by path, mtime and size in an LRU). A listing needs only each
 * run's run_results.json (small); manifests (large) are read for the runs that use them.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LruPromiseCache } from '../lakehouse/lruPromiseCache';
import {
  ARTIFACT_SCHEMAS,
  type Artifact,
  type ArtifactName,
  type RunResults,
} from './artifactSchemas';

/** Run folders the runner creates (job run UUIDs, or its own timestamped ids). */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export const DEFAULT_ARTIFACT_CACHE_SIZE = 256;

export interface KeptRun {
  runId: string;
  /** dbt build's start (run_results.json), else the run_results file's mtime. */
  startedAt: string;
  runResults: RunResults;
}

export interface DbtArtifactStoreOptions {
  /** `<home>/dbt/runs` */
  runsDir: string;
  /** Parsed artifact files kept (LRU); default 256. */
  cacheSize?: number;
}

const isMissing = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  ['ENOENT', 'ENOTDIR'].includes((error as { code?: string }).code ?? '');

export class DbtArtifactStore {
  readonly runsDir: string;
  private readonly cache: LruPromiseCache<unknown>;

  constructor(options: DbtArtifactStoreOptions) {
    this.runsDir = options.runsDir;
    this.cache = new LruPromiseCache(
      options.cacheSize ?? DEFAULT_ARTIFACT_CACHE_SIZE,
    );
  }

  /**
   * Runs that have a run_results.json, newest first. A run still in progress (no
   * artifacts yet) or whose results cannot be read is left out.
   */
  async runs(): Promise<KeptRun[]> {
    let names: string[];
    try {
      names = (await readdir(this.runsDir, { withFileTypes: true }))
        .filter(d => d.isDirectory() && RUN_ID_PATTERN.test(d.name))
        .map(d => d.name);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const runs = await Promise.all(
      names.map(async (runId): Promise<KeptRun | undefined> => {
        const file = await this.readWithTime(runId, 'run_results.json');
        if (!file) return undefined;
        const { metadata } = file.value;
        const started =
          isoTime(metadata.invocation_started_at) ??
          isoTime(metadata.generated_at) ??
          new Date(file.mtimeMs).toISOString();
        return { runId, startedAt: started, runResults: file.value };
      }),
    );
    return runs
      .filter((r): r is KeptRun => r !== undefined)
      .sort((a, b) => {
        if (a.startedAt !== b.startedAt)
          return a.startedAt < b.startedAt ? 1 : -1;
        return a.runId < b.runId ? 1 : -1;
      });
  }

  /** One artifact of a run; undefined when the file is missing or unreadable. */
  async read<N extends ArtifactName>(
    runId: string,
    name: N,
  ): Promise<Artifact<N> | undefined> {
    return (await this.readWithTime(runId, name))?.value;
  }

  /** The first of `runs` (newest first) that has the artifact, with it. */
  async newest<N extends ArtifactName>(
    runs: readonly KeptRun[],
    name: N,
  ): Promise<{ runId: string; value: Artifact<N> } | undefined> {
    for (const run of runs) {
      const value = await this.read(run.runId, name);
      if (value) return { runId: run.runId, value };
    }
    return undefined;
  }

  clear(): void {
    this.cache.clear();
  }

  private async readWithTime<N extends ArtifactName>(
    runId: string,
    name: N,
  ): Promise<{ value: Artifact<N>; mtimeMs: number } | undefined> {
    if (!RUN_ID_PATTERN.test(runId)) return undefined;
    const path = join(this.runsDir, runId, 'artifacts', name);
    let info: { mtimeMs: number; size: number };
    try {
      info = await stat(path);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    const value = (await this.cache.get(
      `${path}\0${info.mtimeMs}\0${info.size}`,
      () => parseArtifact(path, name),
    )) as Artifact<N> | undefined;
    return value ? { value, mtimeMs: info.mtimeMs } : undefined;
  }
}

/**
 * A file being copied, or written by a dbt version with other shapes, is treated as
 * absent: one bad run must not take the whole dbt view down.
 */
async function parseArtifact<N extends ArtifactName>(
  path: string,
  name: N,
): Promise<Artifact<N> | undefined> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if (isMissing(error) || error instanceof SyntaxError) return undefined;
    throw error;
  }
  const parsed = ARTIFACT_SCHEMAS[name].safeParse(json);
  return parsed.success ? (parsed.data as Artifact<N>) : undefined;
}

/** An ISO-8601 UTC string for a time dbt wrote, or null when it is not one. */
export function isoTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
