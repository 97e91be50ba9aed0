import type { JobRun } from '@medallion/plugin-lakehouse-common';
import { act, screen, within } from '@testing-library/react';
import {
  downLakehouseApi,
  fakeLakehouseApi,
} from './__testUtils__/fakeLakehouseApi';
import {
  maintenanceRunningRun,
  producerFailedRun,
  producerQueuedRun,
  silverSucceededRun,
} from './__testUtils__/fixtures';
import {
  fakePermissionApi,
  renderJobsView,
} from './__testUtils__/renderJobsView';
import { RUN_POLL_MS } from './RunDetail';

// Whole-page renders in jsdom take seconds each on a busy machine.
jest.setTimeout(30_000);

const permission = fakePermissionApi('ALLOW');

const renderRun = (runId: string, api = fakeLakehouseApi()) =>
  renderJobsView({ api, permission, path: `/lakehouse/jobs/runs/${runId}` });

/** The value of a term in the run's fact list. */
function factValue(term: string): string | null {
  const list = screen.getByLabelText('Run facts');
  const dt = within(list).getByText(term, { selector: 'dt' });
  return dt.nextElementSibling?.textContent ?? null;
}

afterEach(() => {
  jest.useRealTimers();
});

describe('RunDetail', () => {
  it('shows a succeeded run with its output, and stops asking for it', async () => {
    jest.useFakeTimers();
    const api = fakeLakehouseApi();
    await renderRun(silverSucceededRun.runId, api);

    expect(
      await screen.findByRole('heading', {
        name: `Run ${silverSucceededRun.runId}`,
      }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('status: succeeded')).toHaveTextContent(
      '✓ succeeded',
    );
    expect(factValue('Trigger')).toBe('schedule');
    expect(factValue('Duration')).toBe('4.8 s');
    expect(factValue('Idempotency key')).toBe('—');
    expect(screen.getByText('No parameters.')).toBeInTheDocument();

    const rows = screen.getByRole('table', { name: 'Output rows' });
    expect(
      within(rows).getByRole('row', { name: 'accepted 1,200' }),
    ).toBeInTheDocument();
    const snapshots = screen.getByRole('table', {
      name: 'Committed snapshots',
    });
    expect(
      within(snapshots).getByRole('link', { name: 'silver.purchases' }),
    ).toHaveAttribute('href', '/lakehouse/catalog/silver/purchases');
    expect(
      within(snapshots).getByText('8744836321453125831'),
    ).toBeInTheDocument();
    expect(screen.getByText('committed 2 snapshots')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull();
    expect(
      screen.getByRole('link', { name: 'All runs of silver' }),
    ).toHaveAttribute('href', '/lakehouse/jobs?job=silver');

    await act(async () => {
      jest.advanceTimersByTime(RUN_POLL_MS * 3);
    });
    expect(api.getRun).toHaveBeenCalledTimes(1);
  });

  it('shows a failed run with its error and params', async () => {
    await renderRun(producerFailedRun.runId);

    const error = await screen.findByRole('region', { name: 'Run error' });
    expect(error).toHaveTextContent(
      'Kafka is not reachable at localhost:9092 (connect ECONNREFUSED 127.0.0.1:9092).',
    );
    expect(error.tagName).toBe('PRE');
    expect(error).toHaveStyle({ whiteSpace: 'pre-wrap' });
    expect(factValue('Trigger')).toBe('user (user:default/grace)');

    const params = screen.getByRole('table', { name: 'Run parameters' });
    expect(
      within(params).getByRole('row', { name: 'rate 50' }),
    ).toBeInTheDocument();
    expect(
      within(params).getByRole('row', { name: 'schema v2' }),
    ).toBeInTheDocument();
    expect(
      within(params).getByRole('row', { name: 'maxSpeed false' }),
    ).toBeInTheDocument();
    expect(screen.getByText('No output.')).toBeInTheDocument();
  });

  it('shows a queued run with who triggered it and its idempotency key', async () => {
    await renderRun(producerQueuedRun.runId);
    expect(await screen.findByText('waiting to start')).toBeInTheDocument();
    expect(factValue('Trigger')).toBe('service (external:airflow)');
    expect(factValue('Idempotency key')).toBe('airflow-daily-2026-01-31');
    expect(factValue('Started')).toBe('—');
    expect(
      within(screen.getByRole('table', { name: 'Run parameters' })).getByRole(
        'row',
        { name: 'seed daily' },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel run' })).toBeEnabled();
  });

  it('follows a running run until it finishes', async () => {
    jest.useFakeTimers();
    const api = fakeLakehouseApi();
    const later: JobRun = {
      ...maintenanceRunningRun,
      durationMs: 21_000,
      progress: {
        ...maintenanceRunningRun.progress!,
        message: 'maintaining silver.purchases_rejected',
        fraction: 0.75,
      },
    };
    const done: JobRun = {
      ...later,
      status: 'succeeded',
      finishedAt: new Date().toISOString(),
      durationMs: 24_000,
      progress: { ...later.progress!, fraction: 1 },
      output: {
        rows: { compactedFiles: 14, expiredSnapshots: 31, orphanFiles: 2 },
        snapshots: [],
        summary: 'silver.purchases: 14 files compacted',
      },
    };
    api.getRun
      .mockResolvedValueOnce(maintenanceRunningRun)
      .mockResolvedValueOnce(later)
      .mockResolvedValue(done);
    await renderRun(maintenanceRunningRun.runId, api);

    expect(
      await screen.findByRole('progressbar', { name: 'run progress' }),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(factValue('Running for')).toBe('19.0 s');
    expect(
      screen.getByText('Available when the run finishes.'),
    ).toBeInTheDocument();

    await act(async () => {
      jest.advanceTimersByTime(RUN_POLL_MS);
    });
    expect(
      await screen.findByText('maintaining silver.purchases_rejected (75%)'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'run progress' }),
    ).toHaveAttribute('aria-valuenow', '75');

    await act(async () => {
      jest.advanceTimersByTime(RUN_POLL_MS);
    });
    expect(
      await screen.findByLabelText('status: succeeded'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('silver.purchases: 14 files compacted'),
    ).toBeInTheDocument();
    expect(factValue('Duration')).toBe('24.0 s');
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull();

    await act(async () => {
      jest.advanceTimersByTime(RUN_POLL_MS * 3);
    });
    expect(api.getRun).toHaveBeenCalledTimes(3);
  });

  it('says when a run does not exist, with a way back', async () => {
    const api = fakeLakehouseApi();
    await renderRun('no-such-run', api);
    expect(
      await screen.findByText(/Run no-such-run not found/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Back to the jobs and their runs' }),
    ).toHaveAttribute('href', '/lakehouse/jobs');
  });

  it('says how to fix an unreachable backend', async () => {
    await renderRun(silverSucceededRun.runId, downLakehouseApi());
    expect(
      await screen.findByText('Error: The lakehouse backend is not reachable'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Start it with `npm start`/)).toBeInTheDocument();
  });
});
