import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { JobInfo } from '@medallion/plugin-lakehouse-common';
import { useId } from 'react';
import { lakehouseApiRef } from '../../api';
import { LoadState, usePolling } from '../shared';
import { JobCard } from './JobCard';
import { RunsList } from './RunsList';
import { useJobExecutePermission } from './useJobExecutePermission';

export const JOBS_POLL_MS = 3000;

/** Changes whenever a job's active or last run does, so the runs list re-reads then. */
const runsSignature = (jobs: JobInfo[] | undefined) =>
  jobs
    ?.map(
      j =>
        `${j.name}:${j.activeRun?.runId ?? ''}:${j.activeRun?.status ?? ''}:${
          j.lastRun?.runId ?? ''
        }`,
    )
    .join('|');

/** The Jobs tab: every job (live) and the runs list. */
export function JobsOverview() {
  const api = useApi(lakehouseApiRef);
  const headingId = useId();
  const jobs = usePolling(() => api.listJobs(), JOBS_POLL_MS);
  const permission = useJobExecutePermission();

  return (
    <Grid container spacing={4}>
      <Grid item xs={12} component="section" aria-labelledby={headingId}>
        <Typography variant="h5" component="h2" id={headingId}>
          Jobs
        </Typography>
        {permission === 'denied' && (
          <Typography variant="body2" color="textSecondary" role="note">
            Starting and cancelling runs needs the permission
            lakehouse.job.execute, which you do not have.
          </Typography>
        )}
        <Box mt={1}>
          <LoadState
            state={jobs}
            isEmpty={value => value.jobs.length === 0}
            emptyTitle="No jobs"
            emptyDescription="The lakehouse backend hosts no jobs."
          >
            {value => (
              <Grid container spacing={2}>
                {value.jobs.map(job => (
                  <Grid item xs={12} md={6} xl={4} key={job.name}>
                    <JobCard
                      job={job}
                      canExecute={permission === 'allowed'}
                      onChanged={jobs.refresh}
                    />
                  </Grid>
                ))}
              </Grid>
            )}
          </LoadState>
        </Box>
      </Grid>
      <Grid item xs={12}>
        <RunsList
          jobs={jobs.value?.jobs}
          refreshKey={runsSignature(jobs.value?.jobs)}
        />
      </Grid>
    </Grid>
  );
}
