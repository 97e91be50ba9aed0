/**
 * The one commit path. Every change to a table — append, overwrite, schema update,
 * expiry — is a function from the current metadata to the next one; this module runs it
 * under optimistic concurrency: write the new metadata file, swap the catalog pointer
 * only if it still points where we started, and on a conflict reload, re-validate and
 * rebuild, with exponential backoff and jitter.
 */
import {
  CommitConflictError,
  CommitStateUnknownError,
  type TableIdentifier,
} from './catalog/catalog';
import type { FileIO } from './io/fileIO';
import { boolProperty, intProperty } from './metadata';
import { loadTable, Table, writeMetadataFile } from './table';
import {
  DELETE_AFTER_COMMIT,
  nextMetadataLocation,
  stampCommit,
} from './tableMetadataBuilder';
import type { TableMetadata } from './types';

export class CommitFailedError extends Error {
  constructor(message: string, readonly attempts: number) {
    super(message);
  }
}

/** Thrown by a validator to abort (not retry) a commit, e.g. a fenced ingestion writer. */
export class CommitValidationError extends Error {}

export interface CommitAttempt {
  /** 1 for the first try. */
  attempt: number;
}

export interface BuiltCommit {
  metadata: TableMetadata;
  /** Files written for this attempt only (e.g. a manifest list), deleted if it loses. */
  attemptFiles?: string[];
}

export interface CommitOptions {
  /**
   * Runs against the head before every attempt (including the first). Throw
   * CommitValidationError to abort: used to fence writers whose view is stale.
   */
  validate?: (
    head: TableMetadata,
    attempt: CommitAttempt,
  ) => void | Promise<void>;
  /** Defaults from table properties commit.retry.num-retries (4), min-wait-ms (100), max-wait-ms (60000). */
  retries?: number;
  minWaitMs?: number;
  maxWaitMs?: number;
}

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

export async function commitTable(
  table: Table,
  build: (
    head: TableMetadata,
    attempt: CommitAttempt,
  ) => Promise<BuiltCommit> | BuiltCommit,
  options: CommitOptions = {},
): Promise<Table> {
  const retries =
    options.retries ??
    intProperty(table.metadata, 'commit.retry.num-retries', 4);
  const minWait =
    options.minWaitMs ??
    intProperty(table.metadata, 'commit.retry.min-wait-ms', 100);
  const maxWait =
    options.maxWaitMs ??
    intProperty(table.metadata, 'commit.retry.max-wait-ms', 60_000);
  let head: Table = table;
  for (let attempt = 1; ; attempt++) {
    const ctx = { attempt };
    if (options.validate) await options.validate(head.metadata, ctx);
    const built = await build(head.metadata, ctx);
    const { metadata, droppedMetadataFiles } = stampCommit(
      built.metadata,
      head.metadataLocation,
      head.metadata['last-updated-ms'],
    );
    const location = nextMetadataLocation(
      metadata.location,
      head.metadataLocation,
    );
    await writeMetadataFile(table.catalog, location, metadata);
    try {
      await table.catalog.swapMetadata(
        table.identifier,
        head.metadataLocation,
        location,
        metadata,
      );
    } catch (error) {
      if (error instanceof CommitStateUnknownError) throw error;
      if (!(error instanceof CommitConflictError)) {
        // The swap may have landed before the error (e.g. a dropped connection): only
        // clean up when the catalog shows that it did not.
        if (await pointsAt(table, location))
          return finish(table, metadata, location, droppedMetadataFiles);
        await deleteAll(table, [location, ...(built.attemptFiles ?? [])]);
        throw error;
      }
      await deleteAll(table, [location, ...(built.attemptFiles ?? [])]);
      if (attempt > retries) {
        throw new CommitFailedError(
          `commit to ${table.name} failed after ${attempt} attempts: other writers kept changing the table`,
          attempt,
        );
      }
      const wait = Math.min(maxWait, minWait * 2 ** (attempt - 1));
      await sleep(wait / 2 + Math.random() * (wait / 2));
      head = await loadTable(table.catalog, table.identifier);
      continue;
    }
    return finish(table, metadata, location, droppedMetadataFiles);
  }
}

export { CommitStateUnknownError };

/** Deletes the files a failed commit wrote, unless the commit may have landed. */
export async function discardUncommitted(
  io: FileIO,
  error: unknown,
  locations: readonly string[],
): Promise<void> {
  if (error instanceof CommitStateUnknownError) return;
  await Promise.all(locations.map(l => io.delete(l)));
}

async function pointsAt(table: Table, location: string): Promise<boolean> {
  try {
    return (
      (await table.catalog.loadPointer(table.identifier)).metadataLocation ===
      location
    );
  } catch (error) {
    throw new CommitStateUnknownError(
      `cannot tell whether the commit to ${table.name} succeeded (${
        (error as Error).message
      }); reload the table before retrying`,
    );
  }
}

async function deleteAll(table: Table, locations: string[]): Promise<void> {
  await Promise.all(locations.map(f => table.catalog.io.delete(f)));
}

async function finish(
  table: Table,
  metadata: TableMetadata,
  location: string,
  droppedMetadataFiles: string[],
): Promise<Table> {
  if (boolProperty(metadata, DELETE_AFTER_COMMIT, false))
    await deleteAll(table, droppedMetadataFiles);
  return new Table(table.catalog, table.identifier, metadata, location);
}

export type { TableIdentifier };
