import Box from '@material-ui/core/Box';
import MuiLink from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { TableFreshness } from '@medallion/plugin-lakehouse-common';
import { arc } from 'd3';
import { Link as RouterLink } from 'react-router-dom';
import { FRESHNESS_COLOURS, formatAge, StatusChip } from '../shared';
import { gaugeGeometry, pointAt, type GaugeBand } from './gaugeGeometry';
import { formatSpan } from './overviewFormat';

const OUTER = 50;
const INNER = 36;
const NEEDLE = 46;

const bandPath = arc<GaugeBand>()
  .innerRadius(INNER)
  .outerRadius(OUTER)
  .startAngle(b => b.startAngle)
  .endAngle(b => b.endAngle);

const lastCommitText = (f: TableFreshness) =>
  f.ageSeconds === null || f.status === 'unknown'
    ? 'no commits yet'
    : `last commit ${formatAge(f.ageSeconds)}`;

/** The gauge's text equivalent, e.g. "silver.purchases freshness: fresh, last commit 4 s ago, warn after 5 min, error after 15 min". */
export function describeFreshness(f: TableFreshness): string {
  return `${f.table} freshness: ${f.status}, ${lastCommitText(
    f,
  )}, warn after ${formatSpan(
    f.sla.warnAfterSeconds,
  )}, error after ${formatSpan(f.sla.errorAfterSeconds)}`;
}

/**
 * One table's freshness as a half-circle dial: bands fresh / warn / error up to
 * errorAfter × 1.5, a needle at the table's age, the status as a chip underneath. The
 * whole gauge links to the table in the Catalog tab.
 */
export function FreshnessGauge({
  freshness,
  to,
}: {
  freshness: TableFreshness;
  /** Where the gauge links to: the table in the Catalog tab. */
  to: string;
}) {
  const theme = useTheme();
  const unknown = freshness.status === 'unknown';
  const geometry = gaugeGeometry(
    freshness.sla,
    unknown ? null : freshness.ageSeconds,
  );
  const needle = geometry.needle;
  const tip = needle && pointAt(needle.angle, NEEDLE);
  const label = describeFreshness(freshness);
  const muted = theme.palette.text.secondary;

  return (
    <MuiLink
      component={RouterLink}
      to={to}
      underline="none"
      color="inherit"
      aria-label={`Open ${freshness.table} in the catalog (${
        freshness.status
      }, ${lastCommitText(freshness)})`}
      style={{ display: 'block', height: '100%' }}
    >
      <Box
        border={1}
        borderColor="divider"
        borderRadius={8}
        padding={1}
        height="100%"
        textAlign="center"
        style={{ opacity: unknown ? 0.7 : 1 }}
      >
        <svg
          role="img"
          aria-label={label}
          viewBox="-60 -56 120 70"
          width="100%"
          style={{
            maxWidth: 200,
            display: 'block',
            margin: '0 auto',
            fontFamily: theme.typography.fontFamily,
          }}
        >
          <title>{label}</title>
          {geometry.bands.map(band => (
            <path
              key={band.status}
              d={bandPath(band) ?? undefined}
              fill={
                unknown
                  ? FRESHNESS_COLOURS.unknown
                  : FRESHNESS_COLOURS[band.status]
              }
              opacity={unknown ? 0.35 : 0.85}
            />
          ))}
          <text x={-INNER - 7} y={11} fontSize={8} fill={muted}>
            0
          </text>
          <text x={OUTER} y={11} fontSize={8} fill={muted} textAnchor="end">
            {formatSpan(geometry.maxSeconds)}
          </text>
          {tip && needle && (
            <line
              x1={0}
              y1={0}
              x2={tip.x}
              y2={tip.y}
              stroke={theme.palette.text.primary}
              strokeWidth={2.5}
              strokeLinecap="round"
              strokeDasharray={needle.offScale ? '4 2' : undefined}
            />
          )}
          <circle r={4} fill={unknown ? muted : theme.palette.text.primary} />
          {unknown && (
            <text y={-14} fontSize={9} textAnchor="middle" fill={muted}>
              no commits yet
            </text>
          )}
        </svg>
        {/* Table names are long single words: break them rather than overflow. */}
        <Typography
          variant="subtitle2"
          component="div"
          style={{ overflowWrap: 'anywhere' }}
        >
          {freshness.table}
        </Typography>
        <Box marginY={0.5}>
          <StatusChip status={freshness.status} />
        </Box>
        <Typography variant="body2" component="div">
          {lastCommitText(freshness)}
          {needle?.offScale ? ' (beyond the dial)' : ''}
        </Typography>
        <Typography variant="caption" color="textSecondary" component="div">
          warn after {formatSpan(freshness.sla.warnAfterSeconds)} · error after{' '}
          {formatSpan(freshness.sla.errorAfterSeconds)}
        </Typography>
      </Box>
    </MuiLink>
  );
}
