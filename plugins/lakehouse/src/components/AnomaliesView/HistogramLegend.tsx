import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { countOf, formatScore } from './anomalyFormat';
import { SERIES_STYLES } from './decisionStyles';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 3),
    listStyle: 'none',
    margin: theme.spacing(1, 0),
    padding: 0,
  },
  item: { display: 'flex', alignItems: 'center', gap: theme.spacing(0.75) },
}));

function Swatch({ fill, stroke }: { fill: string; stroke?: string }) {
  return (
    <svg width={18} height={14} aria-hidden="true">
      <rect
        x={1}
        y={1}
        width={16}
        height={12}
        fill={fill}
        stroke={stroke}
        strokeWidth={stroke ? 1 : 0}
      />
    </svg>
  );
}

/**
 * What the histogram's fills and line mean. `hatchId` is the chart's pattern: it is
 * defined once in the document, so the swatch shows the very same hatching.
 */
export function HistogramLegend(props: {
  hatchId: string;
  unlabelled: number;
  labelled: number;
  threshold: number | null;
}) {
  const classes = useStyles();
  const { unlabelled, labelled } = SERIES_STYLES;
  return (
    <ul className={classes.list} aria-label="Histogram legend">
      <li className={classes.item}>
        <Swatch fill={unlabelled.colour} />
        <Typography variant="body2">
          {unlabelled.label} ({unlabelled.fillName}):{' '}
          {countOf(props.unlabelled, 'purchase')}
        </Typography>
      </li>
      <li className={classes.item}>
        <Swatch fill={`url(#${props.hatchId})`} stroke={labelled.colour} />
        <Typography variant="body2">
          {labelled.label} ({labelled.fillName}):{' '}
          {countOf(props.labelled, 'purchase')}
        </Typography>
      </li>
      <li className={classes.item}>
        <svg width={18} height={14} aria-hidden="true">
          <line
            x1={9}
            x2={9}
            y1={0}
            y2={14}
            stroke="currentColor"
            strokeWidth={2}
            strokeDasharray="4 3"
          />
        </svg>
        <Typography variant="body2">
          {props.threshold === null
            ? 'threshold (dashed line): no model yet'
            : `threshold (dashed line): ${formatScore(props.threshold)}`}
        </Typography>
      </li>
    </ul>
  );
}
