/**
 * Iceberg tables in the AWS Glue Data Catalog, laid out as Iceberg's own GlueCatalog and
 * PyIceberg lay them out, so Athena, Spark, Trino and BI tools see the same tables:
 * a namespace is a Glue database (its LocationUri is where new tables go), a table is an
 * EXTERNAL_TABLE with Parameters `table_type=ICEBERG`, `metadata_location` and
 * `previous_metadata_location`, and Glue columns that follow the current schema.
 *
 * A commit swaps `metadata_location` with UpdateTable guarded by the table's VersionId
 * (Glue refuses a stale one) and SkipArchive (no table version per commit). Before that,
 * the writer claims the step from the expected metadata file with a conditional create
 * of a small claim file next to the metadata: only one writer can claim a given base,
 * and a claim names the already-written metadata it commits, so anyone who finds a
 * claim whose swap has not happened yet completes it. This keeps commits atomic on
 * stores and emulators that do not enforce VersionId, and no crash can leave a claim
 * that blocks the table.
 */
import {
  AlreadyExistsException,
  CreateDatabaseCommand,
  CreateTableCommand,
  DeleteDatabaseCommand,
  DeleteTableCommand,
  EntityNotFoundException,
  GetDatabaseCommand,
  GetDatabasesCommand,
  GetTableCommand,
  GetTablesCommand,
  GlueClient,
  UpdateTableCommand,
  type Database,
  type Table as GlueTable,
  type TableInput,
} from '@aws-sdk/client-glue';
import { createHash } from 'node:crypto';
import { awsClientConfig, type AwsSettings } from '../../../aws/clientConfig';
import { FileExistsError, joinLocation, type FileIO } from '../../io/fileIO';
import { parseTableMetadata, currentSchema } from '../../metadata';
import type { TableMetadata } from '../../types';
import {
  AlreadyExistsError,
  CatalogError,
  CommitConflictError,
  CommitStateUnknownError,
  formatIdentifier,
  NamespaceNotEmptyError,
  NoSuchNamespaceError,
  NoSuchTableError,
  type Catalog,
  type TableIdentifier,
  type TablePointer,
} from '../catalog';
import { glueColumns } from './glueColumns';

export interface GlueCatalogOptions {
  /** The catalog's name in our code and lineage (Glue itself has one catalog per account). */
  name: string;
  aws: AwsSettings;
  /** The AWS account id of the Data Catalog; default the caller's account. */
  catalogId?: string;
  /** Where tables go when their database has no LocationUri. */
  warehouse: string;
  io: FileIO;
  client?: GlueClient;
}

const ICEBERG = 'ICEBERG';
const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

function isIcebergTable(table: GlueTable | undefined): boolean {
  return table?.Parameters?.table_type?.toUpperCase() === ICEBERG;
}

/** Glue databases are flat, lower-case names. */
function databaseName(namespace: string[]): string {
  const [name, ...rest] = namespace;
  if (!name || rest.length > 0 || !/^[a-z0-9_]{1,252}$/.test(name))
    throw new CatalogError(
      `invalid namespace ${JSON.stringify(
        namespace,
      )} for Glue: one level of lower-case letters, digits and underscores (e.g. ["silver"])`,
    );
  return name;
}

function tableName(identifier: TableIdentifier): string {
  if (!/^[a-z0-9_]{1,255}$/.test(identifier.name))
    throw new CatalogError(
      `invalid table name "${identifier.name}" for Glue: lower-case letters, digits and underscores`,
    );
  return identifier.name;
}

function claimLocation(expected: string, next: string): string {
  const dir = next.slice(0, next.lastIndexOf('/'));
  const base = createHash('sha256').update(expected).digest('hex');
  return joinLocation(dir, '_commits', `${base.slice(0, 40)}.json`);
}

export class GlueCatalog implements Catalog {
  readonly name: string;
  readonly io: FileIO;
  readonly warehouse: string;
  readonly #glue: GlueClient;
  readonly #ownsClient: boolean;
  readonly #catalogId?: string;

  constructor(options: GlueCatalogOptions) {
    this.name = options.name;
    this.io = options.io;
    this.warehouse = options.warehouse;
    this.#catalogId = options.catalogId;
    this.#ownsClient = !options.client;
    this.#glue = options.client ?? new GlueClient(awsClientConfig(options.aws));
  }

