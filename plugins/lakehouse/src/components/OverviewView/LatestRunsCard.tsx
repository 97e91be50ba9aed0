import { InfoCard } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import MuiLink from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { JobRun, RunsPage } from '@medallion/plugin-lakehouse-common';
import { Link as RouterLink } from 'react-router-dom';
import { lakehouseApiRef, type LakehouseApi } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  ageOf,
  formatAge,
  formatDuration,
  formatTime,
  LoadState,
  StatusChip,
  usePolling,
} from '../shared';
import { jobsPath, runPath } from './links';

export const RUNS_POLL_MS = 5_000;
export const RUNS_LIMIT = 10;

/** "schedule", "user by user:default/ada", "service by external:airflow". */
export const triggerText = (run: JobRun) =>
  run.triggeredBy ? `${run.trigger} by ${run.triggeredBy}` : run.trigger;

/** Run ids are UUIDs: the first group tells runs apart in a list. */
const shortId = (runId: string) => runId.split('-')[0];

/** What the run is doing, or what it did; "—" only when there is nothing else to say. */
const detailOf = (run: JobRun) =>
  run.progress?.message ?? run.output?.summary ?? (run.error ? null : '—');

function RunRow({ run, root }: { run: JobRun; root: string }) {
  const fraction = run.progress?.fraction ?? null;
  return (
    <TableRow>
      <TableCell>
        <MuiLink component={RouterLink} to={runPath(root, run.runId)}>
          {run.job} run {shortId(run.runId)}
        </MuiLink>
      </TableCell>
      <TableCell>
        <StatusChip status={run.status} />
      </TableCell>
      <TableCell>{triggerText(run)}</TableCell>
      <TableCell>
        {run.startedAt === null ? (
          'not started'
        ) : (
          <span title={formatTime(run.startedAt)}>
            {formatAge(ageOf(run.startedAt))}
          </span>
        )}
      </TableCell>
      <TableCell>
        {run.durationMs === null ? '—' : formatDuration(run.durationMs)}
      </TableCell>
      <TableCell>
        <Typography variant="body2" component="div">
          {detailOf(run)}
        </Typography>
        {run.status === 'running' && fraction !== null && (
          <LinearProgress
            variant="determinate"
            value={Math.round(fraction * 100)}
            aria-label={`${run.job} run ${shortId(run.runId)} progress`}
          />
        )}
        {run.error && (
          <Typography variant="caption" color="error" component="div">
            {run.error}
          </Typography>
        )}
      </TableCell>
    </TableRow>
  );
}

function RunsTable({ runs }: { runs: JobRun[] }) {
  const root = useRouteRef(rootRouteRef)();
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Latest job runs">
        <TableHead>
          <TableRow>
            <TableCell>Run</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Trigger</TableCell>
            <TableCell>Started</TableCell>
            <TableCell>Duration</TableCell>
            <TableCell>Progress</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {runs.map(run => (
            <RunRow key={run.runId} run={run} root={root} />
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/**
 * Active runs first, then the newest others up to ten. Long-running jobs (bronze, the
 * producer) started with the backend: among only the newest runs, the jobs that run
 * every few seconds would push them out within a minute.
 */
export async function latestRuns(api: LakehouseApi): Promise<RunsPage> {
  const [active, newest] = await Promise.all([
    api.listRuns({ status: ['queued', 'running'], limit: RUNS_LIMIT }),
    api.listRuns({ limit: RUNS_LIMIT }),
  ]);
  const listed = new Set(active.items.map(r => r.runId));
  const others = newest.items.filter(r => !listed.has(r.runId));
  return {
    items: [...active.items, ...others].slice(
      0,
      Math.max(RUNS_LIMIT, active.items.length),
    ),
    nextCursor: null,
  };
}

/** The active and newest runs of any job, polled every 5 s, each linking to its run page. */
export function LatestRunsCard() {
  const api = useApi(lakehouseApiRef);
  const root = useRouteRef(rootRouteRef)();
  const state = usePolling(() => latestRuns(api), RUNS_POLL_MS, [api]);
  return (
    <section aria-label="Latest job runs">
      <InfoCard
        title="Latest job runs"
        titleTypographyProps={{ component: 'h2' }}
      >
        <LoadState
          state={state}
          isEmpty={page => page.items.length === 0}
          emptyTitle="No job runs yet"
          emptyDescription="Runs appear here as soon as a job starts: the long-running jobs start with the backend, scheduled ones on their schedule, and any job can be triggered from the Jobs tab."
        >
          {page => <RunsTable runs={page.items} />}
        </LoadState>
        <Box marginTop={1}>
          <MuiLink component={RouterLink} to={jobsPath(root)} variant="body2">
            All jobs and runs
          </MuiLink>
        </Box>
      </InfoCard>
    </section>
  );
}
