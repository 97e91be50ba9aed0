import { fireEvent, screen, within } from '@testing-library/react';
import { tablesResponse } from './__testUtils__/catalogFixtures';
import { fakeLakehouseApi } from './__testUtils__/fakeLakehouseApi';
import { backendDown, renderCatalog } from './__testUtils__/renderCatalog';

// Whole MUI pages render slowly on a busy machine; the default 5 s is too tight.
jest.setTimeout(30_000);

describe('CatalogView table list', () => {
  it('lists tables by namespace in pipeline order with their figures', async () => {
    const api = fakeLakehouseApi({
      listTables: async () => tablesResponse,
    });
    await renderCatalog(api);

    const headings = screen
      .getAllByRole('heading', { level: 2 })
      .map(h => h.textContent);
    expect(headings).toEqual(['bronze', 'silver', 'gold', 'ops']);

    const silver = screen.getByRole('table', { name: 'Tables in silver' });
    const rows = within(silver).getAllByRole('row').slice(1);
    expect(rows.map(r => within(r).getByRole('rowheader').textContent)).toEqual(
      ['silver.purchases', 'silver.purchases_rejected'],
    );
    const purchases = rows[0]!;
    for (const text of [
      '471,902',
      '14',
      '37.1 MiB',
      '5',
      'Typed, validated, deduplicated purchases.',
    ])
      expect(within(purchases).getByText(text)).toBeInTheDocument();
    expect(
      within(purchases).getByLabelText('layer: silver'),
    ).toBeInTheDocument();
    expect(within(purchases).getByText(/ago \(append\)$/)).toBeInTheDocument();

    expect(
      screen.getByRole('link', { name: 'silver.purchases' }),
    ).toHaveAttribute('href', '/lakehouse/catalog/silver/purchases');

    const gold = screen.getByRole('table', { name: 'Tables in gold' });
    expect(within(gold).getByText('never')).toBeInTheDocument();
  });

  it('filters tables as you type', async () => {
    const api = fakeLakehouseApi({ listTables: async () => tablesResponse });
    await renderCatalog(api);

    const filter = screen.getByRole('textbox', { name: 'Filter tables' });
    fireEvent.change(filter, { target: { value: 'quarantine' } });
    expect(
      screen.getAllByRole('heading', { level: 2 }).map(h => h.textContent),
    ).toEqual(['silver']);
    expect(
      screen.getByRole('link', { name: 'silver.purchases_rejected' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'silver.purchases' }),
    ).not.toBeInTheDocument();

    fireEvent.change(filter, { target: { value: 'nothing like this' } });
    expect(screen.getByRole('status')).toHaveTextContent(
      'No tables match “nothing like this”.',
    );
  });

  it('says so when the catalog has no tables', async () => {
    const api = fakeLakehouseApi({ listTables: async () => ({ tables: [] }) });
    await renderCatalog(api);
    expect(await screen.findByText('No tables yet')).toBeInTheDocument();
  });

  it('explains how to start the backend when it is down', async () => {
    const api = fakeLakehouseApi({ listTables: backendDown });
    await renderCatalog(api);
    expect(
      await screen.findByText(/The lakehouse backend is not reachable$/),
    ).toBeInTheDocument();
    expect(screen.getByText(/npm start/)).toBeInTheDocument();
  });
});
