import type { FreshnessStatus } from '@medallion/plugin-lakehouse-common';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { FRESHNESS_COLOURS } from '../shared';
import { FRESHNESS_SYMBOLS } from './lineageNodes';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 2.5),
    listStyle: 'none',
    margin: theme.spacing(1, 0),
    padding: 0,
  },
  item: { display: 'flex', alignItems: 'center', gap: theme.spacing(0.75) },
}));

const FRESHNESS_MEANINGS: Record<FreshnessStatus, string> = {
  fresh: 'table fresh (within its SLA)',
  warn: 'table late (past its warning threshold)',
  error: 'table stale (past its error threshold)',
  unknown: 'table without a commit yet',
};

function Swatch({ children }: { children: ReactNode }) {
  return (
    <svg width={34} height={18} viewBox="0 0 34 18" aria-hidden="true">
      {children}
    </svg>
  );
}

/** What the shapes, colours and dashes of the graph mean. */
export function LineageLegend() {
  const classes = useStyles();
  const theme = useTheme();
  const neutral = theme.palette.text.secondary;
  const statuses = Object.keys(FRESHNESS_MEANINGS) as FreshnessStatus[];
  return (
    <ul className={classes.list} aria-label="Lineage legend">
      {statuses.map(status => (
        <li key={status} className={classes.item}>
          <Swatch>
            <rect
              x={1}
              y={1}
              width={32}
              height={16}
              rx={3}
              fill={FRESHNESS_COLOURS[status]}
              fillOpacity={0.18}
              stroke={FRESHNESS_COLOURS[status]}
              strokeWidth={2}
            />
          </Swatch>
          <Typography variant="body2">
            {FRESHNESS_SYMBOLS[status]} {status}: {FRESHNESS_MEANINGS[status]}
          </Typography>
        </li>
      ))}
      <li className={classes.item}>
        <Swatch>
          <rect
            x={1}
            y={1}
            width={32}
            height={16}
            rx={8}
            fill="none"
            stroke={neutral}
            strokeWidth={2}
          />
        </Swatch>
        <Typography variant="body2">Kafka topic (rounded)</Typography>
      </li>
      <li className={classes.item}>
        <Swatch>
          <polygon
            points="6,1 28,1 33,9 28,17 6,17 1,9"
            fill="none"
            stroke={theme.palette.text.primary}
            strokeWidth={2}
          />
        </Swatch>
        <Typography variant="body2">job (hexagon)</Typography>
      </li>
      <li className={classes.item}>
        <Swatch>
          <rect
            x={1}
            y={1}
            width={32}
            height={16}
            rx={3}
            fill="none"
            stroke={neutral}
            strokeWidth={2}
            strokeDasharray="5 3"
          />
        </Swatch>
        <Typography variant="body2">
          planned, not created yet (dashed)
        </Typography>
      </li>
    </ul>
  );
}
