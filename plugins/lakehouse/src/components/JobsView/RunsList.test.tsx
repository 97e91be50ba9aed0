import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  downLakehouseApi,
  fakeLakehouseApi,
} from './__testUtils__/fakeLakehouseApi';
import {
  allRuns,
  finishedRuns,
  jobsResponse,
  producerFailedRun,
} from './__testUtils__/fixtures';
import {
  fakePermissionApi,
  renderJobsView,
} from './__testUtils__/renderJobsView';
import { RUNS_POLL_MS } from './useRunsPages';

// Whole-page renders in jsdom take seconds each on a busy machine.
jest.setTimeout(30_000);

const permission = fakePermissionApi('ALLOW');

/** The body rows of the runs table. */
async function runRows() {
  const table = await screen.findByRole('table', { name: 'Job runs' });
  return within(table).getAllByRole('row').slice(1);
}

const location = () =>
  screen.getByRole('status', { name: 'current location' }).textContent;

afterEach(() => {
  jest.useRealTimers();
});

describe('RunsList', () => {
  it('shows runs newest first, 25 at a time, with "Load more runs"', async () => {
    const api = fakeLakehouseApi();
    await renderJobsView({ api, permission });

    const rows = await runRows();
    expect(rows).toHaveLength(25);
    expect(
      within(rows[0]).getByRole('link', { name: `run ${allRuns[0].runId}` }),
    ).toHaveAttribute('href', `/lakehouse/jobs/runs/${allRuns[0].runId}`);
    expect(
      screen.getByText('25 runs shown; older runs exist'),
    ).toBeInTheDocument();
    // (Called-with, not last-called: with active runs shown, the list re-reads every 3 s.)
    expect(api.listRuns).toHaveBeenCalledWith({ limit: 25 });

    fireEvent.click(screen.getByRole('button', { name: 'Load more runs' }));
    expect(
      await screen.findByText(`${allRuns.length} runs shown`),
    ).toBeInTheDocument();
    expect(await runRows()).toHaveLength(allRuns.length);
    expect(api.listRuns).toHaveBeenCalledWith({
      limit: 25,
      cursor: expect.any(String),
    });
    expect(screen.queryByRole('button', { name: 'Load more runs' })).toBeNull();
    // the failed run's error is on its row
    const failed = (await runRows()).find(row =>
      within(row).queryByText('✕ failed'),
    );
    expect(failed).toHaveTextContent(/Kafka is not reachable/);
  });

  it('takes the job filter from ?job= (links from the Lineage view)', async () => {
    const api = fakeLakehouseApi();
    await renderJobsView({
      api,
      permission,
      path: '/lakehouse/jobs?job=bronze',
    });

    const rows = await runRows();
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toHaveTextContent('bronze');
    expect(api.listRuns).toHaveBeenCalledWith({ job: 'bronze', limit: 25 });
    expect(screen.getByRole('combobox', { name: 'Job' })).toHaveValue('bronze');
  });

  it('ignores an unknown job in the query string', async () => {
    const api = fakeLakehouseApi();
    await renderJobsView({ api, permission, path: '/lakehouse/jobs?job=nope' });
    expect(await runRows()).toHaveLength(25);
    expect(api.listRuns).toHaveBeenCalledWith({ limit: 25 });
  });

  it('filters by job and statuses, keeping the filter in the URL', async () => {
    const api = fakeLakehouseApi();
    await renderJobsView({ api, permission });
    await runRows();

    fireEvent.change(screen.getByRole('combobox', { name: 'Job' }), {
      target: { value: 'producer' },
    });
    await waitFor(() =>
      expect(location()).toBe('/lakehouse/jobs?job=producer'),
    );
    await waitFor(async () => expect(await runRows()).toHaveLength(2));

    fireEvent.click(screen.getByRole('checkbox', { name: 'failed' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'cancelled' }));
    await waitFor(() =>
      expect(location()).toBe(
        '/lakehouse/jobs?job=producer&status=failed%2Ccancelled',
      ),
    );
    await waitFor(async () => expect(await runRows()).toHaveLength(1));
    expect((await runRows())[0]).toHaveTextContent(
      producerFailedRun.runId.split('-')[0],
    );
    expect(api.listRuns).toHaveBeenLastCalledWith({
      job: 'producer',
      status: ['failed', 'cancelled'],
      limit: 25,
    });

    fireEvent.change(screen.getByRole('combobox', { name: 'Job' }), {
      target: { value: '' },
    });
    await waitFor(() =>
      expect(location()).toBe('/lakehouse/jobs?status=failed%2Ccancelled'),
    );
    await waitFor(async () => expect(await runRows()).toHaveLength(2));
  });

  it('says when no run matches', async () => {
    await renderJobsView({
      api: fakeLakehouseApi(),
      permission,
      path: '/lakehouse/jobs?job=gold',
    });
    expect(
      await screen.findByText('No runs match these filters'),
    ).toBeInTheDocument();
  });

  it('re-reads every shown run while one is active', async () => {
    jest.useFakeTimers();
    const api = fakeLakehouseApi();
    await renderJobsView({ api, permission });
    await runRows();
    fireEvent.click(screen.getByRole('button', { name: 'Load more runs' }));
    await screen.findByText(`${allRuns.length} runs shown`);
    const calls = api.listRuns.mock.calls.length;

    await act(async () => {
      jest.advanceTimersByTime(RUNS_POLL_MS);
    });
    expect(api.listRuns.mock.calls.length).toBe(calls + 1);
    // one request for everything shown, so statuses and the cursor stay right
    expect(api.listRuns).toHaveBeenLastCalledWith({ limit: allRuns.length });
    expect(await runRows()).toHaveLength(allRuns.length);
  });

  it('does not poll when every shown run has finished', async () => {
    jest.useFakeTimers();
    const api = fakeLakehouseApi({
      runs: finishedRuns,
      jobs: {
        jobs: jobsResponse.jobs.map(job => ({ ...job, activeRun: null })),
      },
    });
    await renderJobsView({ api, permission });
    await runRows();
    expect(api.listRuns).toHaveBeenCalledTimes(1);

    await act(async () => {
      jest.advanceTimersByTime(RUNS_POLL_MS * 3);
    });
    expect(api.listJobs.mock.calls.length).toBeGreaterThan(1);
    expect(api.listRuns).toHaveBeenCalledTimes(1);
  });

  it('re-reads the runs when the jobs list sees a run start', async () => {
    jest.useFakeTimers();
    const api = fakeLakehouseApi({
      runs: finishedRuns,
      jobs: {
        jobs: jobsResponse.jobs.map(job => ({ ...job, activeRun: null })),
      },
    });
    await renderJobsView({ api, permission });
    await runRows();
    api.listJobs.mockResolvedValue(jobsResponse); // bronze and maintenance now active

    await act(async () => {
      jest.advanceTimersByTime(3000);
    });
    await waitFor(() => expect(api.listRuns).toHaveBeenCalledTimes(2));
  });

  it('says how to fix an unreachable backend, for jobs and runs', async () => {
    await renderJobsView({ api: downLakehouseApi(), permission });
    expect(
      await screen.findAllByText(
        'Error: The lakehouse backend is not reachable',
      ),
    ).toHaveLength(2);
    expect(screen.getByRole('heading', { name: 'Jobs' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Runs' })).toBeInTheDocument();
    expect(screen.getAllByText(/Start it with `npm start`/)).toHaveLength(2);
  });
});
