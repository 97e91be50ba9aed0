import type { TableSummary } from '@medallion/plugin-lakehouse-common';
import { groupTables, matchesFilter } from './groupTables';
import {
  silverPurchases,
  tablesResponse,
} from './__testUtils__/catalogFixtures';

const { tables } = tablesResponse;
const ids = (groups: ReturnType<typeof groupTables>) =>
  groups.map(g => [g.namespace, g.tables.map(t => t.name)]);

describe('groupTables', () => {
  it('groups by namespace in pipeline order, tables by name', () => {
    expect(ids(groupTables(tables))).toEqual([
      ['bronze', ['purchase_labels', 'purchases_raw']],
      ['silver', ['purchases', 'purchases_rejected']],
      ['gold', ['fct_purchases']],
      ['ops', ['maintenance_log']],
    ]);
  });

  it('orders namespaces outside the pipeline after gold, by name', () => {
    const extra: TableSummary = {
      ...silverPurchases,
      id: 'audit.x',
      namespace: 'audit',
      name: 'x',
      layer: 'other',
    };
    const groups = groupTables([...tables, extra]);
    expect(groups.map(g => g.namespace)).toEqual([
      'bronze',
      'silver',
      'gold',
      'audit',
      'ops',
    ]);
  });

  it('keeps only the tables matching the filter, dropping empty groups', () => {
    expect(ids(groupTables(tables, 'rejected'))).toEqual([
      ['silver', ['purchases_rejected']],
    ]);
    expect(ids(groupTables(tables, '  SILVER purch '))).toEqual([
      ['silver', ['purchases', 'purchases_rejected']],
    ]);
    expect(groupTables(tables, 'no such table')).toEqual([]);
  });
});

describe('matchesFilter', () => {
  it('matches id, layer and description, every word', () => {
    expect(matchesFilter(silverPurchases, 'deduplicated')).toBe(true);
    expect(matchesFilter(silverPurchases, 'silver')).toBe(true);
    expect(matchesFilter(silverPurchases, 'silver bronze')).toBe(false);
    expect(matchesFilter(silverPurchases, '')).toBe(true);
  });
});
