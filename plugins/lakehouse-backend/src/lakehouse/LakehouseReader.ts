/**
 * The read side of the lakehouse for the REST API: tables, their details, snapshots and
 * previews, straight from the Iceberg catalog.
 *
 * Every call reads the catalog's pointers (one small query per table), so a commit is
 * visible at once. A metadata file never changes once written, so what is parsed from it
 * is cached by its location: a table with 1k snapshots costs a JSON parse and validation
 * only after it commits, not on every request. The cache is an LRU bounded by count, and
 * concurrent requests for a location that is still loading share the load.
 */
import { InputError, NotFoundError } from '@backstage/errors';
import {
  metadataLocationIfExists,
  currentSnapshot,
  currentSnapshotSource,
  defaultSpec,
  DuckDbEngine,
  formatIdentifier,
  indexFields,
  localFilesOnly,
  MetadataError,
  NotFoundError as FileNotFoundError,
  parseTableMetadata,
  planFiles,
  schemaById,
  Table,
  type Catalog,
  type LocalDataFiles,
  type PartitionSpec,
  type QueryEngine,
  type TableIdentifier,
  type TableMetadata,
} from '@medallion/pipeline';
import type {
  PartitionField,
  SchemaVersion,
  SnapshotsPage,
  TableDetail,
  TablePreview,
  TableSummary,
} from '@medallion/plugin-lakehouse-common';
import { LruPromiseCache } from './lruPromiseCache';
import { schemaHistory, tableFields, typeName } from './schemaHistory';
import {
  checkLimit,
  indexSnapshots,
  snapshotsPage,
  type SnapshotIndex,
} from './snapshotPaging';
import { previewSql } from './tablePreview';
import {
  snapshotInfo,
  summarizeMetadata,
  tableSummary,
  type MetadataSummary,
} from './tableSummary';

export const DEFAULT_PREVIEW_LIMIT = 50;
export const DEFAULT_METADATA_CACHE_SIZE = 128;

/** Reads table metadata by identifier; what pipeline metrics need. */
export interface TableMetadataSource {
  /** The table's current metadata, or undefined when the table does not exist. */
  loadMetadata(id: TableIdentifier): Promise<TableMetadata | undefined>;
}

export interface LakehouseReaderOptions {
  catalog: Catalog;
  /**
   * Runs previews, in its dialect. Default: a private DuckDB created on first use and
   * released by close(). A DuckDbEngine passed in should be created with `tables: []`:
   * otherwise it rebuilds a view of every table before each query. The caller closes
   * its own engine.
   */
  engine?: QueryEngine;
  /** Local paths of data files for previews (a DataFileCache when tables are on S3). */
  files?: LocalDataFiles;
  /** Metadata files kept parsed (LRU by count); 0 disables the cache. Default 128. */
  cacheSize?: number;
}

/** What is kept per metadata file; derived views are built on first use. */
interface ParsedMetadata {
  metadata: TableMetadata;
  summary: MetadataSummary;
  snapshots?: SnapshotIndex;
  history?: SchemaVersion[];
  files?: Promise<string[]>;
}

interface LoadedTable {
  id: TableIdentifier;
  metadataLocation: string;
  parsed: ParsedMetadata;
}

const utf8 = new TextDecoder();

export class LakehouseReader implements TableMetadataSource {
  private readonly catalog: Catalog;
  private readonly cache: LruPromiseCache<ParsedMetadata>;
  private engine: QueryEngine | undefined;
  private readonly ownsEngine: boolean;
  private readonly files: LocalDataFiles;
  /** Previews run one at a time: a DuckDB connection runs one query at a time. */
  private previewQueue: Promise<unknown> = Promise.resolve();

  constructor(options: LakehouseReaderOptions) {
    this.catalog = options.catalog;
    this.cache = new LruPromiseCache(
      options.cacheSize ?? DEFAULT_METADATA_CACHE_SIZE,
    );
    this.engine = options.engine;
    this.ownsEngine = !options.engine;
    this.files = options.files ?? localFilesOnly;
  }

  /** Every table of every namespace, sorted by id; tables dropped meanwhile are left out. */
  async listTables(): Promise<TableSummary[]> {
    const namespaces = await this.catalog.listNamespaces();
    const ids = (
      await Promise.all(namespaces.map(ns => this.catalog.listTables(ns)))
    ).flat();
    const loaded = await Promise.all(ids.map(id => this.tryLoad(id)));
    return loaded
      .filter((t): t is LoadedTable => t !== undefined)
      .map(t => tableSummary(t.id, t.parsed.summary))
      .sort((a, b) => {
        if (a.id === b.id) return 0;
        return a.id < b.id ? -1 : 1;
      });
  }

  async getTable(namespace: string, table: string): Promise<TableDetail> {
    const { id, metadataLocation, parsed } = await this.load(
      identifier(namespace, table),
    );
    const meta = parsed.metadata;
    const schema = schemaById(meta, meta['current-schema-id']);
    parsed.history ??= schemaHistory(meta);
    const current = currentSnapshot(meta);
    return {
      ...tableSummary(id, parsed.summary),
      schema: { schemaId: schema['schema-id'], fields: tableFields(schema) },
      schemaHistory: parsed.history,
      partitionSpec: partitionSpecOf(meta, defaultSpec(meta)),
      properties: { ...meta.properties },
      currentSnapshot: current ? snapshotInfo(current) : null,
      metadataLocation,
    };
  }

  /** Snapshots newest first, `limit` (1..500, default 50) per page. */
  async listSnapshots(
    namespace: string,
    table: string,
    options: { limit?: number; cursor?: string } = {},
  ): Promise<SnapshotsPage> {
    const { parsed } = await this.load(identifier(namespace, table));
    parsed.snapshots ??= indexSnapshots(parsed.metadata);
    return snapshotsPage(parsed.snapshots, options);
  }

