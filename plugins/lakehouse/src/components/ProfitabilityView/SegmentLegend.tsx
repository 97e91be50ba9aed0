import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { symbol } from 'd3';
import { SEGMENT_LABELS, type Segment } from './profitabilityData';
import { SEGMENT_STYLES } from './segmentStyles';

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

/** What the marks' shapes and colours mean. */
export function SegmentLegend({ counts }: { counts: Record<Segment, number> }) {
  const classes = useStyles();
  const segments = Object.keys(SEGMENT_STYLES) as Segment[];
  return (
    <ul className={classes.list} aria-label="Profitability legend">
      {segments.map(s => {
        const style = SEGMENT_STYLES[s];
        return (
          <li key={s} className={classes.item}>
            <svg
              width={18}
              height={18}
              viewBox="-9 -9 18 18"
              aria-hidden="true"
            >
              <path
                d={symbol(style.shape, 80)() ?? ''}
                fill={style.colour}
                fillOpacity={0.65}
                stroke={style.colour}
                strokeWidth={1.5}
              />
            </svg>
            <Typography variant="body2">
              {SEGMENT_LABELS[s]} ({style.shapeName}): {counts[s]} products
            </Typography>
          </li>
        );
      })}
    </ul>
  );
}
