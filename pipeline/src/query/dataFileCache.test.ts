import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileIO } from '../iceberg/io/fileIO';
import { DataFileCache, localFilesOnly } from './dataFileCache';

/** A remote store at our own edge: counts reads. */
function remote(files: Record<string, string>) {
  const reads: string[] = [];
  const io = {
    read: async (location: string) => {
      reads.push(location);
      return new TextEncoder().encode(files[location]);
    },
  } as unknown as FileIO;
  return { io, reads };
}

describe('DataFileCache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'medallion-file-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies a remote file once, even when asked for concurrently, and uses local files in place', async () => {
    const { io, reads } = remote({ 's3://b/t/data/a.parquet': 'AAAA' });
    const cache = new DataFileCache({ io, dir: join(dir, 'copies') });
    const [first, second] = await Promise.all([
      cache.localPaths(['s3://b/t/data/a.parquet', 'file:///lake/x.parquet']),
      cache.localPaths(['s3://b/t/data/a.parquet']),
    ]);
    expect(first[1]).toBe('/lake/x.parquet');
    expect(first[0]).toBe(second[0]);
    expect(readFileSync(first[0]!, 'utf8')).toBe('AAAA');
    expect(reads).toEqual(['s3://b/t/data/a.parquet']);
    await cache.localPaths(['s3://b/t/data/a.parquet']);
    expect(reads).toHaveLength(1);
    expect(cache.size).toBe(4);
  });

  it('reuses a copy an earlier process left behind', async () => {
    const first = remote({ 's3://b/a.parquet': 'AAAA' });
    const [path] = await new DataFileCache({ io: first.io, dir }).localPaths([
      's3://b/a.parquet',
    ]);
    const second = remote({ 's3://b/a.parquet': 'AAAA' });
    expect(
      await new DataFileCache({ io: second.io, dir }).localPaths([
        's3://b/a.parquet',
      ]),
    ).toEqual([path]);
    expect(second.reads).toEqual([]);
  });

  it('evicts the least recently used copies beyond its size, never recent ones', async () => {
    const { io } = remote({
      's3://b/1': '1111',
      's3://b/2': '2222',
      's3://b/3': '3333',
    });
    const cache = new DataFileCache({ io, dir, maxBytes: 8, holdMs: 0 });
    const [one] = await cache.localPaths(['s3://b/1']);
    await new Promise(r => setTimeout(r, 5));
    const [two] = await cache.localPaths(['s3://b/2']);
    await new Promise(r => setTimeout(r, 5));
    await cache.localPaths(['s3://b/3']);
    expect(cache.size).toBe(8);
    expect(() => readFileSync(one!)).toThrow(/ENOENT/);
    expect(readFileSync(two!, 'utf8')).toBe('2222');

    const holding = new DataFileCache({ io, dir: join(dir, 'h'), maxBytes: 4 });
    await holding.localPaths(['s3://b/1', 's3://b/2']);
    expect(holding.size).toBe(8); // both handed out just now: kept
  });

  it('refuses remote locations when only local files are expected', async () => {
    writeFileSync(join(dir, 'f.parquet'), 'x');
    await expect(
      localFilesOnly.localPaths([join(dir, 'f.parquet')]),
    ).resolves.toEqual([join(dir, 'f.parquet')]);
    await expect(localFilesOnly.localPaths(['s3://b/k'])).rejects.toThrow(
      /not a local file location/,
    );
  });
});
