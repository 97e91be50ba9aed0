/**
 * Where table files live. Iceberg files are immutable and addressed by absolute
 * location (`file:///…` locally, `s3://…` on AWS), so the interface is small: read,
 * write a new file, delete, list (for orphan cleanup).
 */

export interface FileInfo {
  location: string;
  size: number;
  modifiedMs: number;
}

export interface FileIO {
  /** The whole file; throws NotFoundError when it does not exist. */
  read(location: string): Promise<Uint8Array>;
  /** Creates a file that must not exist yet (a collision is a bug, never an overwrite). */
  writeNew(location: string, bytes: Uint8Array): Promise<void>;
  exists(location: string): Promise<boolean>;
  /** Deletes a file; a missing file is not an error. */
  delete(location: string): Promise<void>;
  /** Every file under a location prefix (a directory locally). */
  list(prefix: string): AsyncIterable<FileInfo>;
}

export class NotFoundError extends Error {
  constructor(readonly location: string) {
    super(`file not found: ${location}`);
  }
}

export class FileExistsError extends Error {
  constructor(readonly location: string) {
    super(`file already exists: ${location}`);
  }
}

/**
 * One name per file for comparisons: Spark and Hive write `s3a://` and `s3n://` for
 * what S3 listings (and we) call `s3://`.
 */
export function canonicalLocation(location: string): string {
  return location.replace(/^s3[an]:\/\//i, 's3://');
}

/** Joins a location and relative parts with single slashes. */
export function joinLocation(base: string, ...parts: string[]): string {
  return [
    base.replace(/\/+$/, ''),
    ...parts.map(p => p.replace(/^\/+|\/+$/g, '')),
  ]
    .filter(Boolean)
    .join('/');
}