  /** The first `limit` (1..500, default 50) rows of the current snapshot. */
  async preview(
    namespace: string,
    table: string,
    options: { limit?: number } = {},
  ): Promise<TablePreview> {
    const limit = checkLimit(options.limit, DEFAULT_PREVIEW_LIMIT);
    const loaded = await this.load(identifier(namespace, table));
    const meta = loaded.parsed.metadata;
    const source = currentSnapshotSource(loaded.id, meta);
    const columns = source.schema.fields.map(f => ({
      name: f.name,
      type: typeName(f.type),
    }));
    const snapshotId = source.snapshotId?.toString() ?? null;
    const engine = this.previewEngine();
    if (engine.dialect.readsFiles && source.snapshotId !== undefined) {
      const files = await this.dataFiles(loaded);
      source.files = await this.files.localPaths(files);
    }
    // DuckDB's empty snapshot needs no query; Trino and Athena find out by running it.
    if (source.snapshotId === undefined || source.files?.length === 0)
      return { columns, rows: [], truncated: false, snapshotId };
    const sql = previewSql(engine.dialect, source, limit);
    // A DuckDB connection runs one query at a time; Trino and Athena take many.
    let result;
    if (engine.dialect.readsFiles) {
      const run = this.previewQueue.then(() => engine.query(sql, { limit }));
      this.previewQueue = run.catch(() => undefined);
      result = await run;
    } else {
      result = await engine.query(sql, { limit });
    }
    return {
      columns,
      rows: result.rows,
      truncated: result.truncated,
      snapshotId,
    };
  }

  async loadMetadata(id: TableIdentifier): Promise<TableMetadata | undefined> {
    return (await this.tryLoad(id))?.parsed.metadata;
  }

  /** Releases the preview engine if this reader created it, and the cache. */
  async close(): Promise<void> {
    this.cache.clear();
    const engine = this.engine;
    if (engine && this.ownsEngine) {
      this.engine = undefined;
      await this.previewQueue;
      await engine.close();
    }
  }

  private previewEngine(): QueryEngine {
    // No views to refresh: previews read files by their paths.
    this.engine ??= new DuckDbEngine({ catalog: this.catalog, tables: [] });
    return this.engine;
  }

  private dataFiles(loaded: LoadedTable): Promise<string[]> {
    const { parsed } = loaded;
    if (!parsed.files) {
      const table = new Table(
        this.catalog,
        loaded.id,
        parsed.metadata,
        loaded.metadataLocation,
      );
      const files = planFiles(table).then(plan =>
        plan.tasks.map(t => t.file.filePath),
      );
      parsed.files = files;
      // A failed plan (a file being replaced by maintenance) is retried next time.
      files.catch(() => {
        if (parsed.files === files) parsed.files = undefined;
      });
    }
    return parsed.files;
  }

  /** The table, or a 404 naming it. */
  private async load(id: TableIdentifier): Promise<LoadedTable> {
    const loaded = await this.tryLoad(id);
    if (!loaded)
      throw new NotFoundError(`table ${formatIdentifier(id)} does not exist`);
    return loaded;
  }

  /** The table at its current pointer; undefined when it does not exist (or was just dropped). */
  private async tryLoad(id: TableIdentifier): Promise<LoadedTable | undefined> {
    let location = await metadataLocationIfExists(this.catalog, id);
    if (location === undefined) return undefined;
    try {
      return {
        id,
        metadataLocation: location,
        parsed: await this.parse(location),
      };
    } catch (error) {
      if (!(error instanceof MetadataError)) throw error;
      // The file may be gone because the table was dropped or moved on (old metadata
      // files are deleted after commits): ask the catalog again before failing.
      const again = await metadataLocationIfExists(this.catalog, id);
      if (again === undefined) return undefined;
      if (again === location) throw error;
      location = again;
      return {
        id,
        metadataLocation: location,
        parsed: await this.parse(location),
      };
    }
  }

  private parse(location: string): Promise<ParsedMetadata> {
    return this.cache.get(location, async () => {
      let bytes: Uint8Array;
      try {
        bytes = await this.catalog.io.read(location);
      } catch (error) {
        if (error instanceof FileNotFoundError)
          throw new MetadataError(`metadata file ${location} is missing`);
        throw error;
      }
      const metadata = parseTableMetadata(
        utf8.decode(bytes),
        `metadata file ${location}`,
      );
      return { metadata, summary: summarizeMetadata(metadata) };
    });
  }
}

/** `namespace` may be a multi-level namespace written with dots (`a.b`). */
function identifier(namespace: string, table: string): TableIdentifier {
  const parts = namespace.split('.');
  if (parts.some(p => p.length === 0) || table.length === 0)
    throw new InputError(
      `"${namespace}.${table}" is not a table name: expected <namespace>/<table>`,
    );
  return { namespace: parts, name: table };
}

function partitionSpecOf(
  meta: TableMetadata,
  spec: PartitionSpec,
): { specId: number; fields: PartitionField[] } {
  const current = indexFields(schemaById(meta, meta['current-schema-id']));
  // A source column dropped since is named from the newest schema that still has it.
  const older = [...meta.schemas].reverse().map(s => indexFields(s));
  const sourceName = (id: number) =>
    current.get(id)?.path ??
    older.find(index => index.has(id))?.get(id)?.path ??
    `#${id}`;
  return {
    specId: spec['spec-id'],
    fields: spec.fields.map(f => ({
      sourceId: f['source-id'],
      sourceName: sourceName(f['source-id']),
      fieldId: f['field-id'],
      name: f.name,
      transform: f.transform,
    })),
  };
}
