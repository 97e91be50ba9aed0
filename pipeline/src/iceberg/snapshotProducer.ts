/**
 * Producing a snapshot: the added files go into one new manifest (written once, reused
 * by every retry — its entries inherit their sequence number from the manifest list),
 * removed files are marked DELETED in rewritten copies of the manifests that held
 * them, and each attempt writes a fresh manifest list and snapshot against the
 * current head. Append, overwrite, delete and compaction are all this one function.
 */
import { randomUUID } from 'node:crypto';
import {
  CommitValidationError,
  commitTable,
  discardUncommitted,
  type CommitOptions,
} from './commit';
import { joinLocation, type FileIO } from './io/fileIO';
import {
  inheritManifestEntry,
  manifestFileFor,
  readManifest,
  readManifestList,
  UNASSIGNED_SEQUENCE_NUMBER,
  writeManifest,
  writeManifestList,
} from './manifests';
import {
  boolProperty,
  currentSchema,
  currentSnapshot,
  intProperty,
  specById,
} from './metadata';
import { partitionType } from './partitioning';
import type { Table } from './table';
import { newSnapshotId } from './tableMetadataBuilder';
import {
  ManifestContent,
  ManifestEntryStatus,
  type DataFile,
  type ManifestEntry,
  type ManifestFile,
  type Snapshot,
  type SnapshotSummary,
  type TableMetadata,
} from './types';

export interface SnapshotChange {
  operation: SnapshotSummary['operation'];
  /** New data files, all partitioned by `specId`. */
  addedFiles: DataFile[];
  /** Partition spec of the added files (default: the table's default spec). */
  specId?: number;
  /** Chooses live files (of the head) to remove; evaluated on every attempt. */
  removeFiles?: (file: DataFile, specId: number) => boolean;
  /**
   * Files this change was computed from and must remove; if a concurrent commit already
   * removed one, the change is stale and aborts (CommitValidationError) instead of
   * resurrecting or duplicating rows.
   */
  mustRemove?: ReadonlySet<string>;
  /** Custom summary properties (e.g. Kafka offsets, watermarks). */
  summary?: Record<string, string>;
  /** Commit a snapshot even when no file changes (to record a watermark). */
  allowEmpty?: boolean;
  /**
   * Summary properties computed against the head of each attempt, for values that merge
   * with what the head recorded (e.g. offsets of partitions other writers own).
   */
  summaryFor?: (head: TableMetadata) => Record<string, string>;
}

export interface SnapshotResult {
  table: Table;
  snapshot?: Snapshot;
  removedFiles: DataFile[];
}

interface LiveEntry {
  entry: ManifestEntry;
  specId: number;
}

export async function readManifestEntries(
  io: FileIO,
  manifest: ManifestFile,
): Promise<ManifestEntry[]> {
  const bytes = await io.read(manifest.manifestPath);
  return readManifest(bytes).entries.map(e =>
    inheritManifestEntry(e, manifest),
  );
}

/** Manifests of a snapshot (empty for none). */
export async function snapshotManifests(
  io: FileIO,
  snapshot: Snapshot | undefined,
): Promise<ManifestFile[]> {
  if (!snapshot) return [];
  return readManifestList(await io.read(snapshot['manifest-list']));
}

const sum = (xs: Array<bigint | number>) =>
  xs.reduce<bigint>((a, b) => a + BigInt(b), 0n);

function partitionKey(file: DataFile): string {
  return JSON.stringify(file.partition, (_k, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    return v instanceof Uint8Array ? Array.from(v) : v;
  });
}

/** Thrown inside the commit when a change turns out to touch nothing. */
class NothingToCommit extends Error {}

