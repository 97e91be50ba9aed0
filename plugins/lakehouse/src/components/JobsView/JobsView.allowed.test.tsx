/**
 * The Jobs view for a user allowed `lakehouse.job.execute`. (usePermission caches its
 * answer process-wide, so denied and pending users have their own test files.)
 */
import { lakehouseJobExecutePermission } from '@medallion/plugin-lakehouse-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  fakeLakehouseApi,
  responseError,
  TRIGGERED_RUN_ID,
} from './__testUtils__/fakeLakehouseApi';
import {
  bronzeActiveRun,
  maintenanceRunningRun,
} from './__testUtils__/fixtures';
import {
  fakePermissionApi,
  renderJobsView,
} from './__testUtils__/renderJobsView';

// Whole-page renders in jsdom take seconds each on a busy machine.
jest.setTimeout(30_000);

const permission = fakePermissionApi('ALLOW');

const jobCard = (title: string) => screen.findByRole('region', { name: title });

async function openRunDialog(
  api = fakeLakehouseApi(),
  title = 'Event producer (demo)',
) {
  await renderJobsView({ api, permission });
  const card = await jobCard(title);
  fireEvent.click(
    within(card).getByRole('button', { name: `Run now: ${title}` }),
  );
  return screen.findByRole('dialog', { name: `Run ${title}` });
}

