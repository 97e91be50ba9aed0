import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type {
  RunProgress as RunProgressData,
  RunStatus,
} from '@medallion/plugin-lakehouse-common';
import { formatNumber } from '../shared';
import { isActive } from './describe';

/** Counters such as `{ accepted: 1200, rejected: 3 }` as "accepted 1,200 · rejected 3". */
export function RunCounters(props: {
  counters: Record<string, number>;
  label?: string;
}) {
  const entries = Object.entries(props.counters);
  if (!entries.length) return null;
  return (
    <Typography
      variant="body2"
      component="ul"
      aria-label={props.label ?? 'counters'}
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {entries.map(([name, value], i) => (
        <li key={name} style={{ display: 'inline' }}>
          {i > 0 && <span aria-hidden="true"> · </span>}
          {name} <strong>{formatNumber(value)}</strong>
        </li>
      ))}
    </Typography>
  );
}

/**
 * A run's live progress: the job's message, a bar (determinate when the job knows how
 * far it is, else moving while the run is active) and its counters.
 */
export function RunProgress(props: {
  progress: RunProgressData | null;
  status: RunStatus;
  /** Announce message changes to screen readers (one place per page, not every card). */
  live?: boolean;
}) {
  const { progress, status } = props;
  const active = isActive(status);
  if (!progress)
    return active ? (
      <Typography variant="body2" color="textSecondary">
        {status === 'queued' ? 'waiting to start' : 'no progress reported yet'}
      </Typography>
    ) : null;
  const percent =
    progress.fraction === null
      ? null
      : Math.round(Math.min(1, Math.max(0, progress.fraction)) * 100);
  return (
    <Box>
      <Typography variant="body2" aria-live={props.live ? 'polite' : undefined}>
        {progress.message}
        {percent !== null && ` (${percent}%)`}
      </Typography>
      {percent !== null && (
        <LinearProgress
          variant="determinate"
          value={percent}
          aria-label="run progress"
          aria-valuetext={`${percent}%`}
        />
      )}
      {percent === null && active && (
        <LinearProgress aria-label="run in progress, extent unknown" />
      )}
      <RunCounters counters={progress.counters} />
    </Box>
  );
}
