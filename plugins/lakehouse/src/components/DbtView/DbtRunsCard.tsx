import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { DbtRunSummary } from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { lakehouseApiRef } from '../../api';
import {
  ageOf,
  formatAge,
  formatDuration,
  formatTime,
  LoadState,
  usePolling,
} from '../shared';
import { DBT_POLL_MS } from './dbtPolling';
import { DbtSection } from './DbtSection';
import { DbtStatusChip } from './DbtStatusChip';
import { RUN_STYLES, testStatusStyle } from './dbtStatusStyles';
import { shortRunId, useDbtPaths } from './dbtPaths';
import { NoDbtBuildYet } from './NoDbtBuildYet';

export const DBT_RUNS_LIMIT = 10;

function ModelsCell({ run }: { run: DbtRunSummary }) {
  return (
    <>
      <Typography variant="body2">
        {run.modelsBuilt.length} built
        {run.modelsBuilt.length > 0 && `: ${run.modelsBuilt.join(', ')}`}
      </Typography>
      {run.modelsNotBuilt.length > 0 && (
        <Typography variant="body2" color="error">
          {run.modelsNotBuilt.length} not built: {run.modelsNotBuilt.join(', ')}
        </Typography>
      )}
    </>
  );
}

function FailedTestsCell({ run }: { run: DbtRunSummary }) {
  if (run.failedTests.length === 0) return <>none</>;
  return (
    <Box component="ul" m={0} pl={2}>
      {run.failedTests.map((t, i) => {
        const style = testStatusStyle(t.status);
        return (
          <li key={`${t.name}-${i}`} title={t.message ?? undefined}>
            <span style={{ color: style.colour, fontWeight: 600 }}>
              {style.symbol} {style.word}
            </span>{' '}
            {t.name}
            {t.failures !== null && ` (${t.failures} failing rows)`}
          </li>
        );
      })}
    </Box>
  );
}

function RunsTable({ runs }: { runs: DbtRunSummary[] }) {
  const paths = useDbtPaths();
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Latest dbt runs">
        <TableHead>
          <TableRow>
            <TableCell>Run</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Started</TableCell>
            <TableCell>Duration</TableCell>
            <TableCell>Models</TableCell>
            <TableCell>Tests</TableCell>
            <TableCell>Failing tests</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {runs.map(run => (
            <TableRow key={run.runId}>
              <TableCell component="th" scope="row" role="rowheader">
                <Link to={paths.jobRun(run.runId)}>
                  gold run {shortRunId(run.runId)}
                </Link>
              </TableCell>
              <TableCell>
                <DbtStatusChip style={RUN_STYLES[run.status]} />
              </TableCell>
              <TableCell title={formatTime(run.startedAt)}>
                {run.startedAt === null ? '—' : formatAge(ageOf(run.startedAt))}
              </TableCell>
              <TableCell>
                {run.elapsedSeconds === null
                  ? '—'
                  : formatDuration(run.elapsedSeconds * 1000)}
              </TableCell>
              <TableCell>
                <ModelsCell run={run} />
              </TableCell>
              <TableCell>
                {run.testsPassed} passed, {run.testsFailed} failed,{' '}
                {run.testsSkipped} skipped
              </TableCell>
              <TableCell>
                <FailedTestsCell run={run} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** The newest gold builds as dbt saw them, each linking to its job run. */
export function DbtRunsCard() {
  const api = useApi(lakehouseApiRef);
  const state = usePolling(() => api.listDbtRuns(DBT_RUNS_LIMIT), DBT_POLL_MS, [
    api,
  ]);
  return (
    <DbtSection title="Latest dbt runs">
      <LoadState
        state={state}
        isEmpty={v => v.runs.length === 0}
        emptyTitle="No dbt build yet"
        emptyDescription={<NoDbtBuildYet />}
      >
        {({ runs }) => <RunsTable runs={runs} />}
      </LoadState>
    </DbtSection>
  );
}
