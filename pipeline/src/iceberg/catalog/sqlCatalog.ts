/**
 * Iceberg's SQL catalog on knex: the exact tables of Iceberg's JDBC catalog and
 * PyIceberg's SqlCatalog, so Java, Spark, Trino and PyIceberg open the same tables.
 * SQLite (better-sqlite3) by default, PostgreSQL supported. A commit is one UPDATE
 * guarded by the expected metadata location: zero rows updated means another writer
 * won, which the commit path turns into a retry.
 */
import knexFactory, { type Knex } from 'knex';
import type { FileIO } from '../io/fileIO';
import {
  AlreadyExistsError,
  CatalogError,
  CommitConflictError,
  formatIdentifier,
  NamespaceNotEmptyError,
  NoSuchNamespaceError,
  NoSuchTableError,
  validateNamespace,
  type Catalog,
  type TableIdentifier,
  type TablePointer,
} from './catalog';

export const TABLES = 'iceberg_tables';
export const NAMESPACE_PROPERTIES = 'iceberg_namespace_properties';

export interface SqlCatalogOptions {
  name: string;
  /** knex config, or a knex instance shared with the caller (not destroyed on close). */
  knex: Knex.Config | Knex;
  warehouse: string;
  io: FileIO;
}

/** knex config for a SQLite catalog file (WAL, busy timeout so concurrent writers wait). */
export function sqliteConfig(filename: string): Knex.Config {
  return {
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate: (
        conn: { pragma: (s: string) => void },
        done: (err: Error | null, c: unknown) => void,
      ) => {
        conn.pragma('journal_mode = WAL');
        conn.pragma('busy_timeout = 10000');
        done(null, conn);
      },
    },
  };
}

export function postgresConfig(connectionString: string): Knex.Config {
  return {
    client: 'pg',
    connection: connectionString,
    pool: { min: 0, max: 4 },
  };
}

const nsText = (namespace: string[]) => namespace.join('.');

export class SqlCatalog implements Catalog {
  readonly name: string;
  readonly io: FileIO;
  readonly warehouse: string;
  private readonly db: Knex;
  private readonly ownsDb: boolean;
  private ready: Promise<void> | undefined;

  constructor(options: SqlCatalogOptions) {
    this.name = options.name;
    this.io = options.io;
    this.warehouse = options.warehouse.replace(/\/+$/, '');
    const shared = typeof options.knex === 'function';
    this.db = shared
      ? (options.knex as Knex)
      : knexFactory(options.knex as Knex.Config);
    this.ownsDb = !shared;
  }

  /** Creates the catalog tables if missing (same DDL as the JDBC catalog, V1 schema). */
  async initialize(): Promise<void> {
    this.ready ??= (async () => {
      if (!(await this.db.schema.hasTable(TABLES))) {
        await this.db.schema
          .createTable(TABLES, t => {
            t.string('catalog_name', 255).notNullable();
            t.string('table_namespace', 255).notNullable();
            t.string('table_name', 255).notNullable();
            t.string('metadata_location', 1000);
            t.string('previous_metadata_location', 1000);
            t.string('iceberg_type', 5);
            t.primary(['catalog_name', 'table_namespace', 'table_name']);
          })
          .catch(ignoreAlreadyExists);
      }
      if (!(await this.db.schema.hasTable(NAMESPACE_PROPERTIES))) {
        await this.db.schema
          .createTable(NAMESPACE_PROPERTIES, t => {
            t.string('catalog_name', 255).notNullable();
            t.string('namespace', 255).notNullable();
            t.string('property_key', 255).notNullable();
            t.string('property_value', 1000);
            t.primary(['catalog_name', 'namespace', 'property_key']);
          })
          .catch(ignoreAlreadyExists);
      }
    })();
    return this.ready;
  }

  private async q(): Promise<Knex> {
    await this.initialize();
    return this.db;
  }

  async createNamespace(
    namespace: string[],
    properties: Record<string, string> = {},
  ): Promise<void> {
    validateNamespace(namespace);
    const db = await this.q();
    if (await this.namespaceExists(namespace)) {
      throw new AlreadyExistsError(
        `namespace ${nsText(namespace)} already exists`,
      );
    }
    // "exists" marks a namespace without properties, as the JDBC catalog and PyIceberg do.
    const rows = Object.entries({ exists: 'true', ...properties }).map(
      ([property_key, property_value]) => ({
        catalog_name: this.name,
        namespace: nsText(namespace),
        property_key,
        property_value,
      }),
    );
    await db(NAMESPACE_PROPERTIES)
      .insert(rows)
      .catch(error => {
        if (isUniqueViolation(error))
          throw new AlreadyExistsError(
            `namespace ${nsText(namespace)} already exists`,
          );
        throw error;
      });
  }

  async namespaceExists(namespace: string[]): Promise<boolean> {
    const db = await this.q();
    const ns = nsText(namespace);
    const prop = await db(NAMESPACE_PROPERTIES)
      .where({ catalog_name: this.name, namespace: ns })
      .first();
    if (prop) return true;
    const table = await db(TABLES)
      .where({ catalog_name: this.name })
      .andWhere(b =>
        b
          .where('table_namespace', ns)
          .orWhere('table_namespace', 'like', `${ns}.%`),
      )
      .first();
    return Boolean(table);
  }

  async listNamespaces(): Promise<string[][]> {
    const db = await this.q();
    const fromProps = await db(NAMESPACE_PROPERTIES)
      .distinct('namespace')
      .where({ catalog_name: this.name });
    const fromTables = await db(TABLES)
      .distinct('table_namespace')
      .where({ catalog_name: this.name });
    const names = new Set<string>([
      ...fromProps.map(r => String(r.namespace)),
      ...fromTables.map(r => String(r.table_namespace)),
    ]);
    return [...names].sort().map(n => n.split('.'));
  }

