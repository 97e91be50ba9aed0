import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import type { ProfitabilityResponse } from '@medallion/plugin-lakehouse-common';
import { lakehouseApiRef, LakehouseUnavailableError } from '../../api';
import type { LakehouseApi } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  noProfitability,
  profitability,
} from './__testUtils__/profitabilityFixtures';
import { ProfitabilityView } from './ProfitabilityView';

// Whole MUI pages render slowly on a busy machine; the default 5 s is too tight.
jest.setTimeout(30_000);

function renderView(getProfitability: () => Promise<ProfitabilityResponse>) {
  const api = { getProfitability: jest.fn(getProfitability) };
  return renderInTestApp(
    <TestApiProvider apis={[[lakehouseApiRef, api as Partial<LakehouseApi>]]}>
      <ProfitabilityView />
    </TestApiProvider>,
    { mountedRoutes: { '/lakehouse': rootRouteRef } },
  ).then(() => api);
}

const marks = (chart: HTMLElement, segment: string) =>
  [...chart.querySelectorAll(`path[data-segment="${segment}"] title`)].map(
    t => t.textContent,
  );

const productIds = () =>
  within(screen.getByRole('table', { name: 'Top products by revenue' }))
    .getAllByRole('rowheader')
    .map(h => h.textContent);

describe('ProfitabilityView', () => {
  it('starts with the currency with most revenue and switches currency', async () => {
    const api = await renderView(async () => profitability);
    expect(api.getProfitability).toHaveBeenCalledWith();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Profitability' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Currency' })).toHaveValue(
      'JPY',
    );
    const jpy = screen.getByRole('img', {
      name: 'Margin against revenue per product (JPY)',
    });
    expect(marks(jpy, 'member')).toEqual([
      'P00146 (member), revenue 415,000 JPY, margin 99,600 JPY, margin rate 24.0%, 1 units, 1 orders',
    ]);
    expect(marks(jpy, 'non_member')).toEqual([
      'P00901 (non-member), revenue 0 JPY, margin -12 JPY, margin rate —, 0 units, 1 orders',
    ]);

    fireEvent.change(screen.getByRole('combobox', { name: 'Currency' }), {
      target: { value: 'EUR' },
    });
    const eur = screen.getByRole('img', {
      name: 'Margin against revenue per product (EUR)',
    });
    expect(marks(eur, 'member')).toHaveLength(2);
    expect(marks(eur, 'non_member')).toHaveLength(3);
    expect(eur).toHaveAccessibleDescription(
      /^5 product segments in EUR, all categories: 2 member, 3 non-member\./,
    );
    expect(eur).toHaveAccessibleDescription(/1 with a negative margin/);
    expect(within(eur).getByText('Revenue (EUR)')).toBeInTheDocument();
    expect(within(eur).getByText('Margin (EUR)')).toBeInTheDocument();
    expect(productIds()).toEqual(['P00146', 'P00310', 'P00077']);
    const legend = within(
      screen.getByRole('list', { name: 'Profitability legend' }),
    );
    expect(legend.getByText('member (circle): 2 products')).toBeInTheDocument();
    expect(
      legend.getByText('non-member (triangle): 3 products'),
    ).toBeInTheDocument();
  });

  it('filters by category and compares the segments in the table', async () => {
    await renderView(async () => profitability);
    fireEvent.change(screen.getByRole('combobox', { name: 'Currency' }), {
      target: { value: 'EUR' },
    });
    const category = screen.getByRole('combobox', { name: 'Category' });
    expect(
      within(category)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All categories', 'electronics', 'fashion', 'home']);

    fireEvent.change(category, { target: { value: 'fashion' } });
    const chart = screen.getByRole('img', {
      name: 'Margin against revenue per product (EUR, fashion)',
    });
    expect(marks(chart, 'member')).toEqual([
      'P00310 (member), revenue 640.50 EUR, margin -32.10 EUR, margin rate -5.0%, 6 units, 4 orders',
    ]);
    expect(productIds()).toEqual(['P00310']);
    const row = within(
      screen.getByRole('table', { name: 'Top products by revenue' }),
    ).getAllByRole('row')[1]!;
    expect([...row.querySelectorAll('th, td')].map(c => c.textContent)).toEqual(
      [
        'P00310',
        'fashion',
        '640.50 EUR',
        '-32.10 EUR (-5.0%)',
        '820.00 EUR',
        '95.20 EUR (11.6%)',
      ],
    );

    // JPY has no fashion products
    fireEvent.change(screen.getByRole('combobox', { name: 'Currency' }), {
      target: { value: 'JPY' },
    });
    expect(screen.getByRole('status')).toHaveTextContent(
      'No products in JPY in category fashion.',
    );
    expect(screen.queryByRole('img', { name: /^Margin against/ })).toBeNull();
  });

  it('explains where the mart comes from before gold exists', async () => {
    await renderView(async () => noProfitability);
    expect(await screen.findByText('No profitability yet')).toBeInTheDocument();
    expect(
      screen.getByText(/the gold job runs every 10 minutes/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Jobs tab' })).toHaveAttribute(
      'href',
      '/lakehouse/jobs',
    );
  });

  it('explains how to start the backend when it is down', async () => {
    await renderView(() =>
      Promise.reject(
        new LakehouseUnavailableError(
          'http://localhost:7007/api/lakehouse',
          new TypeError('Failed to fetch'),
        ),
      ),
    );
    expect(
      await screen.findByText(/The lakehouse backend is not reachable$/),
    ).toBeInTheDocument();
    expect(screen.getByText(/npm start/)).toBeInTheDocument();
  });
});
