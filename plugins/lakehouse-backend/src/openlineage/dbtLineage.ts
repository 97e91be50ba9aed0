/**
 * dbt's model graph merged into the pipeline's lineage: the one coarse "gold dbt build"
 * job becomes a job per model (named under it, as OpenLineage's dbt integration names a
 * job per model), from each model's parents (silver sources, other models) to what it
 * builds (a gold table, or a dbt-only relation such as the staging view).
 */
import type {
  LineageEdge,
  LineageGraph,
  LineageNode,
} from '@medallion/plugin-lakehouse-common';
import { openLineageJobName } from './naming';

export interface DbtModelLineage {
  name: string;
  /** The gold table the model builds (`gold.fct_purchases`), or null (views, staging). */
  table: string | null;
  parents: Array<{ name: string; resourceType: string }>;
}

/** Namespace of relations that exist only inside a dbt run (not lakehouse tables). */
export const DBT_NAMESPACE = 'dbt://medallion';

export function dbtModelJobName(model: string): string {
  return `${openLineageJobName('gold')}.${model}`;
}

export function mergeDbtLineage(
  graph: LineageGraph,
  models: readonly DbtModelLineage[],
  jobNamespace: string,
): LineageGraph {
  if (models.length === 0) return graph;
  const coarse = `job:${jobNamespace}/${openLineageJobName('gold')}`;
  const nodes = new Map<string, LineageNode>(
    graph.nodes.filter(n => n.id !== coarse).map(n => [n.id, n]),
  );
  const edges: LineageEdge[] = graph.edges.filter(
    e => e.from !== coarse && e.to !== coarse,
  );
  const edgeKeys = new Set(edges.map(e => `${e.from}\n${e.to}`));
  const addEdge = (from: string, to: string) => {
    const key = `${from}\n${to}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ from, to });
  };
  const byTable = new Map<string, string>();
  for (const n of nodes.values()) if (n.table) byTable.set(n.table, n.id);

  const modelDataset = (model: string): string => {
    const spec = models.find(m => m.name === model);
    const tableId = spec?.table ? byTable.get(spec.table) : undefined;
    if (tableId) return tableId;
    const id = `dataset:${DBT_NAMESPACE}/${model}`;
    if (!nodes.has(id))
      nodes.set(id, {
        id,
        type: 'dataset',
        namespace: DBT_NAMESPACE,
        name: model,
        label: `${model} (dbt)`,
        layer: 'gold',
        table: null,
        exists: true,
      });
    return id;
  };
  const parentDataset = (parent: { name: string; resourceType: string }) => {
    if (parent.resourceType === 'model') return modelDataset(parent.name);
    // Sources are our tables by `namespace.table` (e.g. silver.purchases).
    return byTable.get(parent.name);
  };

  for (const model of [...models].sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const name = dbtModelJobName(model.name);
    const job = `job:${jobNamespace}/${name}`;
    nodes.set(job, {
      id: job,
      type: 'job',
      namespace: jobNamespace,
      name,
      label: `dbt ${model.name}`,
      layer: 'gold',
      table: null,
      exists: true,
    });
    for (const parent of model.parents) {
      const input = parentDataset(parent);
      if (input) addEdge(input, job);
    }
    addEdge(job, modelDataset(model.name));
  }
  return { nodes: [...nodes.values()], edges };
}