export async function commitSnapshot(
  table: Table,
  change: SnapshotChange,
  options: CommitOptions = {},
): Promise<SnapshotResult> {
  const snapshotId = newSnapshotId();
  const meta = table.metadata;
  const specId = change.specId ?? meta['default-spec-id'];
  const metadataDir = joinLocation(meta.location, 'metadata');

  // The added files' manifest is independent of the head: write it once.
  const addedManifest =
    change.addedFiles.length > 0
      ? await writeDataManifest(
          table.io,
          meta,
          specId,
          change.addedFiles.map(dataFile => ({
            status: ManifestEntryStatus.ADDED,
            snapshotId,
            sequenceNumber: null,
            fileSequenceNumber: null,
            dataFile,
          })),
          snapshotId,
        )
      : undefined;

  let removed: DataFile[] = [];
  let mergedAway = false;
  let committedSnapshot: Snapshot | undefined;
  try {
    const result = await commitTable(
      table,
      async (head, { attempt }) => {
        const sequenceNumber = head['last-sequence-number'] + 1n;
        const parent = currentSnapshot(head);
        const attemptFiles: string[] = [];
        const manifests: ManifestFile[] = [];
        if (addedManifest)
          manifests.push(withSequenceNumber(addedManifest, sequenceNumber));

        removed = [];
        for (const manifest of await snapshotManifests(table.io, parent)) {
          if (
            !change.removeFiles ||
            manifest.content !== ManifestContent.DATA
          ) {
            manifests.push(manifest);
            continue;
          }
          const live: LiveEntry[] = (
            await readManifestEntries(table.io, manifest)
          )
            .filter(e => e.status !== ManifestEntryStatus.DELETED)
            .map(entry => ({ entry, specId: manifest.partitionSpecId }));
          const doomed = live.filter(l =>
            change.removeFiles!(l.entry.dataFile, l.specId),
          );
          if (doomed.length === 0) {
            manifests.push(manifest);
            continue;
          }
          removed.push(...doomed.map(d => d.entry.dataFile));
          const rewritten = await rewriteManifest(
            table.io,
            head,
            manifest,
            live,
            new Set(doomed),
            snapshotId,
            sequenceNumber,
          );
          if (rewritten) {
            attemptFiles.push(rewritten.manifestPath);
            manifests.push(rewritten);
          }
        }
        if (change.mustRemove) {
          const gone = new Set(removed.map(f => f.filePath));
          const missing = [...change.mustRemove].filter(p => !gone.has(p));
          if (missing.length > 0) {
            throw new CommitValidationError(
              `${table.name} changed underneath: ${missing.length} file(s) this ${change.operation} replaces were already removed by another commit (e.g. ${missing[0]}); retry the operation`,
            );
          }
        }
        if (!addedManifest && removed.length === 0 && !change.allowEmpty) {
          throw new NothingToCommit();
        }

        let finalManifests = manifests;
        mergedAway = false;
        if (change.operation === 'append' && addedManifest) {
          const merged = await mergeManifests(
            table.io,
            head,
            manifests,
            addedManifest.manifestPath,
            snapshotId,
            sequenceNumber,
          );
          if (merged) {
            attemptFiles.push(merged.written);
            finalManifests = merged.manifests;
            mergedAway = true;
          }
        }

        const listPath = joinLocation(
          metadataDir,
          `snap-${snapshotId}-${attempt}-${randomUUID()}.avro`,
        );
        const listBytes = writeManifestList({
          manifests: finalManifests,
          snapshotId,
          parentSnapshotId: parent?.['snapshot-id'],
          sequenceNumber,
          formatVersion: 2,
        });
        await table.io.writeNew(listPath, listBytes);
        attemptFiles.push(listPath);

        const snapshot: Snapshot = {
          'snapshot-id': snapshotId,
          ...(parent ? { 'parent-snapshot-id': parent['snapshot-id'] } : {}),
          'sequence-number': sequenceNumber,
          'timestamp-ms': Math.max(Date.now(), head['last-updated-ms']),
          'manifest-list': listPath,
          summary: buildSummary(
            {
              ...change,
              summary: { ...change.summary, ...change.summaryFor?.(head) },
            },
            removed,
            parent,
          ),
          'schema-id': head['current-schema-id'],
        };
        committedSnapshot = snapshot;
        const metadata: TableMetadata = {
          ...head,
          'last-sequence-number': sequenceNumber,
          'current-snapshot-id': snapshotId,
          snapshots: [...head.snapshots, snapshot],
          'snapshot-log': [
            ...head['snapshot-log'],
            {
              'timestamp-ms': snapshot['timestamp-ms'],
              'snapshot-id': snapshotId,
            },
          ],
          refs: {
            ...head.refs,
            main: { 'snapshot-id': snapshotId, type: 'branch' },
          },
        };
        return { metadata, attemptFiles };
      },
      options,
    );
    // The standalone manifest of the added files was folded into a merged one.
    if (mergedAway && addedManifest)
      await table.io.delete(addedManifest.manifestPath);
    return {
      table: result,
      snapshot: committedSnapshot,
      removedFiles: removed,
    };
  } catch (error) {
    if (addedManifest)
      await discardUncommitted(table.io, error, [addedManifest.manifestPath]);
    if (error instanceof NothingToCommit) return { table, removedFiles: [] };
    throw error;
  }
}

