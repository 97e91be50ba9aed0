import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import type { JobInfo, JobRun } from '@medallion/plugin-lakehouse-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ageOf, formatAge, formatDuration, StatusChip } from '../shared';
import {
  CancelOutcomeMessage,
  CancelRunButton,
  useCancelRun,
} from './CancelRunButton';
import { describeSchedule, KIND_LABELS, shortRunId } from './describe';
import { FactList } from '../shared/FactList';
import { useJobsPaths } from './paths';
import { RunProgress } from './RunProgress';
import { TriggerRunDialog } from './TriggerRunDialog';

function RunLink({ run, label }: { run: JobRun; label: string }) {
  const paths = useJobsPaths();
  return (
    <Link to={paths.run(run.runId)} aria-label={`${label} ${run.runId}`}>
      run {shortRunId(run.runId)}
    </Link>
  );
}

function LastRun({ run }: { run: JobRun }) {
  const finished = run.finishedAt
    ? `finished ${formatAge(ageOf(run.finishedAt))}`
    : 'not finished';
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      <StatusChip status={run.status} />
      <Typography variant="body2" component="span">
        {finished}
        {run.durationMs !== null && `, took ${formatDuration(run.durationMs)}`}
      </Typography>
      <RunLink run={run} label="last run" />
    </Box>
  );
}

/**
 * One job: what it is and when it runs, whether it can run, its active run (live) and
 * its last run. Trigger and cancel controls only with `canExecute`.
 */
export function JobCard(props: {
  job: JobInfo;
  canExecute: boolean;
  /** Re-read the jobs now (after a cancel), not at the next poll. */
  onChanged: () => void;
}) {
  const { job, canExecute, onChanged } = props;
  const paths = useJobsPaths();
  const navigate = useNavigate();
  const [dialogOpen, setDialogOpen] = useState(false);
  const cancel = useCancelRun(onChanged);
  const active = job.activeRun;

  const availability = job.enabled ? (
    'enabled'
  ) : (
    <>
      <span aria-hidden="true">⊘ </span>disabled:{' '}
      {job.disabledReason ?? 'no reason given'}
    </>
  );

  return (
    <Card
      component="section"
      variant="outlined"
      aria-label={job.title}
      style={{ height: '100%', display: 'flex', flexDirection: 'column' }}
    >
      <CardContent style={{ flexGrow: 1 }}>
        <Typography variant="h6" component="h3">
          {job.title}
        </Typography>
        <Typography variant="body2" color="textSecondary" paragraph>
          {job.description}
        </Typography>
        <FactList
          label={`About ${job.title}`}
          facts={[
            ['Job', <code key="name">{job.name}</code>],
            ['Kind', KIND_LABELS[job.kind]],
            ['Schedule', describeSchedule(job.schedule)],
            ['Availability', availability],
          ]}
        />
        <Box
          mt={2}
          component="section"
          aria-label={`Active run of ${job.title}`}
        >
          <Typography variant="subtitle2" component="h4">
            Active run
          </Typography>
          {active ? (
            <>
              <Box
                display="flex"
                alignItems="center"
                flexWrap="wrap"
                style={{ gap: 8 }}
              >
                <StatusChip status={active.status} />
                <RunLink run={active} label="active run" />
                {active.cancelRequested && (
                  <Typography variant="body2" component="span">
                    cancel requested
                  </Typography>
                )}
              </Box>
              <RunProgress progress={active.progress} status={active.status} />
            </>
          ) : (
            <Typography variant="body2" color="textSecondary">
              none
            </Typography>
          )}
        </Box>
        <Box mt={2} component="section" aria-label={`Last run of ${job.title}`}>
          <Typography variant="subtitle2" component="h4">
            Last run
          </Typography>
          {job.lastRun ? (
            <LastRun run={job.lastRun} />
          ) : (
            <Typography variant="body2" color="textSecondary">
              never ran
            </Typography>
          )}
        </Box>
        <CancelOutcomeMessage outcome={cancel.outcome} />
      </CardContent>
      {canExecute && (job.enabled || active) && (
        <CardActions>
          {job.enabled && (
            <Button
              variant="contained"
              color="primary"
              size="small"
              onClick={() => setDialogOpen(true)}
              aria-label={`Run now: ${job.title}`}
            >
              Run now
            </Button>
          )}
          {active && (
            <CancelRunButton
              run={active}
              busy={cancel.busy}
              onCancel={cancel.cancel}
              subject={`of ${job.title}`}
            />
          )}
        </CardActions>
      )}
      {dialogOpen && (
        <TriggerRunDialog
          job={job}
          onClose={() => setDialogOpen(false)}
          onTriggered={response => {
            setDialogOpen(false);
            navigate(paths.run(response.runId), {
              state: { triggered: response },
            });
          }}
        />
      )}
    </Card>
  );
}
