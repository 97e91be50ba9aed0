import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { lakehouseApiRef, LakehouseUnavailableError } from '../../api';
import type { LakehouseApi } from '../../api';
import { rootRouteRef } from '../../routes';
import { LakehousePage } from './LakehousePage';

/** Every call fails as if the backend were down. */
const downApi = new Proxy(
  {},
  {
    get: () => () =>
      Promise.reject(
        new LakehouseUnavailableError(
          'http://localhost:7007/api/lakehouse',
          new TypeError('Failed to fetch'),
        ),
      ),
  },
) as LakehouseApi;

describe('LakehousePage', () => {
  it('renders its tabs', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[lakehouseApiRef, downApi]]}>
        <LakehousePage />
      </TestApiProvider>,
      { mountedRoutes: { '/lakehouse': rootRouteRef } },
    );
    expect(screen.getByText('Medallion lakehouse')).toBeInTheDocument();
    for (const tab of [
      'Overview',
      'Catalog',
      'Lineage',
      'dbt',
      'Profitability',
      'Anomalies',
      'Jobs',
    ])
      expect(screen.getByRole('tab', { name: tab })).toBeInTheDocument();
    expect(screen.getAllByRole('tab').map(t => t.textContent)).toEqual([
      'Overview',
      'Catalog',
      'Lineage',
      'dbt',
      'Profitability',
      'Anomalies',
      'Jobs',
    ]);
  });
});
