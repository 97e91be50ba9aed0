import { catalogTablePath, jobsPath, runPath, splitTableId } from './links';

describe('links', () => {
  it('splits a table id at the last dot (namespaces may nest)', () => {
    expect(splitTableId('silver.purchases')).toEqual({
      namespace: 'silver',
      table: 'purchases',
    });
    expect(splitTableId('lake.silver.purchases')).toEqual({
      namespace: 'lake.silver',
      table: 'purchases',
    });
  });

  it('links a table to the catalog under the page root', () => {
    expect(catalogTablePath('/lakehouse', 'silver.purchases')).toBe(
      '/lakehouse/catalog/silver/purchases',
    );
    expect(catalogTablePath('/', 'gold.fct_purchases')).toBe(
      '/catalog/gold/fct_purchases',
    );
  });

  it('falls back to the catalog for an id without a namespace', () => {
    expect(catalogTablePath('/lakehouse', 'orphan')).toBe('/lakehouse/catalog');
  });

  it('links runs and jobs under the page root, encoding ids', () => {
    expect(runPath('/lakehouse', '3d0f6c1e-9b2a')).toBe(
      '/lakehouse/jobs/runs/3d0f6c1e-9b2a',
    );
    expect(runPath('/lakehouse', 'a/b')).toBe('/lakehouse/jobs/runs/a%2Fb');
    expect(jobsPath('/lakehouse/')).toBe('/lakehouse/jobs');
  });
});
