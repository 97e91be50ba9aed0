import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { extent, line, max, scaleLinear } from 'd3';
import { LAYER_COLOURS } from '../shared';
import { formatRate, formatSpan } from './overviewFormat';
import { SERIES_SPAN_MS, type ThroughputSample } from './throughputSeries';

const WIDTH = 360;
const HEIGHT = 140;
const MARGIN = { top: 8, right: 10, bottom: 22, left: 48 };

type Layer = 'bronze' | 'silver';

/** Bronze solid, silver dashed: the lines differ by more than their colour. */
const SERIES: Array<{ layer: Layer; colour: string; dash?: string }> = [
  { layer: 'bronze', colour: LAYER_COLOURS.bronze },
  { layer: 'silver', colour: LAYER_COLOURS.silver, dash: '6 3' },
];

/** The chart's text equivalent: the current rate and the range seen, per layer. */
export function describeThroughput(
  series: readonly ThroughputSample[],
): string {
  const last = series[series.length - 1];
  if (!last) return 'Throughput: no measurement yet.';
  const layer = (name: Layer) => {
    const [low, high] = extent(series, s => s[name]) as [number, number];
    return `${name} ${formatRate(last[name])} now (range ${formatRate(
      low,
    )} to ${formatRate(high)})`;
  };
  const samples = `${series.length} sample${series.length === 1 ? '' : 's'}`;
  return `Throughput over the last ${formatSpan(
    SERIES_SPAN_MS / 1000,
  )} (${samples} since the page opened): ${layer('bronze')}; ${layer(
    'silver',
  )}.`;
}

/**
 * Bronze and silver throughput as two lines over the last few minutes of samples the
 * page has collected; the right edge is the newest sample.
 */
export function ThroughputChart({
  series,
}: {
  series: readonly ThroughputSample[];
}) {
  const theme = useTheme();
  const last = series[series.length - 1];
  if (!last)
    return (
      <Typography variant="body2" color="textSecondary">
        Waiting for the first measurement…
      </Typography>
    );

  const summary = describeThroughput(series);
  const x = scaleLinear()
    .domain([last.at - SERIES_SPAN_MS, last.at])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const top = max(series, s => Math.max(s.bronze, s.silver)) ?? 0;
  // An idle pipeline (all zeros) still gets a scale, with the lines along the bottom.
  const y = scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .nice(3)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const pathOf = (layer: Layer) =>
    line<ThroughputSample>()
      .x(s => x(s.at))
      .y(s => y(s[layer]))(series) ?? undefined;
  const axisColour = theme.palette.text.secondary;

  return (
    <Box>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{
          maxHeight: 200,
          display: 'block',
          fontFamily: theme.typography.fontFamily,
        }}
      >
        <title>{summary}</title>
        {y.ticks(3).map(tick => (
          <g key={tick} transform={`translate(0,${y(tick)})`}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              stroke={theme.palette.divider}
            />
            <text
              x={MARGIN.left - 6}
              dy="0.32em"
              textAnchor="end"
              fontSize={10}
              fill={axisColour}
            >
              {tick.toLocaleString('en-US')}
            </text>
          </g>
        ))}
        <text
          x={MARGIN.left}
          y={HEIGHT - 6}
          fontSize={10}
          fill={axisColour}
          textAnchor="start"
        >
          {formatSpan(SERIES_SPAN_MS / 1000)} ago
        </text>
        <text
          x={WIDTH - MARGIN.right}
          y={HEIGHT - 6}
          fontSize={10}
          fill={axisColour}
          textAnchor="end"
        >
          now
        </text>
        {SERIES.map(({ layer, colour, dash }) => (
          <g key={layer}>
            <path
              d={pathOf(layer)}
              fill="none"
              stroke={colour}
              strokeWidth={2}
              strokeDasharray={dash}
            />
            <circle cx={x(last.at)} cy={y(last[layer])} r={3} fill={colour} />
          </g>
        ))}
      </svg>
      <Box display="flex" style={{ gap: 16 }} aria-hidden>
        {SERIES.map(({ layer, colour, dash }) => (
          <Box key={layer} display="flex" alignItems="center">
            <svg width={24} height={8}>
              <line
                x1={0}
                x2={24}
                y1={4}
                y2={4}
                stroke={colour}
                strokeWidth={2}
                strokeDasharray={dash}
              />
            </svg>
            <Typography variant="caption" style={{ marginLeft: 4 }}>
              {layer}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