  async namespaceProperties(
    namespace: string[],
  ): Promise<Record<string, string>> {
    const db = await this.q();
    if (!(await this.namespaceExists(namespace)))
      throw new NoSuchNamespaceError(
        `namespace ${nsText(namespace)} does not exist`,
      );
    const rows = await db(NAMESPACE_PROPERTIES).where({
      catalog_name: this.name,
      namespace: nsText(namespace),
    });
    return Object.fromEntries(
      rows.map(r => [String(r.property_key), String(r.property_value ?? '')]),
    );
  }

  async dropNamespace(namespace: string[]): Promise<void> {
    const db = await this.q();
    if (!(await this.namespaceExists(namespace)))
      throw new NoSuchNamespaceError(
        `namespace ${nsText(namespace)} does not exist`,
      );
    if ((await this.listTables(namespace)).length > 0) {
      throw new NamespaceNotEmptyError(
        `namespace ${nsText(namespace)} is not empty: drop its tables first`,
      );
    }
    await db(NAMESPACE_PROPERTIES)
      .where({ catalog_name: this.name, namespace: nsText(namespace) })
      .delete();
  }

  async listTables(namespace: string[]): Promise<TableIdentifier[]> {
    const db = await this.q();
    const rows = await db(TABLES)
      .select('table_name')
      .where({ catalog_name: this.name, table_namespace: nsText(namespace) })
      .andWhere(b =>
        b.where('iceberg_type', 'TABLE').orWhereNull('iceberg_type'),
      )
      .orderBy('table_name');
    return rows.map(r => ({ namespace, name: String(r.table_name) }));
  }

  async tableExists(identifier: TableIdentifier): Promise<boolean> {
    const db = await this.q();
    return Boolean(await this.row(db, identifier));
  }

  private row(db: Knex, id: TableIdentifier) {
    return db(TABLES)
      .where({
        catalog_name: this.name,
        table_namespace: nsText(id.namespace),
        table_name: id.name,
      })
      .first();
  }

  async registerTable(
    identifier: TableIdentifier,
    metadataLocation: string,
  ): Promise<void> {
    const db = await this.q();
    if (!(await this.namespaceExists(identifier.namespace))) {
      throw new NoSuchNamespaceError(
        `namespace ${nsText(
          identifier.namespace,
        )} does not exist: create it first (catalog.createNamespace)`,
      );
    }
    await db(TABLES)
      .insert({
        catalog_name: this.name,
        table_namespace: nsText(identifier.namespace),
        table_name: identifier.name,
        metadata_location: metadataLocation,
        previous_metadata_location: null,
        iceberg_type: 'TABLE',
      })
      .catch(error => {
        if (isUniqueViolation(error))
          throw new AlreadyExistsError(
            `table ${formatIdentifier(identifier)} already exists`,
          );
        throw error;
      });
  }

  async loadPointer(identifier: TableIdentifier): Promise<TablePointer> {
    const db = await this.q();
    const row = await this.row(db, identifier);
    if (!row || !row.metadata_location)
      throw new NoSuchTableError(
        `table ${formatIdentifier(identifier)} does not exist`,
      );
    return {
      identifier,
      metadataLocation: String(row.metadata_location),
      previousMetadataLocation: row.previous_metadata_location
        ? String(row.previous_metadata_location)
        : undefined,
    };
  }

  async dropTable(identifier: TableIdentifier): Promise<void> {
    const db = await this.q();
    const deleted = await db(TABLES)
      .where({
        catalog_name: this.name,
        table_namespace: nsText(identifier.namespace),
        table_name: identifier.name,
      })
      .delete();
    if (deleted === 0)
      throw new NoSuchTableError(
        `table ${formatIdentifier(identifier)} does not exist`,
      );
  }

  async renameTable(from: TableIdentifier, to: TableIdentifier): Promise<void> {
    const db = await this.q();
    if (!(await this.namespaceExists(to.namespace))) {
      throw new NoSuchNamespaceError(
        `namespace ${nsText(to.namespace)} does not exist`,
      );
    }
    try {
      const updated = await db(TABLES)
        .where({
          catalog_name: this.name,
          table_namespace: nsText(from.namespace),
          table_name: from.name,
        })
        .update({ table_namespace: nsText(to.namespace), table_name: to.name });
      if (updated === 0)
        throw new NoSuchTableError(
          `table ${formatIdentifier(from)} does not exist`,
        );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AlreadyExistsError(
          `table ${formatIdentifier(to)} already exists`,
        );
      throw error;
    }
  }

  async swapMetadata(
    identifier: TableIdentifier,
    expected: string,
    next: string,
  ): Promise<void> {
    const db = await this.q();
    const updated = await db(TABLES)
      .where({
        catalog_name: this.name,
        table_namespace: nsText(identifier.namespace),
        table_name: identifier.name,
        metadata_location: expected,
      })
      .update({
        metadata_location: next,
        previous_metadata_location: expected,
      });
    if (updated === 1) return;
    if (!(await this.row(db, identifier))) {
      throw new NoSuchTableError(
        `table ${formatIdentifier(identifier)} was dropped during the commit`,
      );
    }
    throw new CommitConflictError(
      `table ${formatIdentifier(identifier)} was changed by another writer`,
    );
  }

  async close(): Promise<void> {
    if (this.ownsDb) await this.db.destroy();
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/** Two processes creating the catalog tables at once: the loser's error is harmless. */
function ignoreAlreadyExists(error: unknown): void {
  const e = error as { code?: string; message?: string };
  if (e?.code === '42P07' || /already exists/i.test(e?.message ?? '')) return;
  throw error instanceof Error ? error : new CatalogError(String(error));
}
