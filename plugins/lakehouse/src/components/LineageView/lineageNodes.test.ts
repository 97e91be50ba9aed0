import type { LineageNode } from '@medallion/plugin-lakehouse-common';
import { freshness, lineage, scratch } from './__testUtils__/lineageFixtures';
import { catalogPath, jobNameOf, nodeHref, splitTableId } from './lineageLinks';
import { describeLineageNodes, summarizeLineage } from './lineageNodes';

describe('lineage links', () => {
  it('maps every OpenLineage job name of the backend to its job', () => {
    expect(
      [
        'lakehouse.producer',
        'lakehouse.bronze_ingester',
        'lakehouse.silver_processor',
        'lakehouse.gold_dbt_build',
        'lakehouse.anomaly_scoring',
        'lakehouse.table_maintenance',
      ].map(jobNameOf),
    ).toEqual([
      'producer',
      'bronze',
      'silver',
      'gold',
      'scoring',
      'maintenance',
    ]);
    expect(jobNameOf('lakehouse.silver')).toBe('silver');
    // dbt's per-model jobs lead to the gold job's runs
    expect(jobNameOf('lakehouse.gold_dbt_build.fct_purchases')).toBe('gold');
    expect(jobNameOf('lakehouse.gold_dbt_buildx')).toBeUndefined();
    expect(jobNameOf('nightly_dag.load_orders')).toBeUndefined();
    expect(jobNameOf('lakehouse.unknown')).toBeUndefined();
  });

  it('builds catalog paths from table ids, splitting at the last dot', () => {
    expect(splitTableId('silver.purchases')).toEqual({
      namespace: 'silver',
      table: 'purchases',
    });
    expect(splitTableId('a.b.events')).toEqual({
      namespace: 'a.b',
      table: 'events',
    });
    expect(splitTableId('purchases')).toBeUndefined();
    expect(catalogPath('/lakehouse', 'gold.fct purchases')).toBe(
      '/lakehouse/catalog/gold/fct%20purchases',
    );
  });

  it('links existing tables and our jobs only', () => {
    const href = (label: string) =>
      nodeHref(lineage.nodes.find(n => n.label === label)!, '/lh');
    expect(href('silver.purchases')).toBe('/lh/catalog/silver/purchases');
    expect(href('bronze ingester')).toBe('/lh/jobs?job=bronze');
    expect(href('dbt build (gold)')).toBe('/lh/jobs?job=gold');
    expect(href('gold.fct_purchases')).toBeUndefined();
    expect(href('purchases')).toBeUndefined();
    const foreign: LineageNode = {
      ...lineage.nodes[0],
      namespace: 'airflow',
      name: 'nightly.load',
    };
    expect(nodeHref(foreign, '/lh')).toBeUndefined();
  });
});

describe('describeLineageNodes', () => {
  const views = describeLineageNodes(lineage, freshness.tables, '/lakehouse');
  const byLabel = new Map(views.map(v => [v.node.label, v]));

  it('matches freshness to tables and leaves topics, jobs and planned tables neutral', () => {
    expect(views.map(v => [v.node.label, v.kind, v.planned, v.status])).toEqual(
      [
        ['event producer', 'job', false, null],
        ['purchases', 'topic', false, null],
        ['purchases.labels', 'topic', false, null],
        ['bronze ingester', 'job', false, null],
        ['bronze.purchases_raw', 'table', false, 'fresh'],
        ['bronze.purchase_labels', 'table', false, 'warn'],
        ['silver processor', 'job', false, null],
        ['silver.purchases', 'table', false, 'fresh'],
        ['silver.purchases_rejected', 'table', false, 'error'],
        ['dbt build (gold)', 'job', true, null],
        ['gold.fct_purchases', 'table', true, null],
        ['anomaly scoring', 'job', true, null],
        ['gold.purchase_anomalies', 'table', true, null],
        ['table maintenance', 'job', false, null],
        ['scratch.tmp_import', 'table', false, 'unknown'],
      ],
    );
  });

  it('says the status in text and shape, not by colour alone', () => {
    expect(byLabel.get('bronze.purchase_labels')?.detail).toBe(
      '▲ warn · 3 min ago',
    );
    expect(byLabel.get('silver.purchases_rejected')?.detail).toBe(
      '■ error · 40 min ago',
    );
    expect(byLabel.get('scratch.tmp_import')?.detail).toBe('○ unknown · never');
    expect(byLabel.get('gold.fct_purchases')?.detail).toBe('planned table');
    expect(byLabel.get('purchases')?.detail).toBe('Kafka topic');
    expect(byLabel.get('silver.purchases_rejected')?.ariaLabel).toBe(
      'silver.purchases_rejected: table, freshness error, open in catalog',
    );
    expect(byLabel.get('bronze ingester')?.ariaLabel).toBe(
      'bronze ingester: job, open its runs',
    );
    expect(byLabel.get('gold.fct_purchases')?.ariaLabel).toBe(
      'gold.fct_purchases: planned table',
    );
  });

  it('treats a table missing from the freshness check as unknown', () => {
    const [view] = describeLineageNodes(
      { nodes: [scratch], edges: [] },
      [],
      '/lakehouse',
    );
    expect(view).toMatchObject({ status: 'unknown', freshness: null });
    expect(view.detail).toBe('○ unknown');
  });

  it('summarises counts and the tables that need attention', () => {
    expect(summarizeLineage(views, lineage.edges.length)).toBe(
      '9 datasets and 6 jobs, 13 edges; 4 planned. ' +
        'Table freshness: 2 fresh, 1 warn, 1 error, 1 unknown. ' +
        'Needs attention: bronze.purchase_labels (warn), silver.purchases_rejected (error).',
    );
  });
});
