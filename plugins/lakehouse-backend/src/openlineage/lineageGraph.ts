/**
 * The pipeline's lineage graph (`GET /lineage`): datasets and jobs under their
 * OpenLineage names, edges dataset → job → dataset, in pipeline order.
 */
import {
  JOB_NAMES,
  type JobName,
  type LineageEdge,
  type LineageGraph,
  type LineageNode,
} from '@medallion/plugin-lakehouse-common';
import {
  icebergTableDataset,
  kafkaTopicDataset,
  openLineageJobName,
  type DatasetNamingContext,
} from './naming';
import {
  GOLD_ANOMALIES,
  GOLD_FACT,
  pipelineJobs,
  type PipelineDataset,
  type PipelineJob,
  type PipelineTopics,
} from './pipelineJobs';

export interface LineageGraphInput {
  /** Job namespace (default `medallion`). */
  jobNamespace: string;
  naming: DatasetNamingContext;
  topics: PipelineTopics;
  /** Tables in the catalog, as `namespace.table`. */
  tables: readonly string[];
  /** Topics known to exist; when omitted, the pipeline's topics are taken to exist. */
  existingTopics?: readonly string[];
  /** Jobs this backend can run (others show as planned); default: all. */
  availableJobs?: readonly JobName[];
}

const LAYERS = new Set(['bronze', 'silver', 'gold']);

function tableLayer(table: string): LineageNode['layer'] {
  if (table === GOLD_ANOMALIES) return 'anomalies';
  const namespace = table.slice(0, table.lastIndexOf('.'));
  return LAYERS.has(namespace) ? (namespace as LineageNode['layer']) : null;
}

export function buildLineageGraph(input: LineageGraphInput): LineageGraph {
  const existingTables = new Set(input.tables);
  const existingTopics = input.existingTopics
    ? new Set(input.existingTopics)
    : undefined;
  const available = new Set<JobName>(input.availableJobs ?? JOB_NAMES);
  const nodes = new Map<string, LineageNode>();
  const edges: LineageEdge[] = [];
  const edgeKeys = new Set<string>();

  const addNode = (node: LineageNode) => {
    if (!nodes.has(node.id)) nodes.set(node.id, node);
    return node.id;
  };
  const addEdge = (from: string, to: string) => {
    const key = `${from}\n${to}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ from, to });
  };

  const topicNode = (role: keyof PipelineTopics) => {
    const topic = input.topics[role];
    const { namespace, name } = kafkaTopicDataset(
      input.naming.kafkaBrokers,
      topic,
    );
    return addNode({
      id: `dataset:${namespace}/${name}`,
      type: 'dataset',
      namespace,
      name,
      label: topic,
      layer: 'source',
      table: null,
      exists: existingTopics ? existingTopics.has(topic) : true,
    });
  };
  const tableNode = (table: string) => {
    const { namespace, name } = icebergTableDataset(input.naming.tables, table);
    return addNode({
      id: `dataset:${namespace}/${name}`,
      type: 'dataset',
      namespace,
      name,
      label: table,
      layer: tableLayer(table),
      table,
      exists: existingTables.has(table),
    });
  };
  const datasetNode = (dataset: PipelineDataset) =>
    'topic' in dataset ? topicNode(dataset.topic) : tableNode(dataset.table);
  const jobNode = (spec: PipelineJob) => {
    const name = openLineageJobName(spec.job);
    return addNode({
      id: `job:${input.jobNamespace}/${name}`,
      type: 'job',
      namespace: input.jobNamespace,
      name,
      label: spec.label,
      layer: spec.layer,
      table: null,
      exists: available.has(spec.job),
    });
  };

  // Every gold table but the anomalies is a dbt model; before dbt's first build the
  // fact table stands for them, as planned.
  const goldTables = [...existingTables]
    .filter(t => t.startsWith('gold.') && t !== GOLD_ANOMALIES)
    .sort();
  const goldOutputs = goldTables.length > 0 ? goldTables : [GOLD_FACT];

  for (const spec of pipelineJobs()) {
    const inputs = spec.inputs.map(datasetNode);
    const job = jobNode(spec);
    const outputs =
      spec.dynamic === 'outputs'
        ? goldOutputs.map(tableNode)
        : spec.outputs.map(o => datasetNode(o.dataset));
    // Maintenance rewrites tables in place: in OpenLineage each of them is both its
    // input and output, which would put a cycle on every table. The graph keeps the
    // pipeline a DAG and shows the job without edges; its run events list the tables.
    for (const from of inputs) addEdge(from, job);
    for (const to of outputs) addEdge(job, to);
  }

  // Tables the pipeline does not know: shown, unconnected.
  for (const table of [...existingTables].sort()) tableNode(table);

  return { nodes: [...nodes.values()], edges };
}