/**
 * Manifest merging for appends (Java's MergeAppend): once a snapshot would list at least
 * `commit.manifest.min-count-to-merge` (100) manifests, the small data manifests of the
 * default spec are merged into one, so streaming appends do not grow planning cost without
 * bound. Entries other snapshots added become EXISTING with explicit sequence numbers;
 * DELETED entries are dropped (they matter only to the snapshot that deleted them).
 */
async function mergeManifests(
  io: FileIO,
  head: TableMetadata,
  manifests: ManifestFile[],
  addedPath: string,
  snapshotId: bigint,
  sequenceNumber: bigint,
): Promise<{ manifests: ManifestFile[]; written: string } | undefined> {
  if (!boolProperty(head, 'commit.manifest-merge.enabled', true))
    return undefined;
  const minCount = intProperty(head, 'commit.manifest.min-count-to-merge', 100);
  const targetBytes = BigInt(
    intProperty(head, 'commit.manifest.target-size-bytes', 8 * 1024 * 1024),
  );
  const specId = head['default-spec-id'];
  if (manifests.length < minCount) return undefined;
  const small = manifests.filter(
    m =>
      m.content === ManifestContent.DATA &&
      m.partitionSpecId === specId &&
      m.manifestLength < targetBytes,
  );
  if (small.length < 2) return undefined;
  const entries: ManifestEntry[] = [];
  for (const manifest of small) {
    const ours = manifest.manifestPath === addedPath;
    for (const entry of await readManifestEntries(io, manifest)) {
      if (ours)
        entries.push({
          ...entry,
          sequenceNumber: null,
          fileSequenceNumber: null,
        });
      else if (entry.status !== ManifestEntryStatus.DELETED)
        entries.push({ ...entry, status: ManifestEntryStatus.EXISTING });
    }
  }
  const merged = await writeDataManifest(
    io,
    head,
    specId,
    entries,
    snapshotId,
    sequenceNumber,
  );
  const smallSet = new Set(small);
  return {
    manifests: [merged, ...manifests.filter(m => !smallSet.has(m))],
    written: merged.manifestPath,
  };
}

/** A copy of `manifest` with the doomed entries DELETED and the rest EXISTING (explicit sequence numbers). */
function rewriteManifest(
  io: FileIO,
  head: TableMetadata,
  manifest: ManifestFile,
  live: LiveEntry[],
  doomed: Set<LiveEntry>,
  snapshotId: bigint,
  sequenceNumber: bigint,
): Promise<ManifestFile> {
  const entries: ManifestEntry[] = live.map(l =>
    doomed.has(l)
      ? { ...l.entry, status: ManifestEntryStatus.DELETED, snapshotId }
      : { ...l.entry, status: ManifestEntryStatus.EXISTING },
  );
  return writeDataManifest(
    io,
    head,
    manifest.partitionSpecId,
    entries,
    snapshotId,
    sequenceNumber,
  );
}

