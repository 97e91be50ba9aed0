import {
  extent,
  max,
  scaleLinear,
  scaleTime,
  symbol,
  type ScaleLinear,
  type ScaleTime,
} from 'd3';
import { useTheme } from '@material-ui/core/styles';
import { useId } from 'react';
import { formatNumber, YGrid } from '../shared';

import { operationStyle } from './operationStyles';
import type { TimelinePoint } from './snapshotTimelineData';

const WIDTH = 760;
const PANEL_HEIGHT = 110;
const PANEL_GAP = 30;
const MARGIN = { top: 20, right: 20, bottom: 30, left: 64 };
const HEIGHT = MARGIN.top + 2 * PANEL_HEIGHT + PANEL_GAP + MARGIN.bottom;
const MARK_SIZE = 48;

type Metric = 'addedRows' | 'addedFiles';

const PANELS: Array<{ metric: Metric; title: string; unit: string }> = [
  { metric: 'addedRows', title: 'Rows added per commit', unit: 'rows' },
  { metric: 'addedFiles', title: 'Files added per commit', unit: 'files' },
];

/** The time domain, widened when every commit has the same time (one point). */
function timeDomain(points: TimelinePoint[]): [Date, Date] {
  const [lo, hi] = extent(points, p => p.time) as [Date, Date];
  if (hi.getTime() - lo.getTime() > 0) return [lo, hi];
  const pad = 30 * 60 * 1000;
  return [new Date(lo.getTime() - pad), new Date(hi.getTime() + pad)];
}

const markTitle = (p: TimelinePoint) =>
  `${p.timestamp} · ${operationStyle(p.operation).label} · ${formatNumber(
    p.addedRows,
  )} rows, ${formatNumber(p.addedFiles)} files added${
    p.deletedFiles > 0 ? `, ${formatNumber(p.deletedFiles)} files removed` : ''
  } · snapshot ${p.snapshotId}`;

function Panel({
  points,
  metric,
  title,
  top,
  x,
}: {
  points: TimelinePoint[];
  metric: Metric;
  title: string;
  top: number;
  x: ScaleTime<number, number>;
}) {
  const background = useTheme().palette.background.paper;
  const y: ScaleLinear<number, number> = scaleLinear()
    .domain([0, Math.max(1, max(points, p => p[metric]) ?? 0)])
    .nice()
    .range([top + PANEL_HEIGHT, top]);
  const [x0, x1] = x.range() as [number, number];
  return (
    <g>
      <text
        x={x0}
        y={top - 6}
        fontSize={12}
        fontWeight={600}
        fill="currentColor"
      >
        {title}
      </text>
      <YGrid ticks={y.ticks(3)} y={y} x0={x0} x1={x1} />
      {points.map(p => {
        const style = operationStyle(p.operation);
        const cx = x(p.time);
        const cy = y(p[metric]);
        return (
          <g key={p.snapshotId}>
            <title>{markTitle(p)}</title>
            <line
              x1={cx}
              x2={cx}
              y1={y(0)}
              y2={cy}
              stroke={style.colour}
              strokeWidth={1.5}
              strokeDasharray={style.filled ? undefined : '3 2'}
            />
            <path
              d={symbol(style.shape, MARK_SIZE)() ?? ''}
              transform={`translate(${cx},${cy})`}
              fill={style.filled ? style.colour : background}
              stroke={style.colour}
              strokeWidth={1.5}
            />
          </g>
        );
      })}
    </g>
  );
}

/**
 * Rows and files each commit added, over time: one panel per measure on a shared time
 * axis, a stem and a mark per snapshot shaped by its operation. The picture is for
 * sighted users; `summary` (the chart's description) and the table beside it carry
 * the same information in text.
 */
export function SnapshotChart({
  points,
  title,
  summary,
}: {
  points: TimelinePoint[];
  title: string;
  summary: string;
}) {
  const id = useId();
  const x = scaleTime()
    .domain(timeDomain(points))
    .nice()
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const axisY = MARGIN.top + 2 * PANEL_HEIGHT + PANEL_GAP;
  const tickFormat = x.tickFormat();
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      style={{ maxWidth: WIDTH, display: 'block' }}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      {PANELS.map((panel, i) => (
        <Panel
          key={panel.metric}
          points={points}
          metric={panel.metric}
          title={panel.title}
          top={MARGIN.top + i * (PANEL_HEIGHT + PANEL_GAP)}
          x={x}
        />
      ))}
      <line
        x1={MARGIN.left}
        x2={WIDTH - MARGIN.right}
        y1={axisY}
        y2={axisY}
        stroke="currentColor"
      />
      {x.ticks(6).map(t => (
        <g key={t.getTime()} transform={`translate(${x(t)},${axisY})`}>
          <line y2={5} stroke="currentColor" />
          <text y={18} textAnchor="middle" fontSize={11} fill="currentColor">
            {tickFormat(t)}
          </text>
        </g>
      ))}
    </svg>
  );
}
