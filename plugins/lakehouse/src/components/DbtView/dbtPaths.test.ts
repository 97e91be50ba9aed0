import { dbtPaths, shortRunId, tableOfNodeName } from './dbtPaths';

describe('dbtPaths', () => {
  it('builds paths under the page root, with or without a trailing slash', () => {
    for (const root of ['/lakehouse', '/lakehouse/']) {
      const paths = dbtPaths(root);
      expect(paths.overview).toBe('/lakehouse/dbt');
      expect(paths.model('fct_purchases')).toBe(
        '/lakehouse/dbt/models/fct_purchases',
      );
      expect(paths.catalogTable('silver', 'purchases')).toBe(
        '/lakehouse/catalog/silver/purchases',
      );
      expect(paths.jobRun('a b')).toBe('/lakehouse/jobs/runs/a%20b');
    }
    expect(dbtPaths('/').overview).toBe('/dbt');
  });

  it('reads table names from node names', () => {
    expect(tableOfNodeName('silver.purchases')).toEqual({
      namespace: 'silver',
      table: 'purchases',
    });
    expect(tableOfNodeName('stg_purchases')).toBeNull();
    expect(tableOfNodeName('a.b.c')).toBeNull();
  });

  it('shortens run ids to their first group', () => {
    expect(shortRunId('3d0f6c1e-9b2a-4f5d')).toBe('3d0f6c1e');
    expect(shortRunId('20260131T090000Z')).toBe('20260131T090000Z');
  });
});
