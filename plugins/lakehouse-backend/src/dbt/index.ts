/** The dbt views of the REST API: models, runs and freshness from kept artifacts; profitability. */
export { DbtReader, dbtRunsDir, type DbtReaderOptions } from './DbtReader';
export {
  DbtArtifactStore,
  DEFAULT_ARTIFACT_CACHE_SIZE,
  RUN_ID_PATTERN,
  type KeptRun,
} from './artifactStore';
export { TEST_HISTORY_RUNS } from './dbtModels';
export {
  ProfitabilityReader,
  PROFITABILITY_TABLE,
  type ProfitabilityFilter,
} from './profitability';
