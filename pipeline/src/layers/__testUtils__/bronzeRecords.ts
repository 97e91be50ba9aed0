/** Generated purchase records appended to bronze as the ingester would store them, for silver tests. */
import {
  PurchaseGenerator,
  type GeneratedRecord,
} from '../../events/generator';
import type { Catalog } from '../../iceberg/catalog/catalog';
import { appendRows } from '../../iceberg/dataWriter';
import type { Table } from '../../iceberg/table';
import {
  BRONZE_PURCHASES,
  bronzeSchema,
  bronzeSpec,
  ensureTable,
  toBronzeRow,
} from '../bronzeTable';

/** Seeded records (5 % malformed) with event times from 2026-11-27 06:00 UTC. */
export const generateRecords = (
  seed: string,
  count: number,
  schemaVersion: 1 | 2 = 1,
  anomalyRate = 0.02,
): GeneratedRecord[] =>
  new PurchaseGenerator({
    seed,
    schemaVersion,
    rate: 50,
    startMs: Date.parse('2026-11-27T06:00:00Z'),
    anomalyRate,
    malformedRate: 0.05,
  }).take(count);

/**
 * Appends `records` to bronze.purchases_raw in one commit: record i gets offset
 * `firstOffset + i` on partition `(firstOffset + i) % partitions`.
 */
export async function appendToBronze(
  catalog: Catalog,
  records: Array<Pick<GeneratedRecord, 'key' | 'value'>>,
  firstOffset: number,
  partitions = 1,
): Promise<Table> {
  const table = await ensureTable(
    catalog,
    BRONZE_PURCHASES,
    bronzeSchema,
    bronzeSpec,
  );
  const ingest = BigInt(Date.now()) * 1000n;
  const rows = records.map((r, i) =>
    toBronzeRow(
      {
        topic: 'purchases',
        partition: (firstOffset + i) % partitions,
        offset: String(firstOffset + i),
        key: Buffer.from(r.key),
        value: Buffer.from(r.value),
      },
      ingest,
    ),
  );
  return (await appendRows(table, rows)).table;
}
