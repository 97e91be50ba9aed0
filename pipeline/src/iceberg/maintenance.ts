/**
 * Table maintenance that streaming commits make necessary: expiring old snapshots (and
 * deleting the files only they referenced) and removing orphan files that no snapshot
 * or metadata file references (e.g. from crashed writers).
 */
import { commitTable, type CommitOptions } from './commit';
import { canonicalLocation, type FileIO } from './io/fileIO';
import { ancestors, intProperty } from './metadata';
import { readManifestEntries, snapshotManifests } from './snapshotProducer';
import type { Table } from './table';
import {
  ManifestEntryStatus,
  type ManifestFile,
  type Snapshot,
  type TableMetadata,
} from './types';

export interface ExpireOptions extends CommitOptions {
  /** Expire snapshots older than this (default: now minus history.expire.max-snapshot-age-ms, 5 days). */
  olderThanMs?: number;
  /** Always keep at least this many of main's newest snapshots (default history.expire.min-snapshots-to-keep, 1). */
  retainLast?: number;
  /** Delete the files only expired snapshots referenced (default true). */
  cleanFiles?: boolean;
}

export interface ExpireResult {
  table: Table;
  expiredSnapshots: bigint[];
  deletedFiles: { manifestLists: number; manifests: number; dataFiles: number };
}

interface Reachable {
  manifestLists: Set<string>;
  manifests: Set<string>;
  dataFiles: Set<string>;
}

type EntryCache = Map<string, Array<{ path: string; deleted: boolean }>>;

/**
 * Every file a set of snapshots references, reading each manifest once. With
 * `liveOnly`, data files a manifest marks DELETED do not count: a retained snapshot no
 * longer needs them.
 */
async function reachableFiles(
  io: FileIO,
  snapshots: Snapshot[],
  cache: EntryCache,
  liveOnly: boolean,
): Promise<Reachable> {
  const out: Reachable = {
    manifestLists: new Set(),
    manifests: new Set(),
    dataFiles: new Set(),
  };
  for (const snapshot of snapshots) {
    out.manifestLists.add(snapshot['manifest-list']);
    let manifests: ManifestFile[];
    try {
      manifests = await snapshotManifests(io, snapshot);
    } catch {
      continue; // a missing manifest list cannot reference anything we could delete safely
    }
    for (const manifest of manifests) {
      if (out.manifests.has(manifest.manifestPath)) continue;
      out.manifests.add(manifest.manifestPath);
      let files = cache.get(manifest.manifestPath);
      if (!files) {
        files = (await readManifestEntries(io, manifest)).map(e => ({
          path: e.dataFile.filePath,
          deleted: e.status === ManifestEntryStatus.DELETED,
        }));
        cache.set(manifest.manifestPath, files);
      }
      for (const f of files)
        if (!liveOnly || !f.deleted) out.dataFiles.add(f.path);
    }
  }
  return out;
}

export async function expireSnapshots(
  table: Table,
  options: ExpireOptions = {},
): Promise<ExpireResult> {
  const maxAge = intProperty(
    table.metadata,
    'history.expire.max-snapshot-age-ms',
    5 * 86_400_000,
  );
  const cutoff = options.olderThanMs ?? Date.now() - maxAge;
  const retainLast = Math.max(
    1,
    options.retainLast ??
      intProperty(table.metadata, 'history.expire.min-snapshots-to-keep', 1),
  );
  let expired: Snapshot[] = [];
  let before: TableMetadata | undefined;

  const committed = await commitTable(
    table,
    head => {
      before = head;
      const keep = new Set<bigint>();
      ancestors(head)
        .slice(0, retainLast)
        .forEach(s => keep.add(s['snapshot-id']));
      for (const ref of Object.values(head.refs)) keep.add(ref['snapshot-id']);
      for (const s of head.snapshots)
        if (s['timestamp-ms'] >= cutoff) keep.add(s['snapshot-id']);
      expired = head.snapshots.filter(s => !keep.has(s['snapshot-id']));
      const remaining = head.snapshots.filter(s => keep.has(s['snapshot-id']));
      return {
        metadata: {
          ...head,
          snapshots: remaining,
          'snapshot-log': head['snapshot-log'].filter(e =>
            keep.has(e['snapshot-id']),
          ),
        },
      };
    },
    options,
  );

  const deletedFiles = { manifestLists: 0, manifests: 0, dataFiles: 0 };
  if (expired.length > 0 && options.cleanFiles !== false && before) {
    // Files still reachable from the snapshots that remain must stay.
    const cache: EntryCache = new Map();
    const kept = await reachableFiles(
      table.io,
      committed.metadata.snapshots,
      cache,
      true,
    );
    const gone = await reachableFiles(table.io, expired, cache, false);
    const doomed = (all: Set<string>, keep: Set<string>) =>
      [...all].filter(f => !keep.has(f));
    const lists = doomed(gone.manifestLists, kept.manifestLists);
    const manifests = doomed(gone.manifests, kept.manifests);
    const data = doomed(gone.dataFiles, kept.dataFiles);
    await deleteInBatches(table.io, [...data, ...manifests, ...lists]);
    Object.assign(deletedFiles, {
      manifestLists: lists.length,
      manifests: manifests.length,
      dataFiles: data.length,
    });
  }
  return {
    table: committed,
    expiredSnapshots: expired.map(s => s['snapshot-id']),
    deletedFiles,
  };
}

async function deleteInBatches(
  io: FileIO,
  files: string[],
  batch = 32,
): Promise<void> {
  for (let i = 0; i < files.length; i += batch) {
    await Promise.all(files.slice(i, i + batch).map(f => io.delete(f)));
  }
}

export interface OrphanOptions {
  /** Only files older than this are removed (default 3 days ago), so in-flight writes survive. */
  olderThanMs?: number;
  /** List what would be removed without deleting. */
  dryRun?: boolean;
}

/** Deletes files under the table location that nothing references. */
export async function removeOrphanFiles(
  table: Table,
  options: OrphanOptions = {},
): Promise<string[]> {
  const cutoff = options.olderThanMs ?? Date.now() - 3 * 86_400_000;
  const fresh = await table.refresh();
  const reachable = await reachableFiles(
    fresh.io,
    fresh.metadata.snapshots,
    new Map(),
    true,
  );
  // Compared by canonical name: a table written as s3a:// lists as s3://.
  const referenced = new Set<string>(
    [
      fresh.metadataLocation,
      ...fresh.metadata['metadata-log'].map(e => e['metadata-file']),
      ...reachable.manifestLists,
      ...reachable.manifests,
      ...reachable.dataFiles,
    ].map(canonicalLocation),
  );
  const orphans: string[] = [];
  for await (const file of fresh.io.list(fresh.location)) {
    if (
      file.modifiedMs < cutoff &&
      !referenced.has(canonicalLocation(file.location))
    )
      orphans.push(file.location);
  }
  if (!options.dryRun) await deleteInBatches(fresh.io, orphans);
  return orphans;
}
