import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { TableDetail } from '@medallion/plugin-lakehouse-common';
import { screen, within } from '@testing-library/react';
import {
  lakehouseApiRef,
  LakehouseUnavailableError,
  type LakehouseApi,
} from '../../api';
import { EntityLakehouseTableCard } from '../../entity';
import { rootRouteRef } from '../../routes';
import { fakeLakehouseApi } from '../LineageView/__testUtils__/fakeLakehouseApi';
import {
  entityNaming,
  entityWithout,
  freshness,
  silverPurchases,
  silverPurchasesEntity,
} from './__testUtils__/tableFixtures';
import { LakehouseTableCard } from './LakehouseTableCard';

async function renderCard(
  entity: Entity,
  api: LakehouseApi,
  options: { mounted?: boolean; legacyExtension?: boolean } = {},
) {
  const Card = options.legacyExtension
    ? EntityLakehouseTableCard
    : LakehouseTableCard;
  return renderInTestApp(
    <TestApiProvider apis={[[lakehouseApiRef, api]]}>
      <EntityProvider entity={entity}>
        <Card />
      </EntityProvider>
    </TestApiProvider>,
    options.mounted === false
      ? {}
      : { mountedRoutes: { '/lakehouse': rootRouteRef } },
  );
}

const liveApi = () => {
  const getTable = jest.fn(async (namespace: string, table: string) => {
    if (`${namespace}.${table}` !== silverPurchases.id)
      throw new Error(`unexpected table ${namespace}.${table}`);
    return silverPurchases;
  });
  return {
    getTable,
    api: fakeLakehouseApi({ getTable, getFreshness: async () => freshness }),
  };
};

/** A 404 as LakehouseClient raises it (ResponseError.fromResponse). */
const notFound = () =>
  ResponseError.fromResponse({
    status: 404,
    statusText: 'Not Found',
    headers: { get: () => 'application/json; charset=utf-8' },
    text: async () =>
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'no table gold.fct_orders' },
        request: {
          method: 'GET',
          url: '/api/lakehouse/tables/gold/fct_orders',
        },
        response: { statusCode: 404 },
      }),
  } as unknown as Response);

describe('LakehouseTableCard', () => {
  it("shows the annotated table's facts, freshness and a link to the catalog", async () => {
    const { api, getTable } = liveApi();
    await renderCard(silverPurchasesEntity, api);

    const facts = await screen.findByRole('table', {
      name: 'Facts of silver.purchases',
    });
    expect(getTable).toHaveBeenCalledWith('silver', 'purchases');
    expect(
      screen.getByRole('heading', { name: 'Lakehouse table' }),
    ).toBeInTheDocument();
    const fact = (label: string) =>
      within(facts).getByRole('rowheader', { name: label }).nextElementSibling;
    expect(fact('Rows')).toHaveTextContent('1,284,310');
    expect(fact('Data files')).toHaveTextContent('42');
    expect(fact('Size')).toHaveTextContent('92 MiB');
    expect(fact('Snapshots')).toHaveTextContent('318');
    expect(fact('Last commit')).toHaveTextContent(/7 min ago, append\)$/);
    expect(fact('Freshness')).toHaveTextContent(
      '▲ warn SLA: warn after 5 min, error after 30 min',
    );
    expect(
      within(fact('Freshness') as HTMLElement).getByLabelText('status: warn'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Validated, deduplicated purchases.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open in the lakehouse catalog/ }),
    ).toHaveAttribute('href', '/lakehouse/catalog/silver/purchases');
  });

  it('works as the legacy extension, without the lakehouse page mounted', async () => {
    const { api } = liveApi();
    await renderCard(silverPurchasesEntity, api, {
      mounted: false,
      legacyExtension: true,
    });
    expect(
      await screen.findByRole('table', { name: 'Facts of silver.purchases' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Open in the lakehouse catalog/ }),
    ).toBeNull();
  });

  it('explains the missing annotation and asks the backend nothing', async () => {
    const { api, getTable } = liveApi();
    await renderCard(entityWithout, api);
    expect(
      await screen.findByText('lakehouse.medallion.dev/table', {
        selector: 'code',
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(getTable).not.toHaveBeenCalled();
  });

  it('rejects an annotation that is not namespace.table', async () => {
    const { api, getTable } = liveApi();
    await renderCard(entityNaming('purchases'), api);
    expect(
      await screen.findByText(/"purchases" is not a table name/),
    ).toBeInTheDocument();
    expect(getTable).not.toHaveBeenCalled();
  });

  it('says when the annotated table does not exist (404)', async () => {
    const api = fakeLakehouseApi({
      getTable: (): Promise<TableDetail> =>
        notFound().then(e => Promise.reject(e)),
      getFreshness: async () => freshness,
    });
    await renderCard(entityNaming('gold.fct_orders'), api);
    expect(
      await screen.findByText(
        /Table gold\.fct_orders does not exist in the lakehouse/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says how to fix a backend that is not reachable', async () => {
    const down = () =>
      Promise.reject(
        new LakehouseUnavailableError(
          'http://localhost:7007/api/lakehouse',
          new TypeError('Failed to fetch'),
        ),
      );
    await renderCard(
      silverPurchasesEntity,
      fakeLakehouseApi({ getTable: down, getFreshness: down }),
    );
    expect(
      await screen.findByText(
        /not reachable at http:\/\/localhost:7007.*npm start/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('still shows the table when the freshness check fails', async () => {
    await renderCard(
      silverPurchasesEntity,
      fakeLakehouseApi({
        getTable: async () => silverPurchases,
        getFreshness: async () => {
          throw new Error('catalog timed out');
        },
      }),
    );
    const facts = await screen.findByRole('table', {
      name: 'Facts of silver.purchases',
    });
    expect(
      within(facts).getByRole('rowheader', { name: 'Freshness' })
        .nextElementSibling,
    ).toHaveTextContent('unavailable (catalog timed out)');
  });
});
