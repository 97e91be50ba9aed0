import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { lakehouseApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { LakehousePage } from '../LakehousePage';
import {
  firstSnapshotsPage,
  purchasesDetail,
  purchasesPreview,
  tablesResponse,
} from './__testUtils__/catalogFixtures';
import { fakeLakehouseApi } from './__testUtils__/fakeLakehouseApi';

// Whole MUI pages render slowly on a busy machine; the default 5 s is too tight.
jest.setTimeout(30_000);

describe('CatalogView inside the lakehouse page', () => {
  it('moves between the list and a table within the Catalog tab', async () => {
    const api = fakeLakehouseApi({
      listTables: async () => tablesResponse,
      getTable: async () => purchasesDetail,
      listSnapshots: async () => firstSnapshotsPage,
      previewTable: async () => purchasesPreview,
    });
    await renderInTestApp(
      <TestApiProvider apis={[[lakehouseApiRef, api]]}>
        <Routes>
          <Route path="/lakehouse/*" element={<LakehousePage />} />
        </Routes>
      </TestApiProvider>,
      {
        mountedRoutes: { '/lakehouse': rootRouteRef },
        routeEntries: ['/lakehouse/catalog'],
      },
    );
    const catalogTab = () =>
      screen.getByRole('tab', { name: 'Catalog', selected: true });

    expect(catalogTab()).toBeInTheDocument();
    fireEvent.click(screen.getByRole('link', { name: 'silver.purchases' }));
    expect(
      await screen.findByRole('heading', { name: 'silver.purchases' }),
    ).toBeInTheDocument();
    expect(catalogTab()).toBeInTheDocument();

    fireEvent.click(screen.getByRole('link', { name: '← All tables' }));
    expect(
      await screen.findByRole('textbox', { name: 'Filter tables' }),
    ).toBeInTheDocument();
    expect(catalogTab()).toBeInTheDocument();
  });
});
