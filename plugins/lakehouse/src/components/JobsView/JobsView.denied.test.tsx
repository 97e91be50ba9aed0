/** The Jobs view for a user denied `lakehouse.job.execute`: everything but the controls. */
import { lakehouseJobExecutePermission } from '@medallion/plugin-lakehouse-common';
import { screen, within } from '@testing-library/react';
import { fakeLakehouseApi } from './__testUtils__/fakeLakehouseApi';
import { maintenanceRunningRun } from './__testUtils__/fixtures';
import {
  fakePermissionApi,
  renderJobsView,
} from './__testUtils__/renderJobsView';

// Whole-page renders in jsdom take seconds each on a busy machine.
jest.setTimeout(30_000);

const permission = fakePermissionApi('DENY');

describe('JobsView, denied executing jobs', () => {
  it('shows the jobs and their runs without Run now or Cancel', async () => {
    await renderJobsView({ api: fakeLakehouseApi(), permission });

    expect(
      await screen.findByText(/needs the permission\s+lakehouse\.job\.execute/),
    ).toBeInTheDocument();
    const bronze = await screen.findByRole('region', {
      name: 'Bronze ingester',
    });
    expect(within(bronze).getByText('▶ running')).toBeInTheDocument();
    expect(within(bronze).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('button', { name: /Run now/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull();
    // the runs list is still there
    expect(
      await screen.findByRole('table', { name: 'Job runs' }),
    ).toBeInTheDocument();
    expect(permission.authorize).toHaveBeenCalledWith(
      expect.objectContaining({ permission: lakehouseJobExecutePermission }),
    );
  });

  it('shows an active run without Cancel', async () => {
    await renderJobsView({
      api: fakeLakehouseApi(),
      permission,
      path: `/lakehouse/jobs/runs/${maintenanceRunningRun.runId}`,
    });
    expect(
      await screen.findByRole('heading', {
        name: `Run ${maintenanceRunningRun.runId}`,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('maintaining silver.purchases (50%)'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull();
  });
});
