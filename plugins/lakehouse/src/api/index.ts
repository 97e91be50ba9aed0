export { lakehouseApiRef } from './LakehouseApi';
export type { LakehouseApi, ListRunsQuery } from './LakehouseApi';
export { LakehouseClient, LakehouseUnavailableError } from './LakehouseClient';
