/**
 * The current snapshot of a table as a select in the engine's dialect (DuckDB: over
 * its data files; Trino, Athena: the table at that snapshot id), planned once per
 * metadata file: a request costs one catalog lookup while nothing commits. A table
 * that does not exist yet reads as empty, with the schema it will be created with.
 */
import {
  metadataLocationIfExists,
  currentSnapshot,
  currentSnapshotSource,
  MetadataError,
  NotFoundError as FileNotFoundError,
  parseTableMetadata,
  planFiles,
  Table,
  localFilesOnly,
  type Catalog,
  type LocalDataFiles,
  type Schema,
  type SqlDialect,
  type TableIdentifier,
} from '@medallion/pipeline';
import { LruPromiseCache } from './lruPromiseCache';

export interface SnapshotSelect {
  /** The metadata file read; `absent` before the table exists. */
  key: string;
  /** SELECT of the snapshot's rows (by Iceberg field id where files are read). */
  select: string;
  /** The snapshot selected; absent while the table has none (or does not exist). */
  snapshot?: { id: bigint; committedAtMs: number };
}

const utf8 = new TextDecoder();

/** A planned snapshot, with the data files its select reads. */
interface Planned extends SnapshotSelect {
  files: string[];
}

export class SnapshotSelects {
  private readonly planned = new LruPromiseCache<Planned>(8);

  constructor(
    private readonly catalog: Catalog,
    readonly dialect: SqlDialect,
    private readonly files: LocalDataFiles = localFilesOnly,
  ) {}

  async current(id: TableIdentifier, schema: Schema): Promise<SnapshotSelect> {
    for (let attempt = 0; ; attempt++) {
      const location = await metadataLocationIfExists(this.catalog, id);
      if (location === undefined)
        return {
          key: 'absent',
          select: this.dialect.snapshotSelect({ id, schema }),
        };
      try {
        const { files, ...planned } = await this.planned.get(location, () =>
          this.plan(id, location),
        );
        // Local paths never change, so the select stands; a copy evicted since is fetched again.
        await this.files.localPaths(files);
        return planned;
      } catch (error) {
        // The table moved on and its old metadata was deleted meanwhile: ask again.
        const gone =
          error instanceof MetadataError || error instanceof FileNotFoundError;
        if (!gone || attempt >= 2) throw error;
      }
    }
  }

  private async plan(id: TableIdentifier, location: string): Promise<Planned> {
    const metadata = parseTableMetadata(
      utf8.decode(await this.catalog.io.read(location)),
      `metadata file ${location}`,
    );
    const source = currentSnapshotSource(id, metadata);
    const current = currentSnapshot(metadata);
    const snapshot = current && {
      id: current['snapshot-id'],
      committedAtMs: current['timestamp-ms'],
    };
    if (!this.dialect.readsFiles)
      return {
        key: location,
        select: this.dialect.snapshotSelect(source),
        files: [],
        ...(snapshot ? { snapshot } : {}),
      };
    const plan = await planFiles(
      new Table(this.catalog, id, metadata, location),
    );
    const files = plan.tasks.map(t => t.file.filePath);
    return {
      key: location,
      select: this.dialect.snapshotSelect({
        ...source,
        schema: plan.schema,
        files: await this.files.localPaths(files),
      }),
      files,
      ...(snapshot ? { snapshot } : {}),
    };
  }
}
