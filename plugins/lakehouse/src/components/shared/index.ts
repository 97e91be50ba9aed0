export * from './format';
export * from './palette';
export { usePolling, type PollingState } from './usePolling';
export { LoadState, LakehouseError } from './LoadState';
export { StatusChip } from './StatusChip';
