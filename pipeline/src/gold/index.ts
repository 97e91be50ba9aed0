/** Gold: the dbt project's runner (build, test, docs, freshness, commit to Iceberg). */
export * from './dbtArtifacts';
export * from './dbtRunner';
export * from './goldNamespaces';
export { dbtTarget, type DbtTargetName } from './dbtTarget';
export { publishStagedGold } from './publishGold';
