import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  FreshnessResponse,
  LineageGraph,
} from '@medallion/plugin-lakehouse-common';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { lakehouseApiRef, LakehouseUnavailableError } from '../../api';
import { rootRouteRef } from '../../routes';
import { fakeLakehouseApi } from './__testUtils__/fakeLakehouseApi';
import { freshness, goldFact, lineage } from './__testUtils__/lineageFixtures';
import { LINEAGE_POLL_MS, LineageView } from './LineageView';

function renderView(api: ReturnType<typeof fakeLakehouseApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[lakehouseApiRef, api]]}>
      <LineageView />
    </TestApiProvider>,
    { mountedRoutes: { '/lakehouse': rootRouteRef } },
  );
}

const graph = () => screen.getByRole('group', { name: 'Lineage graph' });

describe('LineageView', () => {
  afterEach(() => jest.useRealTimers());

  it('draws the pipeline with every node reachable and linked', async () => {
    await renderView(
      fakeLakehouseApi({
        getLineage: async () => lineage,
        getFreshness: async () => freshness,
      }),
    );
    expect(
      await screen.findByRole('group', { name: 'Lineage graph' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Lineage' }),
    ).toBeInTheDocument();

    const link = (name: RegExp) => within(graph()).getByRole('link', { name });
    expect(
      link(/^silver\.purchases_rejected: table, freshness error/),
    ).toHaveAttribute('href', '/lakehouse/catalog/silver/purchases_rejected');
    expect(
      link(/^bronze\.purchase_labels: table, freshness warn/),
    ).toHaveAttribute('href', '/lakehouse/catalog/bronze/purchase_labels');
    expect(link(/^bronze ingester: job/)).toHaveAttribute(
      'href',
      '/lakehouse/jobs?job=bronze',
    );
    expect(link(/^table maintenance: job/)).toHaveAttribute(
      'href',
      '/lakehouse/jobs?job=maintenance',
    );
    // 4 existing pipeline tables + 1 unknown table + 6 jobs.
    expect(within(graph()).getAllByRole('link')).toHaveLength(11);

    // Topics and planned tables have nowhere to go but still take focus.
    const planned = within(graph()).getByRole('img', {
      name: 'gold.fct_purchases: planned table',
    });
    const topic = within(graph()).getByRole('img', {
      name: 'purchases.labels: Kafka topic',
    });
    for (const node of [planned, topic]) {
      expect(node).toHaveAttribute('tabindex', '0');
      act(() => node.focus());
      expect(node).toHaveFocus();
    }
    // Status is written out, not only coloured.
    expect(
      within(graph()).getByText('■ error · 40 min ago'),
    ).toBeInTheDocument();
    expect(graph()).toHaveAccessibleDescription(
      /Needs attention: bronze\.purchase_labels \(warn\), silver\.purchases_rejected \(error\)/,
    );
    expect(
      screen.getByText(/^9 datasets and 6 jobs, 13 edges/, { selector: 'p' }),
    ).toBeInTheDocument();
  });

  it('has a legend and the edges as text', async () => {
    await renderView(
      fakeLakehouseApi({
        getLineage: async () => lineage,
        getFreshness: async () => freshness,
      }),
    );
    const legend = await screen.findByRole('list', { name: 'Lineage legend' });
    expect(within(legend).getAllByRole('listitem')).toHaveLength(7);
    expect(within(legend).getByText(/▲ warn/)).toBeInTheDocument();
    expect(within(legend).getByText(/job \(hexagon\)/)).toBeInTheDocument();

    const edges = screen.getByRole('list', { name: 'Lineage edges' });
    const items = within(edges).getAllByRole('listitem');
    expect(items).toHaveLength(lineage.edges.length);
    expect(items[2]).toHaveTextContent(
      'purchases (topic) → bronze ingester (job)',
    );
    expect(items[8]).toHaveTextContent(
      'silver processor (job) → silver.purchases_rejected (table, error)',
    );
    expect(items[10]).toHaveTextContent(
      'dbt build (gold) (planned job) → gold.fct_purchases (planned table)',
    );
    expect(
      screen.getByText(
        /Not connected: table maintenance \(job\), scratch\.tmp_import \(table, unknown\)/,
      ),
    ).toBeInTheDocument();
  });

  it('highlights the links of the node in focus', async () => {
    const { container } = await renderView(
      fakeLakehouseApi({
        getLineage: async () => lineage,
        getFreshness: async () => freshness,
      }),
    );
    const node = await screen.findByRole('link', {
      name: /^silver processor: job/,
    });
    const highlighted = () =>
      container.querySelectorAll('path[marker-end*="arrow-active"]').length;
    expect(highlighted()).toBe(0);
    fireEvent.focus(node);
    // bronze.purchases_raw → silver processor → silver.purchases, silver.purchases_rejected
    expect(highlighted()).toBe(3);
    fireEvent.blur(node);
    expect(highlighted()).toBe(0);
  });

  it('polls the lineage and the freshness every 15 s', async () => {
    jest.useFakeTimers();
    const built: LineageGraph = {
      ...lineage,
      nodes: lineage.nodes.map(n =>
        n.id === goldFact.id ? { ...n, exists: true } : n,
      ),
    };
    const later: FreshnessResponse = {
      ...freshness,
      tables: [
        ...freshness.tables,
        {
          table: 'gold.fct_purchases',
          layer: 'gold',
          lastCommitAt: '2026-01-31T10:00:10.000Z',
          ageSeconds: 5,
          sla: { warnAfterSeconds: 3600, errorAfterSeconds: 86_400 },
          status: 'fresh',
        },
      ],
    };
    const getLineage = jest
      .fn<Promise<LineageGraph>, []>()
      .mockResolvedValueOnce(lineage)
      .mockResolvedValue(built);
    const getFreshness = jest
      .fn<Promise<FreshnessResponse>, []>()
      .mockResolvedValueOnce(freshness)
      .mockResolvedValue(later);
    await renderView(fakeLakehouseApi({ getLineage, getFreshness }));
    expect(
      await screen.findByRole('img', {
        name: 'gold.fct_purchases: planned table',
      }),
    ).toBeInTheDocument();
    expect(getLineage).toHaveBeenCalledTimes(1);

    await act(async () => {
      jest.advanceTimersByTime(LINEAGE_POLL_MS);
    });
    expect(LINEAGE_POLL_MS).toBe(15_000);
    expect(getLineage).toHaveBeenCalledTimes(2);
    expect(getFreshness).toHaveBeenCalledTimes(2);
    expect(
      await screen.findByRole('link', {
        name: 'gold.fct_purchases: table, freshness fresh, open in catalog',
      }),
    ).toHaveAttribute('href', '/lakehouse/catalog/gold/fct_purchases');
  });

  it('still draws the graph when only the freshness check fails', async () => {
    await renderView(
      fakeLakehouseApi({
        getLineage: async () => lineage,
        getFreshness: async () => {
          throw new Error('catalog timed out');
        },
      }),
    );
    expect(
      await screen.findByText(/Freshness is unavailable \(catalog timed out\)/),
    ).toBeInTheDocument();
    expect(
      within(graph()).getByRole('link', {
        name: 'silver.purchases: table, freshness unknown, open in catalog',
      }),
    ).toBeInTheDocument();
  });

  it('says how to fix a backend that is not reachable', async () => {
    const down = () =>
      Promise.reject(
        new LakehouseUnavailableError(
          'http://localhost:7007/api/lakehouse',
          new TypeError('Failed to fetch'),
        ),
      );
    await renderView(
      fakeLakehouseApi({ getLineage: down, getFreshness: down }),
    );
    expect(
      await screen.findByText(
        /not reachable at http:\/\/localhost:7007\/api\/lakehouse .*Start it with `npm start`/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Lineage graph' })).toBeNull();
  });

  it('says so when there is no lineage at all', async () => {
    await renderView(
      fakeLakehouseApi({
        getLineage: async () => ({ nodes: [], edges: [] }),
        getFreshness: async () => freshness,
      }),
    );
    expect(await screen.findByText('No lineage yet')).toBeInTheDocument();
  });
});
