import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type {
  JobRun,
  TriggerRunResponse,
} from '@medallion/plugin-lakehouse-common';
import { useRef } from 'react';
import { useLocation, useParams } from 'react-router-dom';
import { lakehouseApiRef } from '../../api';
import {
  formatDuration,
  formatTime,
  LoadState,
  StatusChip,
  usePolling,
} from '../shared';
import {
  CancelOutcomeMessage,
  CancelRunButton,
  useCancelRun,
} from './CancelRunButton';
import { describeTrigger, isActive, isNotFound } from './describe';
import { FactList } from '../shared/FactList';
import { InlineMessage } from './InlineMessage';
import { useJobsPaths } from './paths';
import { ParamsTable, RunOutputTables } from './RunOutputTables';
import { RunProgress } from './RunProgress';
import { useJobExecutePermission } from './useJobExecutePermission';

export const RUN_POLL_MS = 2000;

/** Location state the trigger dialog leaves when it opens the run it started. */
interface TriggeredState {
  triggered?: TriggerRunResponse;
}

function triggeredFrom(state: unknown): TriggerRunResponse | undefined {
  return state && typeof state === 'object' && 'triggered' in state
    ? (state as TriggeredState).triggered
    : undefined;
}

function RunNotFound({ runId }: { runId: string }) {
  const paths = useJobsPaths();
  return (
    <InfoCard title="Run not found">
      <Typography variant="body1" paragraph>
        Run {runId} not found: the backend has no run with this id.
      </Typography>
      <Link to={paths.jobs()}>Back to the jobs and their runs</Link>
    </InfoCard>
  );
}

function RunView({ run, onChanged }: { run: JobRun; onChanged: () => void }) {
  const paths = useJobsPaths();
  const location = useLocation();
  const permission = useJobExecutePermission();
  const cancel = useCancelRun(onChanged);
  const triggered = triggeredFrom(location.state);
  const active = isActive(run.status);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 12 }}
        >
          <Typography variant="h5" component="h2">
            Run {run.runId}
          </Typography>
          <StatusChip status={run.status} />
        </Box>
        <Typography variant="body2">
          <Link to={paths.jobs(run.job)}>All runs of {run.job}</Link>
          {' · '}
          <Link to={paths.jobs()}>All jobs</Link>
        </Typography>
        {triggered?.runId === run.runId && (
          <InlineMessage tone="info">
            {triggered.existing
              ? 'An earlier run with the same request was found; this is that run.'
              : 'Run started. This page follows it live.'}
          </InlineMessage>
        )}
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Run">
          <FactList
            label="Run facts"
            facts={[
              ['Job', run.job],
              ['Status', run.status],
              ['Trigger', describeTrigger(run)],
              ['Idempotency key', run.idempotencyKey ?? '—'],
              ['Created', formatTime(run.createdAt)],
              ['Started', formatTime(run.startedAt)],
              ['Finished', formatTime(run.finishedAt)],
              [
                active ? 'Running for' : 'Duration',
                run.durationMs === null ? '—' : formatDuration(run.durationMs),
              ],
              ['Cancel requested', run.cancelRequested ? 'yes' : 'no'],
            ]}
          />
          {active && permission === 'allowed' && (
            <Box mt={2}>
              <CancelRunButton
                run={run}
                busy={cancel.busy}
                onCancel={cancel.cancel}
              />
            </Box>
          )}
          <CancelOutcomeMessage outcome={cancel.outcome} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Progress">
          {run.progress || active ? (
            <RunProgress progress={run.progress} status={run.status} live />
          ) : (
            <Typography variant="body2" color="textSecondary">
              No progress was reported.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      {run.error !== null && (
        <Grid item xs={12}>
          <InfoCard title="Error">
            <Box
              component="pre"
              role="region"
              aria-label="Run error"
              m={0}
              style={{
                fontFamily: 'monospace',
                whiteSpace: 'pre-wrap',
                overflowWrap: 'anywhere',
              }}
            >
              {run.error}
            </Box>
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <InfoCard title="Parameters">
          <ParamsTable params={run.params} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Output">
          {run.output ? (
            <RunOutputTables output={run.output} />
          ) : (
            <Typography variant="body2" color="textSecondary">
              {active ? 'Available when the run finishes.' : 'No output.'}
            </Typography>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}

/**
 * One run (`/jobs/runs/:runId`), re-read every {@link RUN_POLL_MS} while it is queued or
 * running; once finished (or unknown) it is not asked for again.
 */
export function RunDetail() {
  const { runId = '' } = useParams();
  const api = useApi(lakehouseApiRef);
  // Kept across polls: a finished run never changes, an unknown one never appears.
  const settled = useRef<{ runId: string; run?: JobRun; error?: unknown }>();
  const state = usePolling(
    async () => {
      const known = settled.current;
      if (known?.runId === runId) {
        if (known.run) return known.run;
        throw known.error;
      }
      try {
        const run = await api.getRun(runId);
        if (!isActive(run.status)) settled.current = { runId, run };
        return run;
      } catch (error) {
        if (isNotFound(error)) settled.current = { runId, error };
        throw error;
      }
    },
    RUN_POLL_MS,
    [runId],
  );

  if (state.error && isNotFound(state.error) && !state.value)
    return <RunNotFound runId={runId} />;
  return (
    <LoadState state={state}>
      {run => <RunView run={run} onChanged={state.refresh} />}
    </LoadState>
  );
}
