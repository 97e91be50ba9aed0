import { Route, Routes, useParams } from 'react-router-dom';
import { TableDetailPage } from './TableDetailPage';
import { TableList } from './TableList';

function TableDetailRoute() {
  const { namespace = '', table = '' } = useParams();
  // Keyed by table so per-table state (loaded snapshot pages) never carries over.
  return (
    <TableDetailPage
      key={`${namespace}/${table}`}
      namespace={namespace}
      table={table}
    />
  );
}

/**
 * The Catalog tab: every table (`/catalog`) and one table's detail
 * (`/catalog/:namespace/:table`).
 *
 * @public
 */
export const CatalogView = () => (
  <Routes>
    <Route path="/" element={<TableList />} />
    <Route path=":namespace/:table" element={<TableDetailRoute />} />
    <Route path="*" element={<TableList />} />
  </Routes>
);
