/**
 * Backstage frontend plugin for the Medallion streaming lakehouse.
 *
 * The new frontend system lives under `@medallion/plugin-lakehouse/alpha`.
 *
 * @packageDocumentation
 */

export { lakehousePlugin, LakehousePage } from './plugin';
export {
  lakehouseApiRef,
  LakehouseClient,
  LakehouseUnavailableError,
  type LakehouseApi,
  type ListRunsQuery,
} from './api';
export {
  EntityLakehouseTableCard,
  LAKEHOUSE_TABLE_ANNOTATION,
  isLakehouseAvailable,
} from './entity';
