/**
 * The Glue catalog with S3 files, against the AWS emulator (moto's server): the same
 * Iceberg table suite as the local catalog, what other engines read from Glue, commits
 * that survive a writer dying mid-swap, and PyIceberg's GlueCatalog reading our tables.
 */
import {
  CreateTableCommand,
  GetTableCommand,
  GlueClient,
  UpdateTableCommand,
} from '@aws-sdk/client-glue';
import { awsClientConfig, type AwsSettings } from '../../../aws/clientConfig';
import {
  startMotoServer,
  type MotoServer,
} from '../../../aws/__testUtils__/motoServer';
import { appendRows } from '../../dataWriter';
import { S3FileIO } from '../../io/s3FileIO';
import { removeOrphanFiles } from '../../maintenance';
import { ancestors } from '../../metadata';
import { SchemaUpdate } from '../../schemaUpdate';
import { createTable, loadTable } from '../../table';
import { scanRows } from '../../tableScan';
import { simpleSchema } from '../../__testUtils__/localCatalog';
import { glueOracleCatalog, oracle } from '../../__testUtils__/pyiceberg';
import { describeIcebergTableSuite } from '../../__testUtils__/tableSuite';
import {
  CommitStateUnknownError,
  NoSuchTableError,
  parseIdentifier,
} from '../catalog';
import { GlueCatalog } from './glueCatalog';

jest.setTimeout(180_000);

let moto: MotoServer;
let aws: AwsSettings;
const WAREHOUSE = 's3://medallion-test-gold/warehouse';

beforeAll(async () => {
  moto = await startMotoServer();
  aws = moto.aws;
  await moto.createBuckets(
    'medallion-test-bronze',
    'medallion-test-silver',
    'medallion-test-gold',
  );
});
afterAll(() => moto?.stop());

const openCatalog = async (client?: GlueClient) =>
  new GlueCatalog({
    name: 'medallion',
    aws,
    warehouse: WAREHOUSE,
    io: new S3FileIO({ aws }),
    client,
  });

describeIcebergTableSuite('Glue and S3 (AWS emulator)', async () => ({
  catalog: await openCatalog(),
  openCatalog: () => openCatalog(),
  namespaceProperties: { location: 's3://medallion-test-silver/' },
  expectedLocationPrefix: 's3://medallion-test-silver',
  cleanup: async () => undefined,
}));

