import { fctPurchasesDetail } from './__testUtils__/dbtFixtures';
import { testHistoryGrid } from './testHistoryGrid';

describe('testHistoryGrid', () => {
  it('rows are the union of tests over runs, cells null where a run lacked one', () => {
    const grid = testHistoryGrid(fctPurchasesDetail.testHistory);
    expect(grid.runs.map(r => r.status)).toEqual(['failed', 'success']);
    expect(
      grid.tests.map(t => [t.name, t.cells.map(c => c?.status ?? null)]),
    ).toEqual([
      ['accepted_values_fct_purchases_membership', ['warn', null]],
      ['not_null_fct_purchases_event_id', ['skipped', 'pass']],
      ['unique_fct_purchases_event_id', ['fail', 'pass']],
    ]);
    expect(grid.tests[2]!.cells[0]).toEqual({ status: 'fail', failures: 1 });
  });

  it('is empty without runs', () => {
    expect(testHistoryGrid([])).toEqual({ runs: [], tests: [] });
  });
});
