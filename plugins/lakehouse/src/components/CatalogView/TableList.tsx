import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { TableSummary } from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import { lakehouseApiRef } from '../../api';
import {
  ageOf,
  formatAge,
  formatBytes,
  formatNumber,
  formatTime,
  LoadState,
  usePolling,
} from '../shared';
import { useCatalogPaths } from './catalogPaths';
import { groupTables } from './groupTables';
import { LayerChip } from './LayerChip';
import { SectionCard } from './SectionCard';

/** Streaming layers commit every few seconds; this keeps counts and ages current. */
export const TABLE_LIST_POLL_MS = 15_000;

function NamespaceTable({
  namespace,
  tables,
}: {
  namespace: string;
  tables: TableSummary[];
}) {
  const paths = useCatalogPaths();
  return (
    <SectionCard title={namespace}>
      <Table size="small" aria-label={`Tables in ${namespace}`}>
        <TableHead>
          <TableRow>
            <TableCell>Table</TableCell>
            <TableCell>Layer</TableCell>
            <TableCell align="right">Rows</TableCell>
            <TableCell align="right">Files</TableCell>
            <TableCell align="right">Size</TableCell>
            <TableCell align="right">Snapshots</TableCell>
            <TableCell>Last commit</TableCell>
            <TableCell>Description</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {tables.map(t => (
            <TableRow key={t.id}>
              <TableCell component="th" scope="row" role="rowheader">
                <Link to={paths.table(t.namespace, t.name)}>{t.id}</Link>
              </TableCell>
              <TableCell>
                <LayerChip layer={t.layer} />
              </TableCell>
              <TableCell align="right">{formatNumber(t.rows)}</TableCell>
              <TableCell align="right">{formatNumber(t.files)}</TableCell>
              <TableCell align="right">{formatBytes(t.sizeBytes)}</TableCell>
              <TableCell align="right">{formatNumber(t.snapshots)}</TableCell>
              <TableCell title={formatTime(t.lastCommitAt)}>
                {formatAge(ageOf(t.lastCommitAt))}
                {t.lastOperation ? ` (${t.lastOperation})` : ''}
              </TableCell>
              <TableCell>{t.description ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </SectionCard>
  );
}

function GroupedTables({
  tables,
  filter,
}: {
  tables: TableSummary[];
  filter: string;
}) {
  const groups = useMemo(() => groupTables(tables, filter), [tables, filter]);
  if (groups.length === 0)
    return (
      <Typography role="status">No tables match “{filter.trim()}”.</Typography>
    );
  return (
    <>
      {groups.map(g => (
        <Box key={g.namespace} mb={3}>
          <NamespaceTable namespace={g.namespace} tables={g.tables} />
        </Box>
      ))}
    </>
  );
}

/** Every table of the catalog, by namespace in pipeline order, with a filter. */
export function TableList() {
  const api = useApi(lakehouseApiRef);
  const state = usePolling(() => api.listTables(), TABLE_LIST_POLL_MS, [api]);
  const [filter, setFilter] = useState('');
  return (
    <LoadState
      state={state}
      isEmpty={v => v.tables.length === 0}
      emptyTitle="No tables yet"
      emptyDescription="The catalog has no tables. Start the pipeline (npm start at the repository root): bronze and silver tables appear with their first commits."
    >
      {({ tables }) => (
        <>
          <Box mb={2} maxWidth={480}>
            <TextField
              label="Filter tables"
              placeholder="name, layer or description"
              value={filter}
              onChange={e => setFilter(e.target.value)}
              fullWidth
              variant="outlined"
              size="small"
              inputProps={{ 'aria-label': 'Filter tables' }}
            />
          </Box>
          <GroupedTables tables={tables} filter={filter} />
        </>
      )}
    </LoadState>
  );
}
