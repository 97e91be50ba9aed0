export * from './format';
export * from './palette';
export { usePolling, type PollingState } from './usePolling';
export { LoadState, LakehouseError } from './LoadState';
export { StatusChip, STATUS_SYMBOLS } from './StatusChip';
export { YGrid, compactNumber } from './YGrid';
export { FactList } from './FactList';