describe('GlueCatalog', () => {
  let catalog: GlueCatalog;
  let glue: GlueClient;
  beforeAll(async () => {
    catalog = await openCatalog();
    glue = new GlueClient(awsClientConfig(aws));
    await catalog.createNamespace(['bronze'], {
      location: 's3://medallion-test-bronze/',
      comment: 'raw events',
    });
  });
  afterAll(async () => {
    await catalog.close();
    glue.destroy();
  });

  const glueTable = async (name: string) =>
    (
      await glue.send(
        new GetTableCommand({ DatabaseName: 'bronze', Name: name }),
      )
    ).Table!;

  it('registers Iceberg tables as other engines expect and keeps the columns in step with the schema', async () => {
    const id = parseIdentifier('bronze.engines');
    let table = await createTable(catalog, id, { schema: simpleSchema() });
    const created = table.metadataLocation;
    table = (await appendRows(table, [{ id: 1n, name: 'a', ts: null }])).table;
    let t = await glueTable('engines');
    expect(t.TableType).toBe('EXTERNAL_TABLE');
    expect(t.Parameters).toMatchObject({
      table_type: 'ICEBERG',
      metadata_location: table.metadataLocation,
      previous_metadata_location: created,
    });
    expect(t.StorageDescriptor?.Location).toBe(
      's3://medallion-test-bronze/engines',
    );
    expect(
      t.StorageDescriptor?.Columns?.map(c => [c.Name, c.Type, c.Comment]),
    ).toEqual([
      ['id', 'bigint', undefined],
      ['name', 'string', 'display name'],
      ['ts', 'timestamp', undefined],
    ]);
    expect(t.StorageDescriptor?.Columns?.[0]?.Parameters).toEqual({
      'iceberg.field.id': '1',
      'iceberg.field.optional': 'false',
      'iceberg.field.current': 'true',
    });

    await new SchemaUpdate()
      .addColumn('amount', 'decimal(12,2)')
      .addColumn('tags', {
        type: 'list',
        'element-id': 6,
        element: 'string',
        'element-required': false,
      })
      .commit(table);
    t = await glueTable('engines');
    expect(t.StorageDescriptor?.Columns?.map(c => [c.Name, c.Type])).toEqual([
      ['id', 'bigint'],
      ['name', 'string'],
      ['ts', 'timestamp'],
      ['amount', 'decimal(12,2)'],
      ['tags', 'array<string>'],
    ]);
    expect(await catalog.namespaceProperties(['bronze'])).toMatchObject({
      location: 's3://medallion-test-bronze/',
      comment: 'raw events',
    });
  });

  it('completes the commit of a writer that died after claiming it, and the table stays writable', async () => {
    const id = parseIdentifier('bronze.claimed');
    await createTable(catalog, id, { schema: simpleSchema() });
    // A writer whose UpdateTable never arrives: it dies between claim and swap.
    const real = new GlueClient(awsClientConfig(aws));
    const dying = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === 'send')
          return (command: unknown) => {
            if (command instanceof UpdateTableCommand)
              return Promise.reject(new Error('process killed'));
            return target.send(command as GetTableCommand);
          };
        return Reflect.get(target, prop, receiver);
      },
    });
    const doomed = await openCatalog(dying);
    await expect(
      appendRows(await loadTable(doomed, id), [
        { id: 1n, name: 'from the dead writer', ts: null },
      ]),
    ).rejects.toThrow(CommitStateUnknownError);
    real.destroy();

    const before = await loadTable(catalog, id);
    expect(ancestors(before.metadata)).toHaveLength(0);
    await appendRows(before, [{ id: 2n, name: 'survivor', ts: null }], {
      minWaitMs: 5,
    });
    const after = await loadTable(catalog, id);
    expect(ancestors(after.metadata)).toHaveLength(2);
    expect((await scanRows(after)).map(r => r.name).sort()).toEqual([
      'from the dead writer',
      'survivor',
    ]);
  });

  it('keeps every live file of a table written as s3a:// when it removes orphans', async () => {
    const id = parseIdentifier('bronze.spark_written');
    let table = await createTable(catalog, id, {
      schema: simpleSchema(),
      location: 's3a://medallion-test-bronze/spark_written',
    });
    table = (await appendRows(table, [{ id: 1n, name: 'kept', ts: null }]))
      .table;
    const stray = 's3://medallion-test-bronze/spark_written/data/stray.parquet';
    await catalog.io.writeNew(stray, new Uint8Array([1]));
    const orphans = await removeOrphanFiles(table, {
      olderThanMs: Date.now() + 1000,
    });
    // The stray object, and the spent claims of the table's commits: nothing live.
    expect(orphans).toContain(stray);
    expect(
      orphans.filter(o => o !== stray && !o.includes('/metadata/_commits/')),
    ).toEqual([]);
    const rows = await scanRows(await loadTable(catalog, id));
    expect(rows.map(r => r.name)).toEqual(['kept']);
  });

  it('sees only Iceberg tables: a plain Glue table is neither listed nor loaded', async () => {
    await glue.send(
      new CreateTableCommand({
        DatabaseName: 'bronze',
        TableInput: {
          Name: 'csv_export',
          TableType: 'EXTERNAL_TABLE',
          Parameters: { classification: 'csv' },
        },
      }),
    );
    const names = (await catalog.listTables(['bronze'])).map(t => t.name);
    expect(names).not.toContain('csv_export');
    await expect(
      catalog.loadPointer(parseIdentifier('bronze.csv_export')),
    ).rejects.toThrow(NoSuchTableError);
  });

  it('is read by PyIceberg’s GlueCatalog: same rows, columns and snapshots', async () => {
    const id = parseIdentifier('bronze.shared');
    let table = await createTable(catalog, id, { schema: simpleSchema() });
    const rows = Array.from({ length: 40 }, (_, i) => ({
      id: BigInt(i),
      name: `n${i}`,
      ts: new Date(Date.UTC(2026, 10, 27, 0, 0, i)).toISOString(),
    }));
    table = (await appendRows(table, rows.slice(0, 25))).table;
    table = (await appendRows(table, rows.slice(25))).table;
    const scanned = await oracle<{
      row_count: number;
      columns: string[];
      rows: Array<Record<string, unknown>>;
    }>(glueOracleCatalog(moto, WAREHOUSE), [
      'scan',
      'bronze.shared',
      '--order-by',
      'id',
    ]);
    expect(scanned.row_count).toBe(40);
    expect(scanned.columns).toEqual(['id', 'name', 'ts']);
    expect(scanned.rows.map(r => [String(r.id), r.name])).toEqual(
      rows.map(r => [String(r.id), r.name]),
    );
    const inspected = await oracle<{
      snapshots: Array<{ operation: string }>;
    }>(glueOracleCatalog(moto, WAREHOUSE), ['inspect', 'bronze.shared']);
    expect(inspected.snapshots.map(s => s.operation)).toEqual([
      'append',
      'append',
    ]);
  });
});
