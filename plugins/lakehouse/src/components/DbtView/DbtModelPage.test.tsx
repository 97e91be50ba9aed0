import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, within } from '@testing-library/react';
import type { DbtModelDetail } from '@medallion/plugin-lakehouse-common';
import { fctPurchasesDetail } from './__testUtils__/dbtFixtures';
import { backendDown, fakeDbtApi, renderDbt } from './__testUtils__/renderDbt';

// Whole MUI pages render slowly on a busy machine; the default 5 s is too tight.
jest.setTimeout(30_000);

const FCT = '/lakehouse/dbt/models/fct_purchases';

const rowTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map(r => [...r.querySelectorAll('th, td')].map(c => c.textContent));

describe('DbtView model page', () => {
  it('opens from the model list', async () => {
    const api = fakeDbtApi();
    await renderDbt(api);
    fireEvent.click(screen.getByRole('link', { name: 'fct_purchases' }));
    expect(
      await screen.findByRole('heading', { level: 2, name: 'fct_purchases' }),
    ).toBeInTheDocument();
    expect(api.getDbtModel).toHaveBeenCalledWith('fct_purchases');
    expect(
      screen.getByRole('link', { name: '← All dbt models' }),
    ).toHaveAttribute('href', '/lakehouse/dbt');
  });

  it('shows the description, facts and the columns with their tests', async () => {
    await renderDbt(fakeDbtApi(), FCT);
    expect(screen.getByText('One row per purchase.')).toBeInTheDocument();
    expect(
      screen.getByText('models/marts/fct_purchases.sql'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'gold.fct_purchases' }),
    ).toHaveAttribute('href', '/lakehouse/catalog/gold/fct_purchases');

    const columns = screen.getByRole('table', {
      name: 'Columns of fct_purchases',
    });
    expect(rowTexts(columns).map(r => r.slice(0, 3))).toEqual([
      ['Column', 'Type', 'Description'],
      ['event_id', 'VARCHAR', 'Unique purchase event id; the primary key.'],
      ['membership', 'VARCHAR', 'member or non_member.'],
      ['loaded_by', '—', '—'],
    ]);
    const eventId = within(columns).getAllByRole('row')[1]!;
    expect(
      within(eventId).getByLabelText('unique_fct_purchases_event_id: fail'),
    ).toHaveTextContent('✕ fail');
    expect(
      within(eventId).getByLabelText('not_null_fct_purchases_event_id: pass'),
    ).toHaveTextContent('✓ pass');
    expect(within(eventId).getByText(/\(1 failing rows\)/)).toBeInTheDocument();

    const modelTests = within(
      screen.getByRole('region', { name: 'Model tests' }),
    );
    expect(
      modelTests.getByLabelText(
        'unique_combination_of_columns_fct_purchases: not run',
      ),
    ).toHaveTextContent('○ not run');
  });

  it('shows the test history with the failed test in the newest run', async () => {
    await renderDbt(fakeDbtApi(), FCT);
    const history = screen.getByRole('table', {
      name: 'Test history of fct_purchases',
    });
    expect(
      within(history)
        .getAllByRole('rowheader')
        .map(h => h.textContent),
    ).toEqual([
      'accepted_values_fct_purchases_membership',
      'not_null_fct_purchases_event_id',
      'unique_fct_purchases_event_id',
    ]);
    const failed = within(history).getByRole('img', {
      name: 'unique_fct_purchases_event_id: fail (1 failing rows) in gold run 3d0f6c1e',
    });
    expect(failed).toHaveTextContent('✕');
    expect(
      within(history).getByRole('img', {
        name: 'unique_fct_purchases_event_id: pass in gold run 0b6a2f5e',
      }),
    ).toHaveTextContent('✓');
    expect(
      within(history).getByRole('img', {
        name: 'accepted_values_fct_purchases_membership: not in the build in gold run 0b6a2f5e',
      }),
    ).toBeInTheDocument();
    expect(
      within(history).getByRole('img', { name: 'build failed' }),
    ).toBeInTheDocument();
    expect(
      within(history).getByRole('link', { name: '3d0f6c1e' }),
    ).toHaveAttribute(
      'href',
      '/lakehouse/jobs/runs/3d0f6c1e-9b2a-4f5d-8e7c-1a2b3c4d5e6f',
    );
  });

  it('toggles between compiled and raw SQL', async () => {
    await renderDbt(fakeDbtApi(), FCT);
    const compiled = screen.getByRole('region', {
      name: 'Compiled SQL of fct_purchases',
    });
    expect(compiled).toHaveTextContent('"medallion"."staging"."stg_purchases"');
    expect(
      screen.getByRole('button', { name: 'Compiled SQL' }),
    ).toHaveAttribute('aria-pressed', 'true');

    fireEvent.click(screen.getByRole('button', { name: 'Raw SQL' }));
    expect(
      screen.getByRole('region', { name: 'Raw SQL of fct_purchases' }),
    ).toHaveTextContent("{{ ref('stg_purchases') }}");
    expect(
      screen.queryByRole('region', { name: 'Compiled SQL of fct_purchases' }),
    ).not.toBeInTheDocument();
  });

  it('shows raw SQL first when no run compiled the model', async () => {
    const uncompiled: DbtModelDetail = {
      ...fctPurchasesDetail,
      compiledSql: null,
      compiledRunId: null,
    };
    await renderDbt(fakeDbtApi({ getDbtModel: async () => uncompiled }), FCT);
    expect(
      screen.getByRole('region', { name: 'Raw SQL of fct_purchases' }),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Compiled SQL' }));
    expect(screen.getByRole('status')).toHaveTextContent(
      'No kept run compiled this model yet',
    );
  });

  it('links parents and children: models to dbt, sources to the catalog', async () => {
    await renderDbt(fakeDbtApi(), FCT);
    const parents = within(screen.getByRole('list', { name: 'Parents' }));
    expect(
      parents.getByRole('link', { name: 'stg_purchases' }),
    ).toHaveAttribute('href', '/lakehouse/dbt/models/stg_purchases');
    expect(
      parents.getByRole('link', { name: 'silver.purchases' }),
    ).toHaveAttribute('href', '/lakehouse/catalog/silver/purchases');
    const children = within(screen.getByRole('list', { name: 'Children' }));
    expect(
      children.getByRole('link', { name: 'product_profitability' }),
    ).toHaveAttribute('href', '/lakehouse/dbt/models/product_profitability');
  });

  it('shows the backend error for an unknown model', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotFoundError',
          message: 'no dbt model fct_nothing in the manifest of run 3d0f6c1e',
        },
        response: { statusCode: 404 },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'content-type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response);
    await renderDbt(
      fakeDbtApi({ getDbtModel: () => Promise.reject(error) }),
      '/lakehouse/dbt/models/fct_nothing',
    );
    expect(
      await screen.findAllByText(/no dbt model fct_nothing/),
    ).not.toHaveLength(0);
    expect(
      screen.getByRole('link', { name: '← All dbt models' }),
    ).toBeInTheDocument();
  });

  it('explains how to start the backend when it is down', async () => {
    await renderDbt(fakeDbtApi({ getDbtModel: backendDown }), FCT);
    expect(
      await screen.findByText(/The lakehouse backend is not reachable$/),
    ).toBeInTheDocument();
  });
});
