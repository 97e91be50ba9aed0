/**
 * Shared API types for the Medallion lakehouse plugins.
 *
 * @packageDocumentation
 */

export type { JobName, LakehouseHealth } from './types';
export { JOB_NAMES, isJobName } from './types';
export * from './api';
export * from './dbtApi';
export * from './anomalyApi';
export * from './permissions';
