import { InputError, NotFoundError } from '@backstage/errors';
import {
  appendRows,
  createTable,
  LocalFileIO,
  loadTable,
  type Catalog,
  type FileIO,
  type Schema,
  type TableIdentifier,
} from '@medallion/pipeline';
import { LakehouseReader } from './LakehouseReader';
import {
  createTempLakehouse,
  type TempLakehouse,
} from './__testUtils__/tempLakehouse';
import {
  createOrdersTable,
  ORDERS,
  ordersSchema,
} from './__testUtils__/ordersTable';

jest.setTimeout(60_000);

const eventsSchema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [{ id: 1, name: 'n', required: true, type: 'long' }],
};

/** Counts reads of metadata files: proves what the cache saves. */
class CountingIO extends LocalFileIO {
  readonly metadataReads: string[] = [];
  async read(location: string): Promise<Uint8Array> {
    if (location.endsWith('.metadata.json')) this.metadataReads.push(location);
    return super.read(location);
  }
}

/** The same catalog seen through another FileIO (every method delegates). */
function withIO(catalog: Catalog, io: FileIO): Catalog {
  return Object.assign(Object.create(catalog) as Catalog, { io });
}

let lake: TempLakehouse;
beforeAll(async () => {
  lake = await createTempLakehouse();
  await createOrdersTable(lake.catalog);
  await lake.catalog.createNamespace(['bronze']);
  await lake.catalog.createNamespace(['gold']);
  await lake.catalog.createNamespace(['scratch']);
  let events = await createTable(
    lake.catalog,
    { namespace: ['bronze'], name: 'events' },
    { schema: eventsSchema },
  );
  for (let i = 0; i < 3; i++)
    events = (await appendRows(events, [{ n: i }, { n: i + 10 }])).table;
  await createTable(
    lake.catalog,
    { namespace: ['gold'], name: 'empty' },
    { schema: eventsSchema },
  );
  await createTable(
    lake.catalog,
    { namespace: ['scratch'], name: 'misc' },
    { schema: eventsSchema },
  );
});
afterAll(() => lake.cleanup());

