import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';

/** Paths of the catalog's own pages, under wherever the lakehouse page is mounted. */
export interface CatalogPaths {
  list: string;
  table: (namespace: string, table: string) => string;
}

export function useCatalogPaths(): CatalogPaths {
  // The root may be "/" when the page is mounted at the app's root.
  const root = useRouteRef(rootRouteRef)().replace(/\/+$/, '');
  const list = `${root}/catalog`;
  return {
    list,
    table: (namespace, table) =>
      `${list}/${encodeURIComponent(namespace)}/${encodeURIComponent(table)}`,
  };
}
