import { appendRows } from '../iceberg/dataWriter';
import { scanRows } from '../iceberg/tableScan';
import {
  createTestCatalog,
  type TestCatalog,
} from '../iceberg/__testUtils__/localCatalog';
import {
  BRONZE_PURCHASES,
  bronzeSchema,
  bronzeSpec,
  ensureTable,
  STREAMING_TABLE_PROPERTIES,
  toBronzeRow,
} from './bronzeTable';

let t: TestCatalog;
beforeEach(async () => {
  t = await createTestCatalog();
});
afterEach(() => t.cleanup());

describe('bronze.purchases_raw', () => {
  it('is created once even when ingesters race, and keeps records losslessly', async () => {
    const [a, b] = await Promise.all([
      ensureTable(
        t.catalog,
        BRONZE_PURCHASES,
        bronzeSchema,
        bronzeSpec,
        STREAMING_TABLE_PROPERTIES,
      ),
      ensureTable(
        t.catalog,
        BRONZE_PURCHASES,
        bronzeSchema,
        bronzeSpec,
        STREAMING_TABLE_PROPERTIES,
      ),
    ]);
    expect(a.metadata['table-uuid']).toBe(b.metadata['table-uuid']);
    const garbage = Buffer.from([0xff, 0x00, 0xfe, 0x7b]);
    const ingest = 1_795_000_000_000_000n;
    const rows = [
      toBronzeRow(
        {
          topic: 'purchases',
          partition: 3,
          offset: '9007199254740993',
          timestamp: '1795000000123',
          key: Buffer.from('C0000001'),
          value: Buffer.from('{"a":1}'),
        },
        ingest,
      ),
      toBronzeRow(
        {
          topic: 'purchases',
          partition: 0,
          offset: '7',
          key: null,
          value: garbage,
        },
        ingest,
      ),
      toBronzeRow(
        {
          topic: 'purchases',
          partition: 1,
          offset: '8',
          timestamp: '-1',
          key: Buffer.from('k'),
          value: null,
        },
        ingest,
      ),
    ];
    const table = (await appendRows(a, rows)).table;
    const back = (await scanRows(table)).sort(
      (x, y) => Number(x.kafka_partition) - Number(y.kafka_partition),
    );
    expect(
      back.map(r => [
        r.kafka_partition,
        r.kafka_offset,
        r.kafka_key,
        r.kafka_ts,
      ]),
    ).toEqual([
      [0, 7n, null, null],
      [1, 8n, 'k', null],
      [3, 9007199254740993n, 'C0000001', 1795000000123000n],
    ]);
    expect(Buffer.from(back[0]!.value as Uint8Array)).toEqual(garbage);
    expect(back[1]!.value).toBeNull();
    expect(Buffer.from(back[2]!.value as Uint8Array).toString()).toBe(
      '{"a":1}',
    );
    expect(table.spec().fields[0]!.transform).toBe('day');
  });
});
