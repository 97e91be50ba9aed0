/**
 * Models as the API shows them, from one manifest (the newest run's) and the test
 * results of every kept run: a test's latest status is its newest real outcome, since
 * a failed build skips the tests downstream of the failure.
 */
import type {
  DbtColumn,
  DbtModelDetail,
  DbtModelSummary,
  DbtNodeRef,
  DbtTestCounts,
  DbtTestLatest,
  DbtTestRun,
} from '@medallion/plugin-lakehouse-common';
import { GOLD_NAMESPACE, goldTables } from '@medallion/pipeline';
import type { DbtCatalog, Manifest, ManifestNode } from './artifactSchemas';
import type { KeptRun } from './artifactStore';
import {
  isModel,
  isTest,
  nameOfUniqueId,
  summarizeRun,
  testStatus,
} from './runOutcome';

export const TEST_HISTORY_RUNS = 20;

type Latest = Pick<DbtTestLatest, 'status' | 'failures' | 'runId' | 'message'>;

/** Each test's newest result other than `skipped` (else its newest `skipped`). */
export function latestTestResults(
  runs: readonly KeptRun[],
): Map<string, Latest> {
  const latest = new Map<string, Latest>();
  for (const run of runs) {
    for (const r of run.runResults.results) {
      if (!isTest(r.unique_id)) continue;
      const status = testStatus(r.status);
      const known = latest.get(r.unique_id);
      if (known && (known.status !== 'skipped' || status === 'skipped'))
        continue;
      latest.set(r.unique_id, {
        status,
        failures: r.failures,
        runId: run.runId,
        message: r.message,
      });
    }
  }
  return latest;
}

const blank = (s: string | null) => (s && s.trim() ? s : null);

/** The model a test belongs to: where it is declared, else the model it reads. */
function ownerOf(test: ManifestNode): string | undefined {
  return test.attached_node ?? test.depends_on.find(isModel);
}

/** The tests of each model, by the model's unique id. */
function testsByModel(manifest: Manifest): Map<string, ManifestNode[]> {
  const byModel = new Map<string, ManifestNode[]>();
  for (const node of Object.values(manifest.nodes)) {
    if (node.resource_type !== 'test') continue;
    const owner = ownerOf(node);
    if (!owner) continue;
    byModel.set(owner, [...(byModel.get(owner) ?? []), node]);
  }
  for (const tests of byModel.values())
    tests.sort((a, b) => (a.name < b.name ? -1 : 1));
  return byModel;
}

function testLatest(
  test: ManifestNode,
  latest: Map<string, Latest>,
): DbtTestLatest {
  return {
    uniqueId: test.unique_id,
    name: test.name,
    column: test.column_name,
    ...(latest.get(test.unique_id) ?? {
      status: null,
      failures: null,
      runId: null,
      message: null,
    }),
  };
}

function countTests(tests: DbtTestLatest[]): DbtTestCounts {
  const counts = { total: tests.length, passed: 0, failed: 0, warned: 0 };
  for (const t of tests) {
    if (t.status === 'pass') counts.passed++;
    else if (t.status === 'warn') counts.warned++;
    else if (t.status === 'fail' || t.status === 'error') counts.failed++;
  }
  return {
    ...counts,
    notRun: counts.total - counts.passed - counts.warned - counts.failed,
  };
}

const published = new Set<string>(goldTables);

/**
 * The table the gold job publishes a model into, wherever dbt built it (gold locally,
 * gold_staging on Athena and Trino); null for models that stay inside dbt.
 */
export const publishedTable = (model: string): string | null =>
  published.has(model) ? `${GOLD_NAMESPACE}.${model}` : null;

function summary(node: ManifestNode, tests: DbtTestLatest[]): DbtModelSummary {
  return {
    uniqueId: node.unique_id,
    name: node.name,
    description: blank(node.description),
    materialization: node.config.materialized ?? 'unknown',
    schema: node.schema ?? '',
    relationName: node.relation_name,
    table: publishedTable(node.name),
    columnCount: Object.keys(node.columns).length,
    tests: countTests(tests),
  };
}

const modelNodes = (manifest: Manifest) =>
  Object.values(manifest.nodes)
    .filter(n => n.resource_type === 'model')
    .sort((a, b) => (a.name < b.name ? -1 : 1));

