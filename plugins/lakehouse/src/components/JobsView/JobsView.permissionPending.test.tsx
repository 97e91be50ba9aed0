/** While the permission is being decided, no controls flash up (and no "denied" note). */
import { screen, within } from '@testing-library/react';
import { fakeLakehouseApi } from './__testUtils__/fakeLakehouseApi';
import {
  fakePermissionApi,
  renderJobsView,
} from './__testUtils__/renderJobsView';

// Whole-page renders in jsdom take seconds each on a busy machine.
jest.setTimeout(30_000);

describe('JobsView, permission not decided yet', () => {
  it('shows the jobs without controls and without the denied note', async () => {
    const permission = fakePermissionApi('pending');
    await renderJobsView({ api: fakeLakehouseApi(), permission });

    const producer = await screen.findByRole('region', {
      name: 'Event producer (demo)',
    });
    expect(within(producer).getByText('on demand')).toBeInTheDocument();
    expect(permission.authorize).toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: /Run now|Cancel/ })).toBeNull();
    expect(screen.queryByText(/lakehouse\.job\.execute/)).toBeNull();
  });
});