/**
 * Writes a data manifest and describes it for the manifest list (counts, row counts and
 * partition summaries from manifestFileFor). Without a sequence number the entry keeps
 * the placeholder, to be assigned per commit attempt.
 */
async function writeDataManifest(
  io: FileIO,
  meta: TableMetadata,
  specId: number,
  entries: ManifestEntry[],
  snapshotId: bigint,
  sequenceNumber?: bigint,
): Promise<ManifestFile> {
  const spec = specById(meta, specId);
  const schema = currentSchema(meta);
  const pType = partitionType(spec, schema);
  const bytes = writeManifest({
    entries,
    schema,
    spec,
    partitionType: pType,
    formatVersion: 2,
    content: 'data',
    snapshotId,
  });
  const path = joinLocation(
    meta.location,
    'metadata',
    `${randomUUID()}-m0.avro`,
  );
  await io.writeNew(path, bytes);
  const file = manifestFileFor({
    path,
    length: bytes.length,
    specId,
    content: 'data',
    snapshotId,
    entries,
    partitionType: pType,
  });
  return sequenceNumber === undefined
    ? file
    : withSequenceNumber(file, sequenceNumber);
}

/** The manifest as listed by the commit with this sequence number (inherited entries get it). */
function withSequenceNumber(
  file: ManifestFile,
  sequenceNumber: bigint,
): ManifestFile {
  const min = file.minSequenceNumber;
  return {
    ...file,
    sequenceNumber,
    minSequenceNumber:
      min === UNASSIGNED_SEQUENCE_NUMBER || min > sequenceNumber
        ? sequenceNumber
        : min,
  };
}

function buildSummary(
  change: SnapshotChange,
  removed: DataFile[],
  parent: Snapshot | undefined,
): SnapshotSummary {
  const added = change.addedFiles;
  const addedRecords = sum(added.map(f => f.recordCount));
  const addedSize = sum(added.map(f => f.fileSizeInBytes));
  const removedRecords = sum(removed.map(f => f.recordCount));
  const removedSize = sum(removed.map(f => f.fileSizeInBytes));
  const total = (key: string) => BigInt(parent?.summary[key] ?? '0');
  const partitions = new Set([...added, ...removed].map(partitionKey));
  const summary: SnapshotSummary = {
    ...change.summary,
    operation: change.operation,
  };
  const put = (key: string, value: bigint | number) => {
    summary[key] = String(value);
  };
  if (added.length > 0) {
    put('added-data-files', added.length);
    put('added-records', addedRecords);
    put('added-files-size', addedSize);
  }
  if (removed.length > 0) {
    put('deleted-data-files', removed.length);
    put('deleted-records', removedRecords);
    put('removed-files-size', removedSize);
  }
  put('changed-partition-count', partitions.size);
  put('total-records', total('total-records') + addedRecords - removedRecords);
  put('total-files-size', total('total-files-size') + addedSize - removedSize);
  put(
    'total-data-files',
    total('total-data-files') + BigInt(added.length) - BigInt(removed.length),
  );
  put('total-delete-files', total('total-delete-files'));
  put('total-position-deletes', total('total-position-deletes'));
  put('total-equality-deletes', total('total-equality-deletes'));
  return summary;
}

/** Fast append: add files, touch nothing else. */
export function appendFiles(
  table: Table,
  files: DataFile[],
  options: CommitOptions & { summary?: Record<string, string> } = {},
): Promise<SnapshotResult> {
  return commitSnapshot(
    table,
    { operation: 'append', addedFiles: files, summary: options.summary },
    options,
  );
}
