import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { JobInfo, JobRun } from '@medallion/plugin-lakehouse-common';
import { JOB_NAMES } from '@medallion/plugin-lakehouse-common';
import { useId } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  ageOf,
  formatAge,
  formatDuration,
  formatTime,
  LoadState,
  StatusChip,
} from '../shared';
import { describeRequestError, describeTrigger, shortRunId } from './describe';
import { InlineMessage } from './InlineMessage';
import { useJobsPaths } from './paths';
import { RunFilters } from './RunFilters';
import { readRunsFilter, writeRunsFilter } from './runsFilter';
import type { RunsFilter } from './runsFilter';
import { useRunsPages } from './useRunsPages';

/** The one line that says most about a run: live progress, its error, or its summary. */
function runNote(run: JobRun): string {
  if (run.error) return run.error;
  if (run.progress && (run.status === 'running' || run.status === 'queued'))
    return run.progress.message;
  return run.output?.summary ?? '';
}

function RunsTable({ runs }: { runs: JobRun[] }) {
  const paths = useJobsPaths();
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Job runs">
        <TableHead>
          <TableRow>
            {[
              'Run',
              'Job',
              'Status',
              'Trigger',
              'Started',
              'Duration',
              'Details',
            ].map(h => (
              <TableCell key={h} component="th" scope="col">
                {h}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {runs.map(run => {
            const started = run.startedAt ?? run.createdAt;
            return (
              <TableRow key={run.runId}>
                <TableCell component="th" scope="row">
                  <Link
                    to={paths.run(run.runId)}
                    aria-label={`run ${run.runId}`}
                  >
                    {shortRunId(run.runId)}
                  </Link>
                </TableCell>
                <TableCell>{run.job}</TableCell>
                <TableCell>
                  <StatusChip status={run.status} />
                </TableCell>
                <TableCell>{describeTrigger(run)}</TableCell>
                <TableCell>
                  <span title={formatTime(started)}>
                    {run.startedAt ? '' : 'queued '}
                    {formatAge(ageOf(started))}
                  </span>
                </TableCell>
                <TableCell>
                  {run.durationMs === null
                    ? '—'
                    : formatDuration(run.durationMs)}
                </TableCell>
                <TableCell
                  style={{
                    maxWidth: 420,
                    overflowWrap: 'anywhere',
                    fontFamily: run.error ? 'monospace' : undefined,
                  }}
                >
                  {runNote(run)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

/**
 * Runs, newest first, filtered by job and status through the query string
 * (`?job=silver&status=failed`), 25 at a time with "Load more runs".
 */
export function RunsList(props: {
  /** The jobs for the job filter; all job names while they load. */
  jobs?: JobInfo[];
  /** Changes when the jobs list sees a run start or finish: re-read now. */
  refreshKey?: string;
}) {
  const headingId = useId();
  const [search, setSearch] = useSearchParams();
  const filter = readRunsFilter(search);
  const runs = useRunsPages(filter, props.refreshKey);
  const jobOptions =
    props.jobs?.map(j => ({ name: j.name, title: j.title })) ??
    JOB_NAMES.map(name => ({ name, title: name }));
  const filtered = filter.job !== undefined || filter.status.length > 0;

  const setFilter = (next: RunsFilter) =>
    setSearch(writeRunsFilter(search, next), { replace: true });

  return (
    <Box component="section" aria-labelledby={headingId}>
      <Typography variant="h5" component="h2" id={headingId}>
        Runs
      </Typography>
      <RunFilters filter={filter} jobs={jobOptions} onChange={setFilter} />
      <LoadState
        state={{
          value: runs.loaded?.items,
          error: runs.error,
          loading: runs.loaded === undefined && runs.error === undefined,
        }}
        isEmpty={items => items.length === 0}
        emptyTitle={filtered ? 'No runs match these filters' : 'No runs yet'}
        emptyDescription={
          filtered
            ? 'Clear the job or status filter to see other runs.'
            : 'Runs appear here when a job starts, on its schedule or by "Run now".'
        }
      >
        {items => (
          <>
            <RunsTable runs={items} />
            <Box mt={1} display="flex" alignItems="center" style={{ gap: 16 }}>
              <Typography variant="body2" color="textSecondary" role="status">
                {items.length} run{items.length === 1 ? '' : 's'} shown
                {runs.loaded?.nextCursor ? '; older runs exist' : ''}
              </Typography>
              {runs.loaded?.nextCursor && (
                <Button
                  variant="outlined"
                  size="small"
                  onClick={runs.loadMore}
                  disabled={runs.loadingMore}
                >
                  {runs.loadingMore ? 'Loading…' : 'Load more runs'}
                </Button>
              )}
            </Box>
            {runs.loadMoreError && (
              <InlineMessage tone="error" title="Could not load more runs.">
                {describeRequestError(runs.loadMoreError).message}
              </InlineMessage>
            )}
          </>
        )}
      </LoadState>
    </Box>
  );
}
