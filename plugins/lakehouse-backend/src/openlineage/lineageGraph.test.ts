import type { LineageGraph } from '@medallion/plugin-lakehouse-common';
import { buildLineageGraph, type LineageGraphInput } from './lineageGraph';

const WH = '/srv/medallion/warehouse';
const input = (
  overrides: Partial<LineageGraphInput> = {},
): LineageGraphInput => ({
  jobNamespace: 'medallion',
  naming: {
    kafkaBrokers: ['127.0.0.1:9092'],
    tables: { catalog: 'sql', warehouse: `file://${WH}` },
  },
  topics: { purchases: 'purchases', labels: 'purchases.labels' },
  tables: [],
  ...overrides,
});

const K = 'dataset:kafka://127.0.0.1:9092/';
const T = (table: string) => `dataset:file/${WH}/${table.replace('.', '/')}`;
const J = (name: string) => `job:medallion/lakehouse.${name}`;

/** The graph as `from -> to` lines of labels, for readable expectations. */
function edgesByLabel(graph: LineageGraph): string[] {
  const label = new Map(graph.nodes.map(n => [n.id, n.label]));
  return graph.edges.map(e => `${label.get(e.from)} -> ${label.get(e.to)}`);
}

describe('buildLineageGraph', () => {
  it('shows the whole pipeline, planned where nothing exists yet', () => {
    const graph = buildLineageGraph(input());
    expect(graph.nodes.map(n => [n.id, n.layer, n.exists])).toEqual([
      [J('producer'), 'source', true],
      [`${K}purchases`, 'source', true],
      [`${K}purchases.labels`, 'source', true],
      [J('bronze_ingester'), 'bronze', true],
      [T('bronze.purchases_raw'), 'bronze', false],
      [T('bronze.purchase_labels'), 'bronze', false],
      [J('silver_processor'), 'silver', true],
      [T('silver.purchases'), 'silver', false],
      [T('silver.purchases_rejected'), 'silver', false],
      [J('gold_dbt_build'), 'gold', true],
      [T('gold.fct_purchases'), 'gold', false],
      [J('anomaly_scoring'), 'anomalies', true],
      [T('gold.purchase_anomalies'), 'anomalies', false],
      [J('anomaly_training'), 'anomalies', true],
      [J('table_maintenance'), null, true],
    ]);
    expect(edgesByLabel(graph)).toEqual([
      'event producer -> purchases',
      'event producer -> purchases.labels',
      'purchases -> bronze ingester',
      'purchases.labels -> bronze ingester',
      'bronze ingester -> bronze.purchases_raw',
      'bronze ingester -> bronze.purchase_labels',
      'bronze.purchases_raw -> silver processor',
      'silver processor -> silver.purchases',
      'silver processor -> silver.purchases_rejected',
      'silver.purchases -> dbt build (gold)',
      'dbt build (gold) -> gold.fct_purchases',
      'silver.purchases -> anomaly scoring',
      'anomaly scoring -> gold.purchase_anomalies',
      'silver.purchases -> anomaly model training',
      'bronze.purchase_labels -> anomaly model training',
    ]);
    expect(graph.nodes[4]).toEqual({
      id: T('bronze.purchases_raw'),
      type: 'dataset',
      namespace: 'file',
      name: `${WH}/bronze/purchases_raw`,
      label: 'bronze.purchases_raw',
      layer: 'bronze',
      table: 'bronze.purchases_raw',
      exists: false,
    });
    expect(graph.nodes[0]).toEqual({
      id: J('producer'),
      type: 'job',
      namespace: 'medallion',
      name: 'lakehouse.producer',
      label: 'event producer',
      layer: 'source',
      table: null,
      exists: true,
    });
  });

  it('makes every gold table but the anomalies an output of dbt, and lists unknown tables unconnected', () => {
    const tables = [
      'silver.purchases',
      'gold.purchase_anomalies',
      'gold.fct_purchases',
      'scratch.tmp_import',
      'bronze.purchases_raw',
      'gold.dim_customers',
      'gold.agg_daily_revenue',
      'bronze.replay_2026',
    ];
    const graph = buildLineageGraph(input({ tables }));
    const edges = edgesByLabel(graph);
    expect(edges.filter(e => e.startsWith('dbt build'))).toEqual([
      'dbt build (gold) -> gold.agg_daily_revenue',
      'dbt build (gold) -> gold.dim_customers',
      'dbt build (gold) -> gold.fct_purchases',
    ]);
    expect(edges).toContain('anomaly scoring -> gold.purchase_anomalies');
    const byLabel = new Map(graph.nodes.map(n => [n.label, n]));
    expect(byLabel.get('gold.purchase_anomalies')?.exists).toBe(true);
    expect(byLabel.get('gold.fct_purchases')?.exists).toBe(true);
    expect(byLabel.get('silver.purchases_rejected')?.exists).toBe(false);

    const unknown = graph.nodes.slice(-2);
    expect(unknown.map(n => [n.label, n.layer, n.exists])).toEqual([
      ['bronze.replay_2026', 'bronze', true],
      ['scratch.tmp_import', null, true],
    ]);
    const connected = new Set(graph.edges.flatMap(e => [e.from, e.to]));
    expect(unknown.some(n => connected.has(n.id))).toBe(false);
  });

  it('is deterministic whatever order the catalog lists tables in', () => {
    const tables = [
      'gold.dim_customers',
      'other.b',
      'gold.agg_x',
      'other.a',
      'silver.purchases',
    ];
    const a = buildLineageGraph(input({ tables }));
    const b = buildLineageGraph(input({ tables: [...tables].reverse() }));
    const c = buildLineageGraph(
      input({ tables: [...tables, 'gold.agg_x', 'other.a'] }),
    );
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(new Set(a.nodes.map(n => n.id)).size).toBe(a.nodes.length);
  });

  it('only links dataset to job and job to dataset, between existing nodes', () => {
    const graph = buildLineageGraph(
      input({ tables: ['gold.fct_purchases', 'x.y'] }),
    );
    const type = new Map(graph.nodes.map(n => [n.id, n.type]));
    for (const edge of graph.edges) {
      expect(type.has(edge.from)).toBe(true);
      expect(type.has(edge.to)).toBe(true);
      expect(type.get(edge.from)).not.toBe(type.get(edge.to));
    }
  });

  it('marks jobs this backend cannot run and topics not yet created as planned', () => {
    const graph = buildLineageGraph(
      input({
        availableJobs: ['producer', 'bronze', 'silver', 'maintenance'],
        existingTopics: ['purchases'],
      }),
    );
    const exists = new Map(graph.nodes.map(n => [n.label, n.exists]));
    expect(exists.get('dbt build (gold)')).toBe(false);
    expect(exists.get('anomaly scoring')).toBe(false);
    expect(exists.get('silver processor')).toBe(true);
    expect(exists.get('purchases')).toBe(true);
    expect(exists.get('purchases.labels')).toBe(false);
  });

  it('uses the OpenLineage names of the AWS deployment', () => {
    const graph = buildLineageGraph(
      input({
        jobNamespace: 'medallion-prod',
        naming: {
          kafkaBrokers: ['b-1.msk.internal:9098', 'b-2.msk.internal:9098'],
          tables: {
            catalog: 'glue',
            warehouse: 's3://medallion-lake/warehouse',
            region: 'eu-west-1',
            accountId: '123456789012',
          },
        },
        topics: { purchases: 'shop.purchases', labels: 'shop.labels' },
        tables: ['silver.purchases'],
      }),
    );
    const ids = graph.nodes.map(n => n.id);
    expect(ids).toContain(
      'dataset:kafka://b-1.msk.internal:9098/shop.purchases',
    );
    expect(ids).toContain(
      'dataset:s3://medallion-lake/warehouse/silver/purchases',
    );
    expect(ids).toContain('job:medallion-prod/lakehouse.silver_processor');
    const silver = graph.nodes.find(n => n.table === 'silver.purchases');
    expect(silver).toMatchObject({
      namespace: 's3://medallion-lake',
      name: 'warehouse/silver/purchases',
      label: 'silver.purchases',
      exists: true,
    });
  });
});
