/**
 * Realistic silver for gold tests: seeded generator records appended to bronze, then
 * the real SilverProcessor (validation, quarantine, money columns) turns them into
 * silver.purchases and silver.purchases_rejected, in a home the CLI would use.
 */
import { loadConfig, type LakehouseSettings } from '../../config';
import { sqlCatalogFromSettings } from '../../iceberg/catalog/fromConfig';
import type { SqlCatalog } from '../../iceberg/catalog/sqlCatalog';
import {
  appendToBronze,
  generateRecords,
} from '../../layers/__testUtils__/bronzeRecords';
import { SilverProcessor } from '../../layers/silverProcessor';

export interface SilverHome {
  settings: LakehouseSettings;
  catalog: SqlCatalog;
  /** Rows in silver.purchases after the load. */
  accepted: number;
  rejected: number;
}

export async function writeSilverHome(
  home: string,
  count: number,
  seed = 'gold',
): Promise<SilverHome> {
  const settings = loadConfig({ MEDALLION_HOME: home }).lakehouse;
  const catalog = sqlCatalogFromSettings(settings);
  await catalog.initialize();
  await appendToBronze(catalog, generateRecords(seed, count), 0, 3);
  const result = await new SilverProcessor({ catalog }).runUntilCaughtUp();
  return {
    settings,
    catalog,
    accepted: result.accepted,
    rejected: result.rejected,
  };
}

/** The dbt venv's python that `npm test` prepares; a clear error when it is missing. */
export function dbtPython(): string {
  const py = process.env.MEDALLION_DBT_PYTHON;
  if (!py)
    throw new Error(
      'MEDALLION_DBT_PYTHON is not set: export MEDALLION_DBT_PYTHON=$(bash scripts/python-env.sh dbt dbt/requirements.txt | tail -1) from the repo root (or run the suite with `npm test`, which prepares it)',
    );
  return py;
}
