/** A loaded table: its catalog pointer and the metadata it points at. */
import {
  formatIdentifier,
  NoSuchTableError,
  type Catalog,
  type CreateTableOptions,
  type TableIdentifier,
} from './catalog/catalog';
import { joinLocation, NotFoundError } from './io/fileIO';
import {
  currentSchema,
  currentSnapshot,
  defaultSpec,
  MetadataError,
  parseTableMetadata,
  serializeTableMetadata,
} from './metadata';
import { newTableMetadata, nextMetadataLocation } from './tableMetadataBuilder';
import type { PartitionSpec, Schema, Snapshot, TableMetadata } from './types';

const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

export class Table {
  constructor(
    readonly catalog: Catalog,
    readonly identifier: TableIdentifier,
    readonly metadata: TableMetadata,
    readonly metadataLocation: string,
  ) {}

  get name(): string {
    return formatIdentifier(this.identifier);
  }
  get io() {
    return this.catalog.io;
  }
  get location(): string {
    return this.metadata.location;
  }
  schema(): Schema {
    return currentSchema(this.metadata);
  }
  spec(): PartitionSpec {
    return defaultSpec(this.metadata);
  }
  currentSnapshot(): Snapshot | undefined {
    return currentSnapshot(this.metadata);
  }
  /** The same table at its latest committed state. */
  refresh(): Promise<Table> {
    return loadTable(this.catalog, this.identifier);
  }
}

export async function readMetadataFile(
  catalog: Catalog,
  location: string,
): Promise<TableMetadata> {
  let bytes: Uint8Array;
  try {
    bytes = await catalog.io.read(location);
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new MetadataError(
        `metadata file ${location} is missing: the table's files were deleted or moved`,
      );
    }
    throw error;
  }
  return parseTableMetadata(utf8.decode(bytes), `metadata file ${location}`);
}

export async function loadTable(
  catalog: Catalog,
  identifier: TableIdentifier,
): Promise<Table> {
  const pointer = await catalog.loadPointer(identifier);
  const metadata = await readMetadataFile(catalog, pointer.metadataLocation);
  return new Table(catalog, identifier, metadata, pointer.metadataLocation);
}

export async function writeMetadataFile(
  catalog: Catalog,
  location: string,
  metadata: TableMetadata,
): Promise<void> {
  await catalog.io.writeNew(
    location,
    utf8Encoder.encode(serializeTableMetadata(metadata)),
  );
}

export function defaultTableLocation(
  catalog: Catalog,
  identifier: TableIdentifier,
): string {
  // <warehouse>/<namespace>/<table>, as PyIceberg's SqlCatalog lays tables out.
  return joinLocation(
    catalog.warehouse,
    identifier.namespace.join('.'),
    identifier.name,
  );
}

export async function createTable(
  catalog: Catalog,
  identifier: TableIdentifier,
  options: CreateTableOptions,
): Promise<Table> {
  const metadata = newTableMetadata({
    ...options,
    location:
      options.location ??
      (await catalog.defaultTableLocation?.(identifier)) ??
      defaultTableLocation(catalog, identifier),
  });
  const location = nextMetadataLocation(metadata.location);
  await writeMetadataFile(catalog, location, metadata);
  try {
    await catalog.registerTable(identifier, location, metadata);
  } catch (error) {
    await catalog.io.delete(location);
    throw error;
  }
  return new Table(catalog, identifier, metadata, location);
}

export async function loadTableIfExists(
  catalog: Catalog,
  identifier: TableIdentifier,
): Promise<Table | undefined> {
  try {
    return await loadTable(catalog, identifier);
  } catch (error) {
    if (error instanceof NoSuchTableError) return undefined;
    throw error;
  }
}

/** The table's current metadata file, or undefined when the table does not exist. */
export async function metadataLocationIfExists(
  catalog: Catalog,
  identifier: TableIdentifier,
): Promise<string | undefined> {
  try {
    return (await catalog.loadPointer(identifier)).metadataLocation;
  } catch (error) {
    if (error instanceof NoSuchTableError) return undefined;
    throw error;
  }
}

export { joinLocation };
