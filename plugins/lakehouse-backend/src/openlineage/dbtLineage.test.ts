import type { LineageGraph } from '@medallion/plugin-lakehouse-common';
import { buildLineageGraph } from './lineageGraph';
import { DBT_NAMESPACE, mergeDbtLineage } from './dbtLineage';

const pipelineGraph = (): LineageGraph =>
  buildLineageGraph({
    jobNamespace: 'medallion',
    naming: {
      kafkaBrokers: ['127.0.0.1:9092'],
      tables: { catalog: 'sql', warehouse: 'file:///srv/warehouse' },
    },
    topics: { purchases: 'purchases', labels: 'purchases.labels' },
    tables: [
      'bronze.purchases_raw',
      'silver.purchases',
      'silver.purchases_rejected',
      'gold.fct_purchases',
      'gold.dim_products',
    ],
  });

const idOf = (
  g: LineageGraph,
  pred: (n: LineageGraph['nodes'][0]) => boolean,
) => g.nodes.find(pred)?.id;

describe('mergeDbtLineage', () => {
  const models = [
    {
      name: 'stg_purchases',
      table: null,
      parents: [{ name: 'silver.purchases', resourceType: 'source' }],
    },
    {
      name: 'fct_purchases',
      table: 'gold.fct_purchases',
      parents: [{ name: 'stg_purchases', resourceType: 'model' }],
    },
    {
      name: 'dim_products',
      table: 'gold.dim_products',
      parents: [{ name: 'fct_purchases', resourceType: 'model' }],
    },
  ];

  it('replaces the coarse dbt job with a job per model, wired by the model graph', () => {
    const merged = mergeDbtLineage(pipelineGraph(), models, 'medallion');
    const coarse = 'job:medallion/lakehouse.gold_dbt_build';
    expect(merged.nodes.some(n => n.id === coarse)).toBe(false);
    expect(merged.edges.some(e => e.from === coarse || e.to === coarse)).toBe(
      false,
    );
    const silver = idOf(merged, n => n.table === 'silver.purchases')!;
    const fct = idOf(merged, n => n.table === 'gold.fct_purchases')!;
    const dim = idOf(merged, n => n.table === 'gold.dim_products')!;
    const stg = `dataset:${DBT_NAMESPACE}/stg_purchases`;
    const job = (m: string) => `job:medallion/lakehouse.gold_dbt_build.${m}`;
    expect(merged.edges).toEqual(
      expect.arrayContaining([
        { from: silver, to: job('stg_purchases') },
        { from: job('stg_purchases'), to: stg },
        { from: stg, to: job('fct_purchases') },
        { from: job('fct_purchases'), to: fct },
        { from: fct, to: job('dim_products') },
        { from: job('dim_products'), to: dim },
      ]),
    );
    // Every edge joins existing nodes, and the rest of the pipeline is untouched.
    const ids = new Set(merged.nodes.map(n => n.id));
    expect(merged.edges.every(e => ids.has(e.from) && ids.has(e.to))).toBe(
      true,
    );
    const silverJob = 'job:medallion/lakehouse.silver_processor';
    expect(merged.edges).toContainEqual({ from: silverJob, to: silver });
  });

  it('leaves the graph alone before dbt has built anything', () => {
    const graph = pipelineGraph();
    expect(mergeDbtLineage(graph, [], 'medallion')).toBe(graph);
  });
});