describe('JobsView, allowed to execute jobs', () => {
  it('shows every job with its schedule, availability, active and last run', async () => {
    await renderJobsView({ api: fakeLakehouseApi(), permission });

    const silver = await jobCard('Silver processor');
    expect(within(silver).getByText('scheduled')).toBeInTheDocument();
    expect(
      within(silver).getByText('every 10 s, one backend instance at a time'),
    ).toBeInTheDocument();
    const silverLast = within(silver).getByRole('region', {
      name: 'Last run of Silver processor',
    });
    expect(within(silverLast).getByText('✓ succeeded')).toBeInTheDocument();
    expect(
      within(silverLast).getByText(/finished 1 min ago, took 4\.8 s/),
    ).toBeInTheDocument();

    const maintenance = await jobCard('Table maintenance');
    expect(within(maintenance).getByText(/every 5 min/)).toBeInTheDocument();
    const bar = within(maintenance).getByRole('progressbar', {
      name: 'run progress',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '50');
    expect(
      within(maintenance).getByText('maintaining silver.purchases (50%)'),
    ).toBeInTheDocument();
    expect(within(maintenance).getByText('compactedFiles')).toBeInTheDocument();
    expect(
      within(maintenance).getByRole('link', {
        name: `active run ${maintenanceRunningRun.runId}`,
      }),
    ).toHaveAttribute(
      'href',
      `/lakehouse/jobs/runs/${maintenanceRunningRun.runId}`,
    );

    // no fraction: an indeterminate bar, and the message
    const bronze = await jobCard('Bronze ingester');
    expect(within(bronze).getByText('long-running')).toBeInTheDocument();
    expect(
      within(bronze).getByRole('progressbar', {
        name: 'run in progress, extent unknown',
      }),
    ).not.toHaveAttribute('aria-valuenow');
    expect(
      within(bronze).getByText(bronzeActiveRun.progress!.message),
    ).toBeInTheDocument();

    const scoring = await jobCard('Anomaly scoring');
    expect(
      within(scoring).getByText(
        /disabled: the anomaly scoring job is not part of this release yet/,
      ),
    ).toBeInTheDocument();
    expect(
      within(scoring).getByText('cron 0 3 * * *, on every backend instance'),
    ).toBeInTheDocument();
    expect(within(scoring).getByText('never ran')).toBeInTheDocument();

    expect(permission.authorize).toHaveBeenCalledWith(
      expect.objectContaining({ permission: lakehouseJobExecutePermission }),
    );
  });

  it('offers Run now on enabled jobs and Cancel on active runs only', async () => {
    await renderJobsView({ api: fakeLakehouseApi(), permission });

    const producer = await jobCard('Event producer (demo)');
    expect(
      within(producer).getByRole('button', { name: /Run now/ }),
    ).toBeEnabled();
    expect(
      within(producer).queryByRole('button', { name: /Cancel/ }),
    ).toBeNull();

    const bronze = await jobCard('Bronze ingester');
    expect(
      within(bronze).getByRole('button', { name: /Run now/ }),
    ).toBeInTheDocument();
    expect(
      within(bronze).getByRole('button', {
        name: 'Cancel run of Bronze ingester',
      }),
    ).toBeEnabled();

    for (const disabled of ['Gold build (dbt)', 'Anomaly scoring']) {
      const card = await jobCard(disabled);
      expect(within(card).queryByRole('button')).toBeNull();
    }
  });

  it('sends only the params changed from their defaults and opens the new run', async () => {
    const api = fakeLakehouseApi();
    const dialog = await openRunDialog(api);

    // prefilled with the defaults
    expect(within(dialog).getByRole('textbox', { name: 'rate' })).toHaveValue(
      '20',
    );
    expect(within(dialog).getByRole('textbox', { name: 'count' })).toHaveValue(
      '',
    );
    expect(
      within(dialog).getByRole('combobox', { name: 'schema' }),
    ).toHaveValue('v2');
    expect(
      within(dialog).getByRole('checkbox', { name: 'maxSpeed' }),
    ).not.toBeChecked();

    fireEvent.change(within(dialog).getByRole('textbox', { name: 'rate' }), {
      target: { value: '250.5' },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'count' }), {
      target: { value: '5000' },
    });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'schema' }), {
      target: { value: 'v1' },
    });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'maxSpeed' }));
    // changed and changed back: still the default, not sent
    fireEvent.change(
      within(dialog).getByRole('textbox', { name: 'durationSeconds' }),
      {
        target: { value: '60' },
      },
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start run' }));

    await waitFor(() =>
      expect(
        screen.getByRole('status', { name: 'current location', hidden: true }),
      ).toHaveTextContent(`/lakehouse/jobs/runs/${TRIGGERED_RUN_ID}`),
    );
    expect(api.triggerRun).toHaveBeenCalledTimes(1);
    expect(api.triggerRun).toHaveBeenCalledWith('producer', {
      params: { rate: 250.5, count: 5000, schema: 'v1', maxSpeed: true },
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(
      await screen.findByRole('heading', { name: `Run ${TRIGGERED_RUN_ID}` }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Run started. This page follows it live.'),
    ).toBeInTheDocument();
  });

  it('sends empty params when nothing was changed', async () => {
    const api = fakeLakehouseApi();
    const dialog = await openRunDialog(api, 'Table maintenance');
    expect(within(dialog).getByRole('textbox', { name: 'tables' })).toHaveValue(
      'bronze.purchases_raw, bronze.purchase_labels, silver.purchases, silver.purchases_rejected',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start run' }));
    await waitFor(() =>
      expect(api.triggerRun).toHaveBeenCalledWith('maintenance', {
        params: {},
      }),
    );
  });

  it('checks types before sending', async () => {
    const api = fakeLakehouseApi();
    const dialog = await openRunDialog(api);
    fireEvent.change(
      within(dialog).getByRole('textbox', { name: 'durationSeconds' }),
      {
        target: { value: '1.5' },
      },
    );
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'rate' }), {
      target: { value: 'fast' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start run' }));

    expect(
      await within(dialog).findByText('must be a whole number'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('must be a number')).toBeInTheDocument();
    expect(
      within(dialog).getByRole('textbox', { name: 'rate' }),
    ).toHaveAttribute('aria-invalid', 'true');
    expect(api.triggerRun).not.toHaveBeenCalled();
  });

  it("shows the backend's 409 in the dialog and stays there", async () => {
    const api = fakeLakehouseApi();
    api.triggerRun.mockRejectedValueOnce(
      await responseError(
        409,
        'ConflictError',
        'job producer already has an active run',
      ),
    );
    const dialog = await openRunDialog(api);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start run' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The run cannot start now.');
    expect(alert).toHaveTextContent('job producer already has an active run');
    // still on the jobs page (aria-hidden behind the modal dialog)
    expect(
      screen.getByRole('status', { name: 'current location', hidden: true }),
    ).toHaveTextContent(/^\/lakehouse\/jobs$/);
    // the user can try again
    expect(
      within(dialog).getByRole('button', { name: 'Start run' }),
    ).toBeEnabled();
  });

  it("puts the backend's 400 param problems next to their fields", async () => {
    const api = fakeLakehouseApi();
    api.triggerRun.mockRejectedValueOnce(
      await responseError(
        400,
        'InputError',
        'Invalid params for job producer: params.anomalyRate: Too big: expected number to be <=1; params.rate: Too small: expected number to be >0',
      ),
    );
    const dialog = await openRunDialog(api);
    fireEvent.change(
      within(dialog).getByRole('textbox', { name: 'anomalyRate' }),
      {
        target: { value: '2' },
      },
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start run' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The run was not started. Invalid params for job producer',
    );
    expect(
      within(dialog).getByText('Too big: expected number to be <=1'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('textbox', { name: 'anomalyRate' }),
    ).toHaveAttribute('aria-invalid', 'true');
  });

  it('closes the dialog without sending on Cancel', async () => {
    const api = fakeLakehouseApi();
    const dialog = await openRunDialog(api);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.triggerRun).not.toHaveBeenCalled();
  });

  it('cancels an active run and re-reads the jobs', async () => {
    const api = fakeLakehouseApi();
    await renderJobsView({ api, permission });
    const bronze = await jobCard('Bronze ingester');
    const before = api.listJobs.mock.calls.length;
    fireEvent.click(
      within(bronze).getByRole('button', {
        name: 'Cancel run of Bronze ingester',
      }),
    );

    expect(await within(bronze).findByRole('status')).toHaveTextContent(
      `Cancellation of run ${bronzeActiveRun.runId} requested`,
    );
    expect(api.cancelRun).toHaveBeenCalledWith(bronzeActiveRun.runId);
    await waitFor(() =>
      expect(api.listJobs.mock.calls.length).toBeGreaterThan(before),
    );
  });

  it('says so when the run finished before the cancel arrived (409)', async () => {
    const api = fakeLakehouseApi();
    api.cancelRun.mockRejectedValueOnce(
      await responseError(
        409,
        'ConflictError',
        `run ${bronzeActiveRun.runId} has already finished`,
      ),
    );
    await renderJobsView({ api, permission });
    const bronze = await jobCard('Bronze ingester');
    fireEvent.click(
      within(bronze).getByRole('button', {
        name: 'Cancel run of Bronze ingester',
      }),
    );

    const alert = await within(bronze).findByRole('alert');
    expect(alert).toHaveTextContent('The run has already finished.');
    expect(alert).toHaveTextContent(
      `run ${bronzeActiveRun.runId} has already finished`,
    );
  });

  it('offers Cancel on the page of an active run', async () => {
    const api = fakeLakehouseApi();
    await renderJobsView({
      api,
      permission,
      path: `/lakehouse/jobs/runs/${maintenanceRunningRun.runId}`,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel run' }));
    await waitFor(() =>
      expect(api.cancelRun).toHaveBeenCalledWith(maintenanceRunningRun.runId),
    );
    expect(
      await screen.findByRole('button', { name: 'Cancel requested' }),
    ).toBeDisabled();
  });
});
