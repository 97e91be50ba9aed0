import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { DbtModelSummary } from '@medallion/plugin-lakehouse-common';
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
import { formatNumber, formatTime, LoadState, usePolling } from '../shared';
import { DbtSection } from './DbtSection';
import { DBT_POLL_MS } from './dbtPolling';
import { useDbtPaths, shortRunId } from './dbtPaths';
import { filterModels } from './filterModels';
import { NoDbtBuildYet } from './NoDbtBuildYet';
import { TestCountsSummary } from './TestCountsSummary';

function ModelsTable({ models }: { models: DbtModelSummary[] }) {
  const paths = useDbtPaths();
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="dbt models">
        <TableHead>
          <TableRow>
            <TableCell>Model</TableCell>
            <TableCell>Description</TableCell>
            <TableCell>Materialization</TableCell>
            <TableCell>Schema</TableCell>
            <TableCell align="right">Columns</TableCell>
            <TableCell>Tests</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {models.map(m => (
            <TableRow key={m.uniqueId}>
              <TableCell component="th" scope="row" role="rowheader">
                <Link to={paths.model(m.name)}>{m.name}</Link>
              </TableCell>
              <TableCell>{m.description ?? '—'}</TableCell>
              <TableCell>{m.materialization}</TableCell>
              <TableCell>{m.schema}</TableCell>
              <TableCell align="right">{formatNumber(m.columnCount)}</TableCell>
              <TableCell>
                <TestCountsSummary tests={m.tests} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function SearchableModels({ models }: { models: DbtModelSummary[] }) {
  const [search, setSearch] = useState('');
  const shown = useMemo(() => filterModels(models, search), [models, search]);
  return (
    <>
      <Box mb={2} maxWidth={480}>
        <TextField
          label="Search models"
          placeholder="name or description"
          value={search}
          onChange={e => setSearch(e.target.value)}
          fullWidth
          variant="outlined"
          size="small"
          inputProps={{ 'aria-label': 'Search models' }}
        />
      </Box>
      {shown.length === 0 ? (
        <Typography role="status">
          No models match “{search.trim()}”.
        </Typography>
      ) : (
        <ModelsTable models={shown} />
      )}
    </>
  );
}

/** The dbt project's models from the newest manifest, searchable. */
export function DbtModelList() {
  const api = useApi(lakehouseApiRef);
  const state = usePolling(() => api.listDbtModels(), DBT_POLL_MS, [api]);
  const subheader = state.value?.runId
    ? `From the manifest of gold run ${shortRunId(
        state.value.runId,
      )}, written ${formatTime(state.value.generatedAt)}`
    : undefined;
  return (
    <DbtSection title="dbt models" subheader={subheader}>
      <LoadState
        state={state}
        isEmpty={v => v.runId === null || v.models.length === 0}
        emptyTitle="No dbt build yet"
        emptyDescription={<NoDbtBuildYet />}
      >
        {({ models }) => <SearchableModels models={models} />}
      </LoadState>
    </DbtSection>
  );
}
