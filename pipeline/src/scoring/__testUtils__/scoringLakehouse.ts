/** A lakehouse with labelled silver purchases, for the training and scoring tests. */
import type { GeneratedRecord } from '../../events/generator';
import type { Catalog } from '../../iceberg/catalog/catalog';
import { appendRows } from '../../iceberg/dataWriter';
import {
  BRONZE_LABELS,
  bronzeSchema,
  bronzeSpec,
  ensureTable,
  toBronzeRow,
} from '../../layers/bronzeTable';
import {
  appendToBronze,
  generateRecords,
} from '../../layers/__testUtils__/bronzeRecords';
import { SilverProcessor } from '../../layers/silverProcessor';

/** The labels of `records` (plus one malformed label record) into bronze.purchase_labels. */
export async function appendLabels(
  catalog: Catalog,
  records: GeneratedRecord[],
  firstOffset: number,
): Promise<number> {
  const table = await ensureTable(
    catalog,
    BRONZE_LABELS,
    bronzeSchema,
    bronzeSpec,
  );
  const values = records.flatMap(r =>
    r.label ? [JSON.stringify(r.label)] : [],
  );
  values.push('{"not": "a label"');
  const ingest = BigInt(Date.now()) * 1000n;
  await appendRows(
    table,
    values.map((value, i) =>
      toBronzeRow(
        {
          topic: 'purchases.labels',
          partition: 0,
          offset: String(firstOffset + i),
          key: Buffer.from('k'),
          value: Buffer.from(value),
        },
        ingest,
      ),
    ),
  );
  return values.length;
}

/**
 * Generates `count` records, appends them to bronze in `chunks` commits (labels too)
 * and brings silver up to date after each; returns the records.
 */
export async function streamIntoSilver(
  catalog: Catalog,
  options: {
    seed: string;
    count: number;
    chunks: number;
    firstOffset?: number;
  },
): Promise<GeneratedRecord[]> {
  const records = generateRecords(options.seed, options.count, 2, 0.02);
  const silver = new SilverProcessor({ catalog });
  const size = Math.ceil(records.length / options.chunks);
  let offset = options.firstOffset ?? 0;
  for (let i = 0; i < records.length; i += size) {
    const chunk = records.slice(i, i + size);
    await appendToBronze(catalog, chunk, offset);
    await appendLabels(catalog, chunk, offset);
    offset += chunk.length;
    await silver.runUntilCaughtUp();
  }
  return records;
}
