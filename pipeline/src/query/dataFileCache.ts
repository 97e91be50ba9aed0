/**
 * Local copies of remote data files for DuckDB, which reads Parquet by path (its S3
 * extension is a separate download we do not depend on). Iceberg data files are
 * immutable, so a copy fetched once through the table's FileIO stays right forever and
 * is keyed by its location. Local files are used in place. The copies are bounded by
 * size: the least recently used go first, but never one handed out in the last minute
 * (a query may still be reading it).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileIO } from '../iceberg/io/fileIO';
import { toLocalPath } from '../iceberg/io/localFileIO';

export interface LocalDataFiles {
  /**
   * A local path for each location, in order (fetching remote files first). A location's
   * path never changes, so SQL built on it stays valid as long as this is called again
   * before each query.
   */
  localPaths(locations: readonly string[]): Promise<string[]>;
}

const isLocal = (location: string) =>
  location.startsWith('file:') || location.startsWith('/');

/** Local warehouses only: every location must already be a local file. */
export const localFilesOnly: LocalDataFiles = {
  localPaths: async locations => locations.map(toLocalPath),
};

export interface DataFileCacheOptions {
  io: FileIO;
  /** Where the copies live (e.g. <home>/cache/data-files); created on first use. */
  dir: string;
  /** Bytes of copies kept; default 2 GiB. */
  maxBytes?: number;
  /** A copy handed out this recently is never evicted; default one minute. */
  holdMs?: number;
}

interface Entry {
  path: string;
  bytes: number;
  usedAt: number;
}

export class DataFileCache implements LocalDataFiles {
  private readonly entries = new Map<string, Entry>();
  private readonly fetching = new Map<string, Promise<Entry>>();
  private total = 0;

  constructor(private readonly options: DataFileCacheOptions) {}

  async localPaths(locations: readonly string[]): Promise<string[]> {
    const paths = await Promise.all(
      locations.map(async location => {
        if (isLocal(location)) return toLocalPath(location);
        const entry = await this.entry(location);
        entry.usedAt = Date.now();
        return entry.path;
      }),
    );
    await this.evict();
    return paths;
  }

  /** Bytes held by the copies now. */
  get size(): number {
    return this.total;
  }

  private entry(location: string): Promise<Entry> {
    const known = this.entries.get(location);
    if (known) return Promise.resolve(known);
    let pending = this.fetching.get(location);
    if (!pending) {
      pending = this.fetch(location).finally(() =>
        this.fetching.delete(location),
      );
      this.fetching.set(location, pending);
    }
    return pending;
  }

  private async fetch(location: string): Promise<Entry> {
    const { dir, io } = this.options;
    await mkdir(dir, { recursive: true });
    const name = createHash('sha256').update(location).digest('hex');
    const path = join(dir, `${name}.parquet`);
    let bytes: number;
    try {
      bytes = (await stat(path)).size; // copied by an earlier process
    } catch {
      const data = await io.read(location);
      const tmp = `${path}.${randomUUID()}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, path);
      bytes = data.byteLength;
    }
    const entry = { path, bytes, usedAt: Date.now() };
    this.entries.set(location, entry);
    this.total += bytes;
    return entry;
  }

  private async evict(): Promise<void> {
    const max = this.options.maxBytes ?? 2 * 1024 ** 3;
    if (this.total <= max) return;
    const recent = Date.now() - (this.options.holdMs ?? 60_000);
    const oldest = [...this.entries].sort((a, b) => a[1].usedAt - b[1].usedAt);
    for (const [location, entry] of oldest) {
      if (this.total <= max || entry.usedAt > recent) break;
      this.entries.delete(location);
      this.total -= entry.bytes;
      await rm(entry.path, { force: true });
    }
  }
}