export function modelSummaries(
  manifest: Manifest,
  runs: readonly KeptRun[],
): DbtModelSummary[] {
  const latest = latestTestResults(runs);
  const tests = testsByModel(manifest);
  return modelNodes(manifest).map(node =>
    summary(
      node,
      (tests.get(node.unique_id) ?? []).map(t => testLatest(t, latest)),
    ),
  );
}

/** A model by name (`fct_purchases`) or unique id; undefined when unknown. */
export function findModel(
  manifest: Manifest,
  id: string,
): ManifestNode | undefined {
  const models = modelNodes(manifest);
  return (
    models.find(n => n.unique_id === id) ?? models.find(n => n.name === id)
  );
}

function nodeRef(manifest: Manifest, uniqueId: string): DbtNodeRef {
  const node = manifest.nodes[uniqueId];
  if (node)
    return { uniqueId, name: node.name, resourceType: node.resource_type };
  const source = manifest.sources[uniqueId];
  if (source)
    return {
      uniqueId,
      name: `${source.source_name}.${source.name}`,
      resourceType: source.resource_type,
    };
  return {
    uniqueId,
    name: nameOfUniqueId(uniqueId),
    resourceType: uniqueId.split('.')[0] ?? 'unknown',
  };
}

function columnsOf(
  node: ManifestNode,
  tests: DbtTestLatest[],
  catalog: DbtCatalog | undefined,
): DbtColumn[] {
  const types = new Map(
    Object.values(catalog?.nodes[node.unique_id]?.columns ?? {}).map(c => [
      c.name.toLowerCase(),
      c.type,
    ]),
  );
  const columns = new Map<string, DbtColumn>();
  const column = (name: string, description: string | null) => {
    const key = name.toLowerCase();
    let found = columns.get(key);
    if (!found) {
      found = { name, description, type: types.get(key) ?? null, tests: [] };
      columns.set(key, found);
    }
    return found;
  };
  // Documented columns in the project's order, then what only the warehouse knows.
  for (const c of Object.values(node.columns))
    column(c.name, blank(c.description));
  for (const c of Object.values(catalog?.nodes[node.unique_id]?.columns ?? {}))
    column(c.name, null);
  for (const t of tests) if (t.column) column(t.column, null).tests.push(t);
  return [...columns.values()];
}

export interface ModelDetailInput {
  manifest: Manifest;
  manifestRunId: string;
  node: ManifestNode;
  /** Newest first. */
  runs: readonly KeptRun[];
  catalog: DbtCatalog | undefined;
}

export function modelDetail(input: ModelDetailInput): DbtModelDetail {
  const { manifest, node, runs } = input;
  const latest = latestTestResults(runs);
  const testNodes = testsByModel(manifest).get(node.unique_id) ?? [];
  const tests = testNodes.map(t => testLatest(t, latest));
  const testIds = new Set(testNodes.map(t => t.unique_id));

  let compiledSql: string | null = null;
  let compiledRunId: string | null = null;
  for (const run of runs) {
    const result = run.runResults.results.find(
      r => r.unique_id === node.unique_id && r.compiled_code,
    );
    if (result) {
      compiledSql = result.compiled_code;
      compiledRunId = run.runId;
      break;
    }
  }
  if (!compiledSql && node.compiled_code) {
    compiledSql = node.compiled_code;
    compiledRunId = input.manifestRunId;
  }

  const parents = manifest.parent_map[node.unique_id] ?? node.depends_on;
  const children = (manifest.child_map[node.unique_id] ?? []).filter(
    id => !isTest(id),
  );
  const testHistory: DbtTestRun[] = runs
    .slice(0, TEST_HISTORY_RUNS)
    .map(run => ({
      runId: run.runId,
      startedAt: run.startedAt,
      status: summarizeRun(run).status,
      tests: run.runResults.results
        .filter(r => testIds.has(r.unique_id))
        .map(r => ({
          uniqueId: r.unique_id,
          name: nameOfUniqueId(r.unique_id),
          status: testStatus(r.status),
          failures: r.failures,
        }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
    }));

  return {
    ...summary(node, tests),
    runId: input.manifestRunId,
    path: node.original_file_path ?? '',
    columns: columnsOf(node, tests, input.catalog),
    modelTests: tests.filter(t => !t.column),
    rawSql: node.raw_code ?? '',
    compiledSql,
    compiledRunId,
    parents: parents.map(id => nodeRef(manifest, id)),
    children: children.map(id => nodeRef(manifest, id)),
    testHistory,
  };
}
