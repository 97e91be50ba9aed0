import type { TableDetail } from '@medallion/plugin-lakehouse-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  firstSnapshotsPage,
  goldFacts,
  LONG_SHIPPING,
  lastSnapshotsPage,
  purchasesDetail,
  purchasesPreview,
  tablesResponse,
} from './__testUtils__/catalogFixtures';
import { fakeLakehouseApi } from './__testUtils__/fakeLakehouseApi';
import {
  backendDown,
  notFound,
  renderCatalog,
} from './__testUtils__/renderCatalog';
import { OKABE_ITO } from '../shared';

// Whole MUI pages render slowly on a busy machine; the default 5 s is too tight.
jest.setTimeout(30_000);

const PURCHASES = '/lakehouse/catalog/silver/purchases';

function purchasesApi() {
  return fakeLakehouseApi({
    listTables: async () => tablesResponse,
    getTable: async () => purchasesDetail,
    listSnapshots: async (_ns, _table, page) =>
      page?.cursor ? lastSnapshotsPage : firstSnapshotsPage,
    previewTable: async () => purchasesPreview,
  });
}

const rowTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map(r => [...r.querySelectorAll('th, td')].map(c => c.textContent));

describe('CatalogView table detail', () => {
  it('opens from the list', async () => {
    await renderCatalog(purchasesApi());
    fireEvent.click(screen.getByRole('link', { name: 'silver.purchases' }));
    expect(
      await screen.findByRole('heading', { name: 'silver.purchases' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← All tables' })).toHaveAttribute(
      'href',
      '/lakehouse/catalog',
    );
  });

  it('shows the header, schema, partition spec and properties', async () => {
    const api = purchasesApi();
    await renderCatalog(api, PURCHASES);
    expect(api.getTable).toHaveBeenCalledWith('silver', 'purchases');

    expect(
      screen.getByRole('heading', { level: 2, name: 'silver.purchases' }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('Typed, validated, deduplicated purchases.').length,
    ).toBeGreaterThan(0);
    const about = rowTexts(
      screen.getByRole('table', { name: 'About silver.purchases' }),
    );
    expect(about).toEqual(
      expect.arrayContaining([
        ['Rows', '471,902'],
        ['Data files', '14'],
        ['Size', '37.1 MiB'],
        ['Current snapshot', '8744836321453125831 (sequence 5, append)'],
        ['Format version', '2'],
        ['Location', 'file:///var/lib/medallion/warehouse/silver/purchases'],
      ]),
    );

    const fields = screen.getByRole('table', {
      name: 'Fields of silver.purchases',
    });
    expect(rowTexts(fields).slice(0, 2)).toEqual([
      ['Field id', 'Name', 'Type', 'Required', 'Doc'],
      ['1', 'event_id', 'uuid', 'required', 'Unique purchase event id.'],
    ]);
    const nameCell = (path: string) => within(fields).getByTitle(path);
    expect(nameCell('shipping.address.country')).toHaveTextContent('country');
    const indent = (path: string) =>
      parseInt(nameCell(path).style.paddingLeft, 10);
    expect(indent('shipping')).toBeLessThan(indent('shipping.address'));
    expect(indent('shipping.address')).toBeLessThan(
      indent('shipping.address.country'),
    );

    expect(
      rowTexts(screen.getByRole('table', { name: 'Partition spec 0' })),
    ).toEqual([
      ['Source field', 'Transform', 'Partition field'],
      ['event_ts', 'day', 'event_ts_day'],
    ]);
    expect(
      rowTexts(
        screen.getByRole('table', { name: 'Properties of silver.purchases' }),
      ).map(([key]) => key),
    ).toEqual([
      'comment',
      'commit.retry.num-retries',
      'write.metadata.previous-versions-max',
    ]);
  });

  it('shows the schema history as diffs, oldest first', async () => {
    await renderCatalog(purchasesApi(), PURCHASES);
    const versions = within(
      screen.getByRole('list', { name: 'Schema versions' }),
    ).getAllByRole('heading', { level: 3 });
    expect(versions.map(v => v.textContent)).toEqual([
      'Schema 0',
      'Schema 1',
      'Schema 2 (current)',
    ]);
    expect(versions[2]!.closest('li')).toHaveAttribute('aria-current', 'true');
    expect(
      screen.getByText('Initial schema with 7 fields.'),
    ).toBeInTheDocument();

    const changes = (id: number) =>
      within(screen.getByRole('list', { name: `Changes in schema ${id}` }))
        .getAllByRole('listitem')
        .map(li => li.textContent);
    expect(changes(1)).toEqual([
      '+added coupon_code: string',
      '+added device: string',
    ]);
    expect(changes(2)).toEqual([
      '~type changed quantity: int → long',
      '~doc changed margin: "amount - cost." → "amount − cost (exact)."',
      '→renamed device → device_class',
      '+added shipping: struct',
    ]);
  });

  it('charts the snapshots with a summary, a table and older pages', async () => {
    const api = purchasesApi();
    await renderCatalog(api, PURCHASES);
    expect(api.listSnapshots).toHaveBeenCalledWith('silver', 'purchases', {
      limit: 100,
    });

    const chart = screen.getByRole('img', {
      name: 'Rows and files added per commit to silver.purchases',
    });
    expect(chart).toHaveAccessibleDescription(
      'The newest 3 snapshots of 5, 2026-01-31 09:59:30 to 2026-01-31 09:59:50 UTC. ' +
        '2 data commits added 5,750 rows in 3 files. ' +
        '1 compaction (replace) rewrote 12 files into 1 file.',
    );
    // The compaction's mark is hollow and its stem dashed: not told by colour alone.
    const compaction = [...chart.querySelectorAll('g > title')].filter(t =>
      t.textContent?.includes('replace (compaction)'),
    );
    expect(compaction).toHaveLength(2);
    const mark = compaction[0]!.parentElement!;
    expect(mark.querySelector('path')!.getAttribute('fill')).not.toBe(
      OKABE_ITO.reddishPurple,
    );
    expect(mark.querySelector('line')).toHaveAttribute('stroke-dasharray');
    expect(
      within(screen.getByRole('list', { name: 'Operations' }))
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['append', 'replace (compaction)']);

    fireEvent.click(
      screen.getByRole('button', { name: 'Show snapshot table' }),
    );
    const table = screen.getByRole('table', {
      name: 'Snapshots of silver.purchases',
    });
    expect(
      rowTexts(table)
        .slice(1)
        .map(r => [r[1], r[2], r[3], r[4]]),
    ).toEqual([
      ['append', '3,000', '1', '0'],
      ['replace (compaction)', '468,902', '1', '12'],
      ['append', '2,750', '2', '0'],
    ]);
    expect(screen.getByText('3 of 5 snapshots loaded')).toBeInTheDocument();

    fireEvent.click(
      screen.getByRole('button', { name: 'Load older snapshots' }),
    );
    expect(
      await screen.findByText('5 of 5 snapshots loaded'),
    ).toBeInTheDocument();
    expect(api.listSnapshots).toHaveBeenCalledWith('silver', 'purchases', {
      limit: 100,
      cursor: firstSnapshotsPage.nextCursor,
    });
    expect(within(table).getAllByRole('row')).toHaveLength(6);
    expect(
      screen.queryByRole('button', { name: 'Load older snapshots' }),
    ).not.toBeInTheDocument();
  });

  it('previews rows with exact 64-bit integers and decimals, and refreshes', async () => {
    const api = purchasesApi();
    await renderCatalog(api, PURCHASES);
    expect(api.previewTable).toHaveBeenCalledWith('silver', 'purchases', {
      limit: 20,
    });
    const preview = screen.getByRole('table', {
      name: 'Rows of silver.purchases',
    });
    const [head, first, second] = rowTexts(preview);
    expect(head).toEqual([
      'event_iduuid',
      'kafka_offsetlong',
      'margindecimal(12, 2)',
      'coupon_codestring',
      'shippingstruct',
    ]);
    expect(first!.slice(0, 4)).toEqual([
      '9b2f0c4e-1d3a-4e5b-8c7d-6f5e4d3c2b1a',
      '9007199254740993',
      '12.50',
      'null',
    ]);
    expect(second![1]).toBe('9007199254740994');
    expect(second![2]).toBe('-0.10');
    const long = within(preview).getByTitle(LONG_SHIPPING);
    expect(long.textContent).not.toBe(LONG_SHIPPING);
    expect(long.textContent!.endsWith('…')).toBe(true);
    expect(
      screen.getByText(/^The first 2 rows of snapshot 8744836321453125831/),
    ).toBeInTheDocument();

    api.previewTable.mockResolvedValueOnce({
      ...purchasesPreview,
      rows: [{ ...purchasesPreview.rows[0]!, margin: '99.99' }],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Refresh preview' }));
    expect(await within(preview).findByText('99.99')).toBeInTheDocument();
    expect(api.previewTable).toHaveBeenCalledTimes(2);
  });

  it('shows a table without commits yet', async () => {
    const empty: TableDetail = {
      ...goldFacts,
      schema: { schemaId: 0, fields: [] },
      schemaHistory: [
        {
          schemaId: 0,
          fields: [],
          changes: [],
          firstUsedAt: null,
          current: true,
        },
      ],
      partitionSpec: { specId: 0, fields: [] },
      properties: {},
      currentSnapshot: null,
      metadataLocation:
        'file:///var/lib/medallion/warehouse/gold/fct_purchases/metadata/00000-1a2b.metadata.json',
    };
    const api = fakeLakehouseApi({
      getTable: async () => empty,
      listSnapshots: async () => ({ items: [], nextCursor: null, total: 0 }),
      previewTable: async () => ({
        columns: [],
        rows: [],
        truncated: false,
        snapshotId: null,
      }),
    });
    await renderCatalog(api, '/lakehouse/catalog/gold/fct_purchases');
    expect(
      await screen.findByText('gold.fct_purchases has no snapshots yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('gold.fct_purchases has no rows yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('Unpartitioned (spec 0).')).toBeInTheDocument();
    expect(screen.getByText('No properties set.')).toBeInTheDocument();
    expect(screen.getByText('none (no commit yet)')).toBeInTheDocument();
    expect(screen.getByText('not used by a snapshot yet')).toBeInTheDocument();
  });

  it('says when the table does not exist, with a way back', async () => {
    const api = fakeLakehouseApi({
      getTable: () => notFound('table silver.nope does not exist'),
    });
    await renderCatalog(api, '/lakehouse/catalog/silver/nope');
    expect(
      await screen.findByText('The table silver.nope does not exist'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Back to all tables' }),
    ).toHaveAttribute('href', '/lakehouse/catalog');
    expect(api.listSnapshots).not.toHaveBeenCalled();
  });

  it('explains how to start the backend when it is down', async () => {
    const api = fakeLakehouseApi({ getTable: backendDown });
    await renderCatalog(api, PURCHASES);
    await waitFor(() =>
      expect(
        screen.getByText(/The lakehouse backend is not reachable$/),
      ).toBeInTheDocument(),
    );
    expect(screen.queryByText(/does not exist/)).not.toBeInTheDocument();
  });
});
