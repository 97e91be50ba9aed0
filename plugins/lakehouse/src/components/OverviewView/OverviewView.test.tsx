import { screen, within } from '@testing-library/react';
import { backendDown, fakeLakehouseApi } from './__testUtils__/fixtures';
import { renderWithApi } from './__testUtils__/renderWithApi';
import { OverviewView } from './OverviewView';

const UNREACHABLE = 'Error: The lakehouse backend is not reachable';

describe('OverviewView', () => {
  it('shows the three cards', async () => {
    await renderWithApi(<OverviewView />, fakeLakehouseApi());

    for (const name of [
      'Pipeline metrics',
      'Table freshness',
      'Latest job runs',
    ])
      expect(
        await screen.findByRole('heading', { name, level: 2 }),
      ).toBeInTheDocument();
    expect(await screen.findByText('812.5 events/s')).toBeInTheDocument();
    expect(
      await screen.findAllByRole('img', { name: / freshness: / }),
    ).toHaveLength(4);
    expect(
      await screen.findByRole('table', { name: 'Latest job runs' }),
    ).toBeInTheDocument();
  });

  it('keeps the other cards when one endpoint fails', async () => {
    await renderWithApi(
      <OverviewView />,
      fakeLakehouseApi({ getFreshness: () => Promise.reject(backendDown()) }),
    );

    const freshness = within(
      screen.getByRole('region', { name: 'Table freshness' }),
    );
    expect(await freshness.findByText(UNREACHABLE)).toBeInTheDocument();
    const metrics = within(
      screen.getByRole('region', { name: 'Pipeline metrics' }),
    );
    expect(await metrics.findByText('812.5 events/s')).toBeInTheDocument();
    expect(metrics.queryByText(UNREACHABLE)).toBeNull();
    const runs = within(
      screen.getByRole('region', { name: 'Latest job runs' }),
    );
    expect(
      await runs.findByRole('link', { name: 'bronze run 3d0f6c1e' }),
    ).toBeInTheDocument();
    expect(runs.queryByText(UNREACHABLE)).toBeNull();
  });

  it('shows the fix in every card when the backend is down, never a blank page', async () => {
    const down = () => Promise.reject(backendDown());
    await renderWithApi(
      <OverviewView />,
      fakeLakehouseApi({
        getPipelineMetrics: down,
        getFreshness: down,
        listRuns: down,
      }),
    );

    expect(await screen.findAllByText(UNREACHABLE)).toHaveLength(3);
  });
});
