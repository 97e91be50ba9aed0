/**
 * The producer's ground truth (bronze.purchase_labels) by event id, for measuring the
 * detector. Labels never reach the features: they are read only to score the model.
 * Bronze keeps raw records, so a malformed label is skipped and a repeated one loses to
 * the first ingested.
 */
import type { Catalog } from '../iceberg/catalog/catalog';
import { loadTableIfExists } from '../iceberg/table';
import { scanRows } from '../iceberg/tableScan';
import { purchaseLabel } from '../events/schema';
import { BRONZE_LABELS } from '../layers/bronzeTable';

export interface GroundTruth {
  pattern: string;
  incidentId: string;
}

export async function loadGroundTruth(
  catalog: Catalog,
): Promise<Map<string, GroundTruth>> {
  const out = new Map<string, GroundTruth>();
  const table = await loadTableIfExists(catalog, BRONZE_LABELS);
  if (!table) return out;
  const decoder = new TextDecoder();
  // The first label ingested wins: scan order is not ingest order.
  const rows = (await scanRows(table)).sort(
    (a, b) =>
      Number((a.ingest_ts as bigint) - (b.ingest_ts as bigint)) ||
      Number(a.kafka_partition) - Number(b.kafka_partition) ||
      Number((a.kafka_offset as bigint) - (b.kafka_offset as bigint)),
  );
  for (const row of rows) {
    const value = row.value;
    if (!(value instanceof Uint8Array)) continue;
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(value));
    } catch {
      continue;
    }
    const parsed = purchaseLabel.safeParse(json);
    if (!parsed.success || out.has(parsed.data.event_id)) continue;
    out.set(parsed.data.event_id, {
      pattern: parsed.data.pattern,
      incidentId: parsed.data.incident_id,
    });
  }
  return out;
}
