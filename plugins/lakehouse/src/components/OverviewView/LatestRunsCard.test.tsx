import { screen, within } from '@testing-library/react';
import {
  backendDown,
  fakeLakehouseApi,
  run,
  secondsAgo,
} from './__testUtils__/fixtures';
import { renderWithApi } from './__testUtils__/renderWithApi';
import { LatestRunsCard } from './LatestRunsCard';

const rowOf = (link: HTMLElement) => {
  const row = link.closest('tr');
  if (!row) throw new Error('run link outside a table row');
  return within(row);
};

describe('LatestRunsCard', () => {
  it('lists the ten newest runs, each linking to its run page', async () => {
    const api = fakeLakehouseApi();
    await renderWithApi(<LatestRunsCard />, api);

    const table = await screen.findByRole('table', { name: 'Latest job runs' });
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 5);
    expect(api.listRuns).toHaveBeenCalledWith({ limit: 10 });
    expect(
      screen.getByRole('heading', { name: 'Latest job runs' }),
    ).toBeInTheDocument();

    const running = screen.getByRole('link', { name: 'bronze run 3d0f6c1e' });
    expect(running).toHaveAttribute(
      'href',
      '/lakehouse/jobs/runs/3d0f6c1e-9b2a-4f5d-8e7c-1a2b3c4d5e6f',
    );
    const row = rowOf(running);
    expect(row.getByLabelText('status: running')).toBeVisible();
    expect(row.getByText('startup')).toBeVisible();
    expect(row.getByText('30 min ago')).toBeVisible();
    expect(row.getByText('30 min 00 s')).toBeVisible();
    expect(row.getByText('bronze snapshot 12 of 40')).toBeVisible();
    expect(
      row.getByRole('progressbar', { name: 'bronze run 3d0f6c1e progress' }),
    ).toHaveAttribute('aria-valuenow', '30');
  });

  it('keeps active runs listed first when frequent jobs fill the newest ten', async () => {
    const bronze = run({
      runId: 'b0000000-0000-4000-8000-000000000000',
      job: 'bronze',
      status: 'running',
      createdAt: secondsAgo(600),
    });
    const silverRuns = Array.from({ length: 10 }, (_, i) =>
      run({
        runId: `5${i}000000-0000-4000-8000-000000000000`,
        job: 'silver',
        status: 'succeeded',
        createdAt: secondsAgo(i * 3),
      }),
    );
    const api = fakeLakehouseApi({
      listRuns: jest.fn(async (q?: { status?: string[] }) => ({
        items: q?.status ? [bronze] : silverRuns,
        nextCursor: null,
      })),
    });
    await renderWithApi(<LatestRunsCard />, api);
    const table = await screen.findByRole('table', { name: 'Latest job runs' });
    const links = within(table).getAllByRole('link');
    expect(links).toHaveLength(10);
    expect(links[0]).toHaveAccessibleName('bronze run b0000000');
    expect(links[1]).toHaveAccessibleName('silver run 50000000');
    expect(api.listRuns).toHaveBeenCalledWith({
      status: ['queued', 'running'],
      limit: 10,
    });
  });

  it('shows who triggered a run, a queued run as not started, and errors', async () => {
    await renderWithApi(<LatestRunsCard />, fakeLakehouseApi());

    const queued = rowOf(
      await screen.findByRole('link', { name: 'producer run 6f1c3a52' }),
    );
    expect(queued.getByText('service by external:airflow')).toBeVisible();
    expect(queued.getByText('not started')).toBeVisible();
    expect(queued.getByText('—')).toBeVisible();
    expect(queued.getByText('waiting for the first batch')).toBeVisible();

    const failed = rowOf(
      screen.getByRole('link', { name: 'gold run f0e1d2c3' }),
    );
    expect(failed.getByLabelText('status: failed')).toBeVisible();
    expect(
      failed.getByText('dbt build failed: 2 models errored'),
    ).toBeVisible();
    expect(failed.queryByText('—')).toBeNull();

    const succeeded = rowOf(
      screen.getByRole('link', { name: 'silver run 0b6a2f5e' }),
    );
    expect(succeeded.getByText('committed 2 snapshots')).toBeVisible();

    const cancelled = rowOf(
      screen.getByRole('link', { name: 'maintenance run a1b2c3d4' }),
    );
    expect(cancelled.getByText('user by user:default/ada')).toBeVisible();
    expect(cancelled.getByText('4 min 59 s')).toBeVisible();
  });

  it('links to the Jobs tab for the rest', async () => {
    await renderWithApi(<LatestRunsCard />, fakeLakehouseApi());

    expect(
      await screen.findByRole('link', { name: 'All jobs and runs' }),
    ).toHaveAttribute('href', '/lakehouse/jobs');
  });

  it('says how runs appear when there are none', async () => {
    await renderWithApi(
      <LatestRunsCard />,
      fakeLakehouseApi({
        listRuns: async () => ({ items: [], nextCursor: null }),
      }),
    );

    expect(await screen.findByText('No job runs yet')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows how to start the backend when it is down', async () => {
    await renderWithApi(
      <LatestRunsCard />,
      fakeLakehouseApi({ listRuns: () => Promise.reject(backendDown()) }),
    );

    expect(
      await screen.findByText('Error: The lakehouse backend is not reachable'),
    ).toBeInTheDocument();
  });
});
