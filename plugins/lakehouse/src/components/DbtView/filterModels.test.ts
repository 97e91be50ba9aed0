import { dbtModels } from './__testUtils__/dbtFixtures';
import { filterModels } from './filterModels';

const names = (search: string) =>
  filterModels(dbtModels.models, search).map(m => m.name);

describe('filterModels', () => {
  it('keeps everything for a blank search', () => {
    expect(names('  ')).toHaveLength(dbtModels.models.length);
  });
  it('matches every word in the name or description, any case', () => {
    expect(names('Stg')).toEqual(['stg_purchases']);
    expect(names('margin currency')).toEqual(['product_profitability']);
    expect(names('margin purchase')).toEqual([]);
  });
  it('copes with models without a description', () => {
    expect(names('int_orders')).toEqual(['int_orders']);
  });
});
