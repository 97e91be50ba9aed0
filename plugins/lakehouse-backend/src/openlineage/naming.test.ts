import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTable,
  LocalFileIO,
  parseIdentifier,
  SqlCatalog,
  sqliteConfig,
  toFileLocation,
  type Schema,
} from '@medallion/pipeline';
import { JOB_NAMES } from '@medallion/plugin-lakehouse-common';
import {
  catalogSymlink,
  datasetFromLocation,
  icebergTableDataset,
  kafkaNamespace,
  kafkaTopicDataset,
  openLineageJobName,
  type TableNamingContext,
} from './naming';

describe('Kafka topics', () => {
  it('are named kafka://{first bootstrap host}:{port} + topic', () => {
    expect(kafkaTopicDataset(['127.0.0.1:9092'], 'purchases')).toEqual({
      namespace: 'kafka://127.0.0.1:9092',
      name: 'purchases',
    });
    expect(
      kafkaNamespace(['b-1.msk.internal:9098', 'b-2.msk.internal:9098']),
    ).toBe('kafka://b-1.msk.internal:9098');
    expect(kafkaNamespace(['PLAINTEXT://broker:29092'])).toBe(
      'kafka://broker:29092',
    );
  });

  it('refuses brokers that are not host:port', () => {
    expect(() => kafkaNamespace([])).toThrow(/no Kafka broker/);
    expect(() => kafkaNamespace(['broker'])).toThrow(/not host:port/);
  });
});

describe('storage locations', () => {
  it('follow the OpenLineage file-system and object-store naming', () => {
    expect(datasetFromLocation('file:///srv/wh/silver/purchases/')).toEqual({
      namespace: 'file',
      name: '/srv/wh/silver/purchases',
    });
    expect(datasetFromLocation('/srv/wh/silver/purchases')).toEqual({
      namespace: 'file',
      name: '/srv/wh/silver/purchases',
    });
    expect(datasetFromLocation('file:///srv/my%20wh/t')).toEqual({
      namespace: 'file',
      name: '/srv/my wh/t',
    });
    expect(datasetFromLocation('file://nas.local/exports/wh/t')).toEqual({
      namespace: 'file://nas.local',
      name: '/exports/wh/t',
    });
    expect(datasetFromLocation('s3://lake/warehouse/silver/purchases')).toEqual(
      { namespace: 's3://lake', name: 'warehouse/silver/purchases' },
    );
    expect(datasetFromLocation('s3a://lake/warehouse/t/')).toEqual({
      namespace: 's3://lake',
      name: 'warehouse/t',
    });
    expect(datasetFromLocation('gs://bucket/a/b')).toEqual({
      namespace: 'gs://bucket',
      name: 'a/b',
    });
    expect(() => datasetFromLocation('warehouse/t')).toThrow(
      /neither an absolute path nor a URI/,
    );
  });
});

describe('jobs', () => {
  it('have one distinct lakehouse.* name each', () => {
    const names = JOB_NAMES.map(openLineageJobName);
    expect(new Set(names).size).toBe(JOB_NAMES.length);
    expect(names.every(n => /^lakehouse\.[a-z_]+$/.test(n))).toBe(true);
    expect(openLineageJobName('bronze')).toBe('lakehouse.bronze_ingester');
  });
});

describe('Iceberg tables', () => {
  it('on AWS: S3 location, Glue ARN and table/{db}/{table} as symlink', () => {
    const glue: TableNamingContext = {
      catalog: 'glue',
      warehouse: 's3://medallion-lake/warehouse/',
      region: 'us-east-1',
      accountId: '210987654321',
    };
    expect(icebergTableDataset(glue, 'gold.fct_purchases')).toEqual({
      namespace: 's3://medallion-lake',
      name: 'warehouse/gold/fct_purchases',
      symlinks: [
        {
          namespace: 'arn:aws:glue:us-east-1:210987654321',
          name: 'table/gold/fct_purchases',
          type: 'TABLE',
        },
      ],
    });
  });

  it('use a recorded table location over the default layout', () => {
    const context: TableNamingContext = {
      catalog: 'sql',
      warehouse: 's3://lake/wh',
      locations: { 'silver.purchases': 's3://other-bucket/custom/purchases' },
    };
    expect(icebergTableDataset(context, 'silver.purchases')).toEqual({
      namespace: 's3://other-bucket',
      name: 'custom/purchases',
      symlinks: [
        { namespace: 's3://lake/wh', name: 'silver.purchases', type: 'TABLE' },
      ],
    });
  });

  describe('in our SQL catalog with a file warehouse', () => {
    const schema: Schema = {
      type: 'struct',
      'schema-id': 0,
      fields: [{ id: 1, name: 'id', required: true, type: 'long' }],
    };
    let dir: string;
    let catalog: SqlCatalog;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'medallion-openlineage-'));
      catalog = new SqlCatalog({
        name: 'medallion',
        knex: sqliteConfig(join(dir, 'catalog.db')),
        warehouse: toFileLocation(join(dir, 'warehouse')),
        io: new LocalFileIO(),
      });
      await catalog.initialize();
    });
    afterAll(async () => {
      await catalog.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('name each table by the location the pipeline really created it at', async () => {
      const context: TableNamingContext = {
        catalog: 'sql',
        warehouse: catalog.warehouse,
      };
      for (const id of ['bronze.purchases_raw', 'silver.purchases']) {
        const identifier = parseIdentifier(id);
        await catalog.createNamespace(identifier.namespace);
        const table = await createTable(catalog, identifier, { schema });
        const named = icebergTableDataset(context, id);
        expect({ namespace: named.namespace, name: named.name }).toEqual(
          datasetFromLocation(table.location),
        );
        expect(named.namespace).toBe('file');
        expect(named.name).toBe(
          join(dir, 'warehouse', ...identifier.namespace, identifier.name),
        );
        expect(named.symlinks).toEqual([catalogSymlink(context, id)]);
        expect(named.symlinks[0]).toEqual({
          namespace: `file:${join(dir, 'warehouse')}`,
          name: id,
          type: 'TABLE',
        });
      }
    });
  });
});
