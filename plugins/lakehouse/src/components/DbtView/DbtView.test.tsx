import { fireEvent, screen, within } from '@testing-library/react';
import {
  dbtModels,
  noDbtFreshness,
  noDbtModels,
} from './__testUtils__/dbtFixtures';
import { backendDown, fakeDbtApi, renderDbt } from './__testUtils__/renderDbt';

// Whole MUI pages render slowly on a busy machine; the default 5 s is too tight.
jest.setTimeout(30_000);

const modelNames = () =>
  within(screen.getByRole('table', { name: 'dbt models' }))
    .getAllByRole('rowheader')
    .map(h => h.textContent);

describe('DbtView overview', () => {
  it('lists the models with materialization, columns and test status', async () => {
    const api = fakeDbtApi();
    await renderDbt(api);

    expect(
      screen.getByRole('heading', { level: 2, name: 'dbt models' }),
    ).toBeInTheDocument();
    expect(modelNames()).toEqual([
      'stg_purchases',
      'fct_purchases',
      'product_profitability',
      'int_orders',
    ]);
    const fct = screen
      .getByRole('link', { name: 'fct_purchases' })
      .closest('tr')!;
    expect(screen.getByRole('link', { name: 'fct_purchases' })).toHaveAttribute(
      'href',
      '/lakehouse/dbt/models/fct_purchases',
    );
    for (const text of ['One row per purchase.', 'external', 'gold', '20'])
      expect(within(fct as HTMLElement).getByText(text)).toBeInTheDocument();
    expect(
      within(fct as HTMLElement).getByLabelText(
        'Tests: 13 passed, 1 failed, 1 warned, 0 not run',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('Tests: 0 passed, 0 failed, 0 warned, 3 not run'),
    ).toBeInTheDocument();
    expect(screen.getByText('no tests')).toBeInTheDocument();
  });

  it('searches models by name and description', async () => {
    await renderDbt(fakeDbtApi());
    const search = screen.getByRole('textbox', { name: 'Search models' });

    fireEvent.change(search, { target: { value: 'MARGIN' } });
    expect(modelNames()).toEqual(['product_profitability']);

    fireEvent.change(search, { target: { value: 'purchases' } });
    expect(modelNames()).toEqual(['stg_purchases', 'fct_purchases']);

    fireEvent.change(search, { target: { value: 'no such model' } });
    expect(screen.getByRole('status')).toHaveTextContent(
      'No models match “no such model”.',
    );
  });

  it('shows the latest dbt runs with failing tests named', async () => {
    const api = fakeDbtApi();
    await renderDbt(api);
    expect(api.listDbtRuns).toHaveBeenCalledWith(10);

    const runs = within(
      screen.getByRole('region', { name: 'Latest dbt runs' }),
    );
    const rows = runs.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const failed = within(rows[0]!);
    expect(
      failed.getByRole('link', { name: 'gold run 3d0f6c1e' }),
    ).toHaveAttribute(
      'href',
      '/lakehouse/jobs/runs/3d0f6c1e-9b2a-4f5d-8e7c-1a2b3c4d5e6f',
    );
    expect(failed.getByLabelText('status: failed')).toHaveTextContent(
      '✕ failed',
    );
    expect(failed.getByText('1.8 s')).toBeInTheDocument();
    expect(
      failed.getByText('1 not built: product_profitability'),
    ).toBeInTheDocument();
    expect(
      failed.getByText(/unique_fct_purchases_event_id \(1 failing rows\)/),
    ).toBeInTheDocument();
    expect(
      failed.getByText(/accepted_values_fct_purchases_membership/),
    ).toBeInTheDocument();
    const passed = within(rows[1]!);
    expect(passed.getByLabelText('status: success')).toBeInTheDocument();
    expect(passed.getByText('none')).toBeInTheDocument();
  });

  it('shows source freshness with status, criteria and catalog links', async () => {
    await renderDbt(fakeDbtApi());
    const table = screen.getByRole('table', { name: 'dbt source freshness' });
    const [pass, broken] = within(table).getAllByRole('row').slice(1);
    expect(within(pass!).getByLabelText('status: pass')).toHaveTextContent(
      '● pass',
    );
    expect(
      within(pass!).getByText('warn after 1 hour, error after 24 hours'),
    ).toBeInTheDocument();
    expect(within(pass!).getByText('7 s old')).toBeInTheDocument();
    expect(
      within(pass!).getByRole('link', { name: 'silver.purchases' }),
    ).toHaveAttribute('href', '/lakehouse/catalog/silver/purchases');
    expect(
      within(broken!).getByLabelText('status: runtime error'),
    ).toBeInTheDocument();
    expect(
      within(broken!).getByText(
        'table silver.purchases_rejected does not exist',
      ),
    ).toBeInTheDocument();
  });

  it('explains where builds come from before the first gold build', async () => {
    await renderDbt(
      fakeDbtApi({
        listDbtModels: async () => noDbtModels,
        listDbtRuns: async () => ({ runs: [] }),
        getDbtFreshness: async () => noDbtFreshness,
      }),
    );
    expect(await screen.findAllByText('No dbt build yet')).toHaveLength(2);
    expect(
      screen.getAllByText(/The gold job runs every 10 minutes/)[0],
    ).toHaveTextContent(
      'The gold job runs every 10 minutes, or trigger it from the Jobs tab.',
    );
    expect(
      screen.getAllByRole('link', { name: 'Jobs tab' })[0],
    ).toHaveAttribute('href', '/lakehouse/jobs');
    expect(
      screen.getByText('No source freshness check yet'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('explains how to start the backend when it is down', async () => {
    await renderDbt(
      fakeDbtApi({
        listDbtModels: backendDown,
        listDbtRuns: backendDown,
        getDbtFreshness: backendDown,
      }),
    );
    expect(
      await screen.findAllByText(/The lakehouse backend is not reachable$/),
    ).toHaveLength(3);
    expect(screen.getAllByText(/npm start/)).toHaveLength(3);
  });

  it('keeps the models when only the runs fail', async () => {
    await renderDbt(fakeDbtApi({ listDbtRuns: backendDown }));
    expect(modelNames()).toHaveLength(dbtModels.models.length);
    expect(
      within(screen.getByRole('region', { name: 'Latest dbt runs' })).getByText(
        /The lakehouse backend is not reachable$/,
      ),
    ).toBeInTheDocument();
  });
});
