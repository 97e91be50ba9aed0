/** Anomaly detection's read side: scored purchases, detection quality, models. */
export {
  AnomalyReader,
  DEFAULT_ANOMALY_CACHE_SIZE,
  type AnomalyReaderOptions,
} from './AnomalyReader';
export type {
  AnomaliesPort,
  AnomalyDecisionFilter,
  AnomalyListQuery,
  AnomalyStatsQuery,
} from './anomaliesPort';
export { MODEL_HISTORY_LIMIT } from './anomalyModels';
