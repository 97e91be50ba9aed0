/** The catalog contract: namespaces, tables, and the atomic metadata-pointer swap. */
import type { FileIO } from '../io/fileIO';
import type { PartitionSpec, Schema, SortOrder, TableMetadata } from '../types';

export interface TableIdentifier {
  namespace: string[];
  name: string;
}

export interface CreateTableOptions {
  schema: Schema;
  partitionSpec?: PartitionSpec;
  sortOrder?: SortOrder;
  properties?: Record<string, string>;
  /** Defaults to <warehouse>/<namespace>/<name>. */
  location?: string;
}

/** What the catalog stores for a table: where its current metadata file is. */
export interface TablePointer {
  identifier: TableIdentifier;
  metadataLocation: string;
  previousMetadataLocation?: string;
}

export interface Catalog {
  readonly name: string;
  readonly io: FileIO;
  readonly warehouse: string;

  createNamespace(
    namespace: string[],
    properties?: Record<string, string>,
  ): Promise<void>;
  namespaceExists(namespace: string[]): Promise<boolean>;
  listNamespaces(): Promise<string[][]>;
  namespaceProperties(namespace: string[]): Promise<Record<string, string>>;
  dropNamespace(namespace: string[]): Promise<void>;

  listTables(namespace: string[]): Promise<TableIdentifier[]>;
  tableExists(identifier: TableIdentifier): Promise<boolean>;
  /**
   * Registers a table whose first metadata file is already written. `metadata` is that
   * file's content when the caller has it (a catalog that needs it then need not re-read it).
   */
  registerTable(
    identifier: TableIdentifier,
    metadataLocation: string,
    metadata?: TableMetadata,
  ): Promise<void>;
  loadPointer(identifier: TableIdentifier): Promise<TablePointer>;
  dropTable(identifier: TableIdentifier): Promise<void>;
  renameTable(from: TableIdentifier, to: TableIdentifier): Promise<void>;
  /**
   * Compare-and-swap of the metadata pointer: succeeds only if the table still points
   * at `expected`. Throws CommitConflictError otherwise. `metadata`: the content of
   * `next`, when the caller has it.
   */
  swapMetadata(
    identifier: TableIdentifier,
    expected: string,
    next: string,
    metadata?: TableMetadata,
  ): Promise<void>;
  close(): Promise<void>;
  /**
   * Where a new table goes when the caller gives no location, if the catalog decides
   * (Glue: under the database's LocationUri); otherwise <warehouse>/<namespace>/<name>.
   */
  defaultTableLocation?(identifier: TableIdentifier): Promise<string>;
}

export class CatalogError extends Error {}
export class NoSuchTableError extends CatalogError {}
export class NoSuchNamespaceError extends CatalogError {}
export class AlreadyExistsError extends CatalogError {}
export class NamespaceNotEmptyError extends CatalogError {}
/** Another writer committed first; reload and retry. */
export class CommitConflictError extends CatalogError {}
/**
 * It cannot be known whether a commit landed (or it is certain to land later): the files
 * it wrote may be live, so nothing may be cleaned up. Reload the table before retrying.
 */
export class CommitStateUnknownError extends Error {}

export function formatIdentifier(id: TableIdentifier): string {
  return [...id.namespace, id.name].join('.');
}

/** "silver.purchases" → { namespace: ['silver'], name: 'purchases' }. */
export function parseIdentifier(text: string): TableIdentifier {
  const parts = text.split('.').map(p => p.trim());
  if (parts.length < 2 || parts.some(p => p.length === 0)) {
    throw new CatalogError(
      `"${text}" is not a table identifier: expected <namespace>.<table>, e.g. silver.purchases`,
    );
  }
  return { namespace: parts.slice(0, -1), name: parts[parts.length - 1]! };
}

export function validateNamespace(namespace: string[]): void {
  if (
    namespace.length === 0 ||
    namespace.some(p => p.length === 0 || p.includes('.'))
  ) {
    throw new CatalogError(
      `invalid namespace ${JSON.stringify(
        namespace,
      )}: non-empty parts without dots`,
    );
  }
}

/** Helper for listing metadata that a table returns with its pointer. */
export interface LoadedTable {
  pointer: TablePointer;
  metadata: TableMetadata;
}