describe('LakehouseReader.listTables', () => {
  it('summarizes every table of every namespace, sorted by id', async () => {
    const reader = new LakehouseReader({ catalog: lake.catalog });
    const tables = await reader.listTables();
    expect(tables.map(t => t.id)).toEqual([
      'bronze.events',
      'gold.empty',
      'scratch.misc',
      'silver.orders',
    ]);
    const events = (await loadTable(lake.catalog, {
      namespace: ['bronze'],
      name: 'events',
    }))!;
    const current = events.currentSnapshot()!;
    expect(tables[0]).toEqual({
      id: 'bronze.events',
      namespace: 'bronze',
      name: 'events',
      layer: 'bronze',
      description: null,
      location: events.location,
      formatVersion: 2,
      currentSnapshotId: current['snapshot-id'].toString(),
      rows: 6,
      files: 3,
      sizeBytes: Number(current.summary['total-files-size']),
      snapshots: 3,
      lastCommitAt: new Date(current['timestamp-ms']).toISOString(),
      lastOperation: 'append',
    });
    expect(tables[0]!.sizeBytes).toBeGreaterThan(0);
    expect(tables[1]).toMatchObject({
      layer: 'gold',
      currentSnapshotId: null,
      rows: 0,
      files: 0,
      sizeBytes: 0,
      snapshots: 0,
      lastCommitAt: null,
      lastOperation: null,
    });
    expect(tables[2]!.layer).toBe('other');
    expect(tables[3]).toMatchObject({
      layer: 'silver',
      description: 'Orders, one row per order',
      rows: 4,
      snapshots: 3,
    });
  });

  it('reads each metadata file once and sees a new commit on the next call', async () => {
    const io = new CountingIO();
    const catalog = withIO(lake.catalog, io);
    const reader = new LakehouseReader({ catalog });
    await reader.listTables();
    expect(io.metadataReads).toHaveLength(4);
    await reader.listTables();
    await reader.getTable('silver', 'orders');
    await reader.listSnapshots('silver', 'orders');
    expect(io.metadataReads).toHaveLength(4);

    const id = { namespace: ['bronze'], name: 'events' };
    const before = (await reader.listTables()).find(
      t => t.id === 'bronze.events',
    )!;
    await appendRows(await loadTable(lake.catalog, id), [{ n: 99 }]);
    const after = (await reader.listTables()).find(
      t => t.id === 'bronze.events',
    )!;
    expect(after.rows).toBe(before.rows + 1);
    expect(after.snapshots).toBe(before.snapshots + 1);
    expect(after.currentSnapshotId).not.toBe(before.currentSnapshotId);
    // Only the new metadata file was read.
    expect(io.metadataReads).toHaveLength(5);
    expect(io.metadataReads[4]).toBe(
      (await lake.catalog.loadPointer(id)).metadataLocation,
    );
  });

  it('shares one load between concurrent requests for a table', async () => {
    const io = new CountingIO();
    const reader = new LakehouseReader({
      catalog: withIO(lake.catalog, io),
    });
    const details = await Promise.all([
      reader.getTable('silver', 'orders'),
      reader.getTable('silver', 'orders'),
      reader.listSnapshots('silver', 'orders'),
    ]);
    expect(details[0]).toEqual(details[1]);
    expect(io.metadataReads).toHaveLength(1);
  });

  it('reads every time with the cache disabled', async () => {
    const io = new CountingIO();
    const reader = new LakehouseReader({
      catalog: withIO(lake.catalog, io),
      cacheSize: 0,
    });
    const first = await reader.listTables();
    expect(await reader.listTables()).toEqual(first);
    expect(io.metadataReads).toHaveLength(8);
  });

  it('keeps at most cacheSize metadata files', async () => {
    const io = new CountingIO();
    const reader = new LakehouseReader({
      catalog: withIO(lake.catalog, io),
      cacheSize: 2,
    });
    await reader.getTable('gold', 'empty');
    await reader.getTable('scratch', 'misc');
    await reader.getTable('gold', 'empty'); // most recently used now
    await reader.getTable('silver', 'orders'); // evicts scratch.misc
    expect(io.metadataReads).toHaveLength(3);
    await reader.getTable('gold', 'empty');
    expect(io.metadataReads).toHaveLength(3);
    await reader.getTable('scratch', 'misc');
    expect(io.metadataReads).toHaveLength(4);
  });

  it('leaves out a table dropped between listing and loading', async () => {
    await lake.catalog.createNamespace(['doomed']);
    const doomed = { namespace: ['doomed'], name: 't' };
    await createTable(lake.catalog, doomed, { schema: eventsSchema });
    // The catalog lists the table, then another process drops it before it is loaded.
    const racing = Object.assign(Object.create(lake.catalog) as Catalog, {
      listTables: async (ns: string[]): Promise<TableIdentifier[]> => {
        const ids = await lake.catalog.listTables(ns);
        if (ns[0] === 'doomed') await lake.catalog.dropTable(doomed);
        return ids;
      },
    });
    const reader = new LakehouseReader({ catalog: racing });
    const tables = await reader.listTables();
    expect(tables.map(t => t.id)).not.toContain('doomed.t');
    expect(tables.map(t => t.id)).toContain('silver.orders');
    await lake.catalog.dropNamespace(['doomed']);
  });

  it('follows the pointer again when the metadata file it read was deleted by a commit', async () => {
    const id = { namespace: ['scratch'], name: 'busy' };
    let busy = await createTable(lake.catalog, id, {
      schema: eventsSchema,
      properties: {
        'write.metadata.delete-after-commit.enabled': 'true',
        'write.metadata.previous-versions-max': '1',
      },
    });
    const stale = busy.metadataLocation;
    for (let i = 0; i < 3; i++)
      busy = (await appendRows(busy, [{ n: i }])).table;
    await expect(lake.catalog.io.exists(stale)).resolves.toBe(false);
    // The first pointer read happened just before those commits.
    let reads = 0;
    const racing = Object.assign(Object.create(lake.catalog) as Catalog, {
      loadPointer: async (tid: TableIdentifier) => {
        const pointer = await lake.catalog.loadPointer(tid);
        reads++;
        return reads === 1 ? { ...pointer, metadataLocation: stale } : pointer;
      },
    });
    const detail = await new LakehouseReader({ catalog: racing }).getTable(
      'scratch',
      'busy',
    );
    expect(detail.metadataLocation).toBe(busy.metadataLocation);
    expect(detail.rows).toBe(3);

    // A pointer that keeps naming a missing file is an error, not an empty table.
    const broken = Object.assign(Object.create(lake.catalog) as Catalog, {
      loadPointer: async (tid: TableIdentifier) => ({
        ...(await lake.catalog.loadPointer(tid)),
        metadataLocation: stale,
      }),
    });
    await expect(
      new LakehouseReader({ catalog: broken }).getTable('scratch', 'busy'),
    ).rejects.toThrow(/is missing/);
    await lake.catalog.dropTable(id);
  });
});

