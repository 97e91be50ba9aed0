import { screen, within } from '@testing-library/react';
import { FRESHNESS_COLOURS } from '../shared';
import {
  backendDown,
  fakeLakehouseApi,
  freshness,
} from './__testUtils__/fixtures';
import { renderWithApi } from './__testUtils__/renderWithApi';
import { FreshnessCard, freshnessCounts } from './FreshnessCard';

const gauge = (table: string) =>
  screen.getByRole('img', { name: new RegExp(`^${table} freshness:`) });

describe('FreshnessCard', () => {
  it('draws one labelled gauge per table, in pipeline order', async () => {
    await renderWithApi(<FreshnessCard />, fakeLakehouseApi());

    const card = within(
      await screen.findByRole('region', { name: 'Table freshness' }),
    );
    expect(
      card.getByRole('heading', { name: 'Table freshness' }),
    ).toBeInTheDocument();
    const gauges = await card.findAllByRole('img', { name: / freshness: / });
    expect(gauges.map(g => g.getAttribute('aria-label'))).toEqual([
      'bronze.purchases_raw freshness: error, last commit 30 min ago, warn after 1 min, error after 5 min',
      'silver.purchases freshness: fresh, last commit 4 s ago, warn after 5 min, error after 15 min',
      'silver.purchases_rejected freshness: warn, last commit 7 min ago, warn after 5 min, error after 15 min',
      'gold.fct_purchases freshness: unknown, no commits yet, warn after 1 h, error after 1 d',
    ]);
    expect(
      card.getByText('1 error · 1 warn · 1 unknown · 1 fresh', {
        exact: false,
      }),
    ).toBeVisible();
  });

  it('links every gauge to its table in the Catalog tab', async () => {
    await renderWithApi(<FreshnessCard />, fakeLakehouseApi());

    const link = await screen.findByRole('link', {
      name: /^Open silver\.purchases in the catalog/,
    });
    expect(link).toHaveAttribute('href', '/lakehouse/catalog/silver/purchases');
    expect(link).toHaveAccessibleName(
      'Open silver.purchases in the catalog (fresh, last commit 4 s ago)',
    );
    expect(
      screen.getByRole('link', { name: /^Open gold\.fct_purchases in/ }),
    ).toHaveAttribute('href', '/lakehouse/catalog/gold/fct_purchases');
    expect(within(link).getByLabelText('status: fresh')).toBeVisible();
  });

  it('draws a table without commits greyed, with no needle', async () => {
    await renderWithApi(<FreshnessCard />, fakeLakehouseApi());

    await screen.findAllByRole('img', { name: / freshness: / });
    const unknown = gauge('gold\\.fct_purchases');
    const fresh = gauge('silver\\.purchases');
    const fills = (svg: HTMLElement) =>
      Array.from(svg.querySelectorAll('path')).map(p => p.getAttribute('fill'));
    expect(fills(unknown)).toEqual(Array(3).fill(FRESHNESS_COLOURS.unknown));
    expect(fills(fresh)).toEqual([
      FRESHNESS_COLOURS.fresh,
      FRESHNESS_COLOURS.warn,
      FRESHNESS_COLOURS.error,
    ]);
    expect(unknown.querySelector('line')).toBeNull();
    expect(fresh.querySelector('line')).not.toBeNull();
    expect(
      within(
        screen.getByRole('link', { name: /^Open gold\.fct_purchases in/ }),
      ).getAllByText('no commits yet'),
    ).not.toHaveLength(0);
  });

  it('says when an age is beyond the end of the dial', async () => {
    await renderWithApi(<FreshnessCard />, fakeLakehouseApi());

    const link = await screen.findByRole('link', {
      name: /^Open bronze\.purchases_raw in/,
    });
    expect(
      within(link).getByText('last commit 30 min ago (beyond the dial)'),
    ).toBeVisible();
  });

  it('says how tables appear when there are none', async () => {
    await renderWithApi(
      <FreshnessCard />,
      fakeLakehouseApi({
        getFreshness: async () => ({ ...freshness(), tables: [] }),
      }),
    );

    expect(await screen.findByText('No tables yet')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: / freshness: / })).toBeNull();
  });

  it('shows how to start the backend when it is down', async () => {
    await renderWithApi(
      <FreshnessCard />,
      fakeLakehouseApi({ getFreshness: () => Promise.reject(backendDown()) }),
    );

    expect(
      await screen.findByText('Error: The lakehouse backend is not reachable'),
    ).toBeInTheDocument();
    expect(screen.getByText(/npm start/)).toBeInTheDocument();
  });
});

describe('freshnessCounts', () => {
  it('counts statuses worst first, leaving out those with none', () => {
    const { tables } = freshness();
    const of = (status: string) => tables.find(t => t.status === status)!;
    const [error, fresh] = [of('error'), of('fresh')];
    expect(freshnessCounts([fresh, error, fresh])).toBe('1 error · 2 fresh');
    expect(freshnessCounts([])).toBe('');
  });
});
