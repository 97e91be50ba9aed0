/**
 * The producer's ground truth (bronze.purchase_labels) by event id, for measuring the
 * detector. Labels never reach the features: they are read only to score the model.
 * Bronze keeps raw records, so a malformed or repeated label is skipped (first wins).
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
  for (const row of await scanRows(table)) {
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
