export { LAKEHOUSE_TABLE_ANNOTATION, isLakehouseAvailable } from './annotation';
export { LakehouseTableCard } from './LakehouseTableCard';
export { LakehouseTableContent } from './LakehouseTableContent';