describe('LakehouseReader.getTable', () => {
  it('returns the schema, its history with changes, the spec and the current snapshot', async () => {
    const reader = new LakehouseReader({ catalog: lake.catalog });
    const detail = await reader.getTable('silver', 'orders');
    const table = await loadTable(lake.catalog, ORDERS);
    const snaps = table.metadata.snapshots;

    expect(detail.id).toBe('silver.orders');
    expect(detail.metadataLocation).toBe(table.metadataLocation);
    expect(detail.properties).toEqual(table.metadata.properties);
    expect(detail.partitionSpec).toEqual({
      specId: 0,
      fields: [
        {
          sourceId: 5,
          sourceName: 'ts',
          fieldId: 1000,
          name: 'ts_day',
          transform: 'day',
        },
      ],
    });
    expect(detail.currentSnapshot).toMatchObject({
      snapshotId: snaps[2]!['snapshot-id'].toString(),
      parentId: snaps[1]!['snapshot-id'].toString(),
      operation: 'append',
      schemaId: 3,
    });
    expect(detail.currentSnapshot!.summary['added-records']).toBe('1');

    expect(detail.schema).toEqual({
      schemaId: 3,
      fields: [
        { id: 1, name: 'id', type: 'long', required: true, doc: null },
        {
          id: 2,
          name: 'amount',
          type: 'decimal(10, 2)',
          required: false,
          doc: 'Order amount in EUR',
        },
        { id: 3, name: 'qty', type: 'long', required: false, doc: null },
        {
          id: 4,
          name: 'customer_id',
          type: 'string',
          required: false,
          doc: 'Customer id',
        },
        { id: 5, name: 'ts', type: 'timestamptz', required: false, doc: null },
        {
          id: 6,
          name: 'address',
          type: 'struct',
          required: false,
          doc: null,
          fields: [
            { id: 7, name: 'city', type: 'string', required: false, doc: null },
            { id: 9, name: 'zip', type: 'string', required: false, doc: null },
          ],
        },
      ],
    });

    const at = (i: number) => new Date(snaps[i]!['timestamp-ms']).toISOString();
    const history = detail.schemaHistory;
    expect(history.map(v => [v.schemaId, v.current, v.firstUsedAt])).toEqual([
      [0, false, at(0)],
      [1, false, at(1)],
      [2, false, null],
      [3, true, at(2)],
    ]);
    expect(history[0]!.fields.map(f => f.name)).toEqual(
      ordersSchema.fields.map(f => f.name),
    );
    expect(history[0]!.changes).toEqual([]);
    expect(history[1]!.changes).toEqual([
      {
        kind: 'added',
        fieldId: 9,
        name: 'address.zip',
        from: null,
        to: 'string',
      },
      { kind: 'added', fieldId: 8, name: 'note', from: null, to: 'string' },
    ]);
    expect(history[2]!.changes).toEqual([
      {
        kind: 'type-changed',
        fieldId: 3,
        name: 'qty',
        from: 'int',
        to: 'long',
      },
      {
        kind: 'renamed',
        fieldId: 4,
        name: 'customer_id',
        from: 'customer',
        to: 'customer_id',
      },
      {
        kind: 'nullability-changed',
        fieldId: 5,
        name: 'ts',
        from: 'required',
        to: 'optional',
      },
    ]);
    expect(history[3]!.changes).toEqual([
      {
        kind: 'doc-changed',
        fieldId: 2,
        name: 'amount',
        from: 'Order amount',
        to: 'Order amount in EUR',
      },
      { kind: 'removed', fieldId: 8, name: 'note', from: 'string', to: null },
    ]);
    const note = history[1]!.fields.find(f => f.name === 'note');
    expect(note).toEqual({
      id: 8,
      name: 'note',
      type: 'string',
      required: false,
      doc: 'Free text',
    });
  });

  it('returns a table without snapshots', async () => {
    const reader = new LakehouseReader({ catalog: lake.catalog });
    const detail = await reader.getTable('gold', 'empty');
    expect(detail.currentSnapshot).toBeNull();
    expect(detail.schemaHistory).toEqual([
      {
        schemaId: 0,
        fields: [{ id: 1, name: 'n', type: 'long', required: true, doc: null }],
        changes: [],
        firstUsedAt: null,
        current: true,
      },
    ]);
    expect(detail.partitionSpec).toEqual({ specId: 0, fields: [] });
  });

  it('answers 404 for an unknown table or namespace, 400 for an empty name', async () => {
    const reader = new LakehouseReader({ catalog: lake.catalog });
    await expect(reader.getTable('silver', 'nope')).rejects.toThrow(
      new NotFoundError('table silver.nope does not exist'),
    );
    await expect(reader.getTable('platinum', 'orders')).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      reader.listSnapshots('silver', 'nope', { limit: 5 }),
    ).rejects.toThrow(NotFoundError);
    await expect(reader.preview('silver', 'nope')).rejects.toThrow(
      NotFoundError,
    );
    await expect(reader.getTable('', 'orders')).rejects.toThrow(InputError);
  });
});

describe('LakehouseReader.loadMetadata', () => {
  it('returns the current metadata, or undefined for a missing table', async () => {
    const reader = new LakehouseReader({ catalog: lake.catalog });
    const meta = await reader.loadMetadata(ORDERS);
    expect(meta?.['current-schema-id']).toBe(3);
    expect(
      await reader.loadMetadata({ namespace: ['silver'], name: 'nope' }),
    ).toBeUndefined();
  });
});