  get #scope() {
    return this.#catalogId ? { CatalogId: this.#catalogId } : {};
  }

  async createNamespace(
    namespace: string[],
    properties: Record<string, string> = {},
  ): Promise<void> {
    const { location, comment, ...parameters } = properties;
    try {
      await this.#glue.send(
        new CreateDatabaseCommand({
          ...this.#scope,
          DatabaseInput: {
            Name: databaseName(namespace),
            ...(location ? { LocationUri: location } : {}),
            ...(comment ? { Description: comment } : {}),
            Parameters: parameters,
          },
        }),
      );
    } catch (error) {
      if (error instanceof AlreadyExistsException)
        throw new AlreadyExistsError(
          `namespace ${namespace.join('.')} already exists`,
        );
      throw error;
    }
  }

  async #database(namespace: string[]): Promise<Database | undefined> {
    try {
      const res = await this.#glue.send(
        new GetDatabaseCommand({
          ...this.#scope,
          Name: databaseName(namespace),
        }),
      );
      return res.Database;
    } catch (error) {
      if (error instanceof EntityNotFoundException) return undefined;
      throw error;
    }
  }

  async namespaceExists(namespace: string[]): Promise<boolean> {
    return (await this.#database(namespace)) !== undefined;
  }

  async listNamespaces(): Promise<string[][]> {
    const names: string[][] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.#glue.send(
        new GetDatabasesCommand({ ...this.#scope, NextToken }),
      );
      for (const db of page.DatabaseList ?? [])
        if (db.Name) names.push([db.Name]);
      NextToken = page.NextToken;
    } while (NextToken);
    return names;
  }

  async namespaceProperties(
    namespace: string[],
  ): Promise<Record<string, string>> {
    const db = await this.#database(namespace);
    if (!db)
      throw new NoSuchNamespaceError(
        `namespace ${namespace.join('.')} does not exist`,
      );
    return {
      ...db.Parameters,
      ...(db.LocationUri ? { location: db.LocationUri } : {}),
      ...(db.Description ? { comment: db.Description } : {}),
    };
  }

  async dropNamespace(namespace: string[]): Promise<void> {
    const name = databaseName(namespace);
    const tables = await this.#glue
      .send(new GetTablesCommand({ ...this.#scope, DatabaseName: name }))
      .catch(error => {
        if (error instanceof EntityNotFoundException)
          throw new NoSuchNamespaceError(`namespace ${name} does not exist`);
        throw error;
      });
    if ((tables.TableList ?? []).length > 0)
      throw new NamespaceNotEmptyError(
        `namespace ${name} still holds tables; drop them first`,
      );
    await this.#glue.send(
      new DeleteDatabaseCommand({ ...this.#scope, Name: name }),
    );
  }

  async listTables(namespace: string[]): Promise<TableIdentifier[]> {
    const DatabaseName = databaseName(namespace);
    const out: TableIdentifier[] = [];
    let NextToken: string | undefined;
    do {
      let page;
      try {
        page = await this.#glue.send(
          new GetTablesCommand({ ...this.#scope, DatabaseName, NextToken }),
        );
      } catch (error) {
        if (error instanceof EntityNotFoundException)
          throw new NoSuchNamespaceError(
            `namespace ${DatabaseName} does not exist`,
          );
        throw error;
      }
      for (const t of page.TableList ?? [])
        if (t.Name && isIcebergTable(t))
          out.push({ namespace: [DatabaseName], name: t.Name });
      NextToken = page.NextToken;
    } while (NextToken);
    return out;
  }

  async #table(identifier: TableIdentifier): Promise<GlueTable> {
    let table: GlueTable | undefined;
    try {
      const res = await this.#glue.send(
        new GetTableCommand({
          ...this.#scope,
          DatabaseName: databaseName(identifier.namespace),
          Name: tableName(identifier),
        }),
      );
      table = res.Table;
    } catch (error) {
      if (!(error instanceof EntityNotFoundException)) throw error;
    }
    if (!table || !isIcebergTable(table))
      throw new NoSuchTableError(
        `table ${formatIdentifier(identifier)} does not exist${
          table
            ? ' as an Iceberg table (Glue holds a non-Iceberg table there)'
            : ''
        }`,
      );
    return table;
  }

  async tableExists(identifier: TableIdentifier): Promise<boolean> {
    try {
      await this.#table(identifier);
      return true;
    } catch (error) {
      if (error instanceof NoSuchTableError) return false;
      throw error;
    }
  }

  /** Where a new table goes: under its database's LocationUri, else the warehouse. */
  async defaultTableLocation(identifier: TableIdentifier): Promise<string> {
    const db = await this.#database(identifier.namespace);
    if (!db)
      throw new NoSuchNamespaceError(
        `namespace ${identifier.namespace.join('.')} does not exist`,
      );
    return db.LocationUri
      ? joinLocation(db.LocationUri, identifier.name)
      : joinLocation(this.warehouse, db.Name ?? '', identifier.name);
  }

  async #readMetadata(location: string): Promise<TableMetadata> {
    const bytes = await this.io.read(location);
    return parseTableMetadata(utf8.decode(bytes), `metadata file ${location}`);
  }

  #tableInput(
    identifier: TableIdentifier,
    metadata: TableMetadata,
    parameters: Record<string, string>,
  ): TableInput {
    return {
      Name: tableName(identifier),
      TableType: 'EXTERNAL_TABLE',
      Parameters: { ...parameters, table_type: ICEBERG },
      StorageDescriptor: {
        Location: metadata.location,
        Columns: glueColumns(currentSchema(metadata)),
      },
    };
  }

  async registerTable(
    identifier: TableIdentifier,
    metadataLocation: string,
    written?: TableMetadata,
  ): Promise<void> {
    const metadata = written ?? (await this.#readMetadata(metadataLocation));
    try {
      await this.#glue.send(
        new CreateTableCommand({
          ...this.#scope,
          DatabaseName: databaseName(identifier.namespace),
          TableInput: this.#tableInput(identifier, metadata, {
            metadata_location: metadataLocation,
          }),
        }),
      );
    } catch (error) {
      if (error instanceof AlreadyExistsException)
        throw new AlreadyExistsError(
          `table ${formatIdentifier(identifier)} already exists`,
        );
      if (error instanceof EntityNotFoundException)
        throw new NoSuchNamespaceError(
          `namespace ${identifier.namespace.join('.')} does not exist`,
        );
      throw error;
    }
  }

  async loadPointer(identifier: TableIdentifier): Promise<TablePointer> {
    const table = await this.#table(identifier);
    const params = table.Parameters ?? {};
    if (!params.metadata_location)
      throw new CatalogError(
        `Glue table ${formatIdentifier(
          identifier,
        )} has no metadata_location parameter`,
      );
    return {
      identifier,
      metadataLocation: params.metadata_location,
      previousMetadataLocation: params.previous_metadata_location,
    };
  }

  async dropTable(identifier: TableIdentifier): Promise<void> {
    await this.#table(identifier);
    await this.#glue.send(
      new DeleteTableCommand({
        ...this.#scope,
        DatabaseName: databaseName(identifier.namespace),
        Name: tableName(identifier),
      }),
    );
  }

  /** Glue cannot rename: the table is created under the new name, then the old one dropped. */
  async renameTable(from: TableIdentifier, to: TableIdentifier): Promise<void> {
    const pointer = await this.loadPointer(from);
    if (await this.tableExists(to))
      throw new AlreadyExistsError(
        `table ${formatIdentifier(to)} already exists`,
      );
    await this.registerTable(to, pointer.metadataLocation);
    await this.dropTable(from);
  }

  /** Points the table at `next` if it is at `expected`, via the table's VersionId. */
  async #update(
    identifier: TableIdentifier,
    table: GlueTable,
    expected: string,
    next: string,
    written?: TableMetadata,
  ): Promise<void> {
    // Glue's columns follow the metadata of `next`: read it unless the writer gave it.
    const metadata = written ?? (await this.#readMetadata(next));
    await this.#glue.send(
      new UpdateTableCommand({
        ...this.#scope,
        DatabaseName: databaseName(identifier.namespace),
        TableInput: this.#tableInput(identifier, metadata, {
          ...table.Parameters,
          metadata_location: next,
          previous_metadata_location: expected,
        }),
        VersionId: table.VersionId,
        SkipArchive: true,
      }),
    );
  }

  async swapMetadata(
    identifier: TableIdentifier,
    expected: string,
    next: string,
    written?: TableMetadata,
  ): Promise<void> {
    const conflict = (why: string) =>
      new CommitConflictError(
        `table ${formatIdentifier(
          identifier,
        )} changed since it was loaded (${why}); reload and retry`,
      );
    const table = await this.#table(identifier);
    const current = table.Parameters?.metadata_location;
    if (current !== expected)
      throw conflict(`it points at ${current ?? 'nothing'}, not ${expected}`);

    const claim = claimLocation(expected, next);
    try {
      await this.io.writeNew(
        claim,
        utf8Encoder.encode(JSON.stringify({ base: expected, next })),
      );
    } catch (error) {
      if (!(error instanceof FileExistsError)) throw error;
      const held = JSON.parse(utf8.decode(await this.io.read(claim))) as {
        base?: string;
        next?: string;
      };
      if (held.next !== next) {
        // Another writer claimed this step: finish its swap if it has not, then retry.
        if (held.base === expected && held.next)
          await this.#update(identifier, table, expected, held.next).catch(
            () => undefined,
          );
        throw conflict(`another writer committed ${held.next ?? 'a change'}`);
      }
    }

    // Claimed: this commit lands, by us now or by the next writer who finds the claim.
    try {
      await this.#update(identifier, table, expected, next, written);
    } catch (error) {
      try {
        // Only our claim moves the table off `expected`; if it has moved, our swap is in.
        const now = await this.#table(identifier);
        if (now.Parameters?.metadata_location === expected)
          await this.#update(identifier, now, expected, next, written);
      } catch {
        throw new CommitStateUnknownError(
          `commit to ${formatIdentifier(
            identifier,
          )} is claimed but Glue did not take it (${
            (error as Error).message
          }); the next writer completes it, reload the table before retrying`,
        );
      }
    }
  }

  async close(): Promise<void> {
    if (this.#ownsClient) this.#glue.destroy();
  }
}
