import { extent, scaleLinear, symbol } from 'd3';
import { useId } from 'react';
import type { ProductPoint } from './profitabilityData';
import { pointTitle } from './profitabilityData';
import { SEGMENT_STYLES } from './segmentStyles';
import { compactNumber, YGrid } from '../shared';

const WIDTH = 760;
const HEIGHT = 420;
const MARGIN = { top: 16, right: 24, bottom: 52, left: 80 };
const MARK_SIZE = 64;

/** A domain that always holds 0 (margins can be negative) and never collapses. */
function domainWithZero(values: number[]): [number, number] {
  const [lo = 0, hi = 0] = extent(values);
  const min = Math.min(0, lo);
  const max = Math.max(0, hi);
  return min === max ? [min, min + 1] : [min, max];
}

/**
 * Margin against revenue, one mark per product and segment. For sighted users; the
 * `summary` (the chart's description) and the table beside it say the same in text.
 */
export function ProfitabilityScatter({
  points,
  currency,
  title,
  summary,
}: {
  points: ProductPoint[];
  currency: string;
  title: string;
  summary: string;
}) {
  const id = useId();
  const x = scaleLinear()
    .domain(domainWithZero(points.map(p => p.revenue)))
    .nice()
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain(domainWithZero(points.map(p => p.margin)))
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const [x0, x1] = x.range() as [number, number];
  const [yBottom, yTop] = y.range() as [number, number];
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
      <YGrid
        ticks={y.ticks(6)}
        y={y}
        x0={x0}
        x1={x1}
        gridOpacity={0.12}
        emphasiseZero
      />
      <line x1={x0} x2={x1} y1={yBottom} y2={yBottom} stroke="currentColor" />
      {x.ticks(6).map(t => (
        <g key={`x${t}`} transform={`translate(${x(t)},${yBottom})`}>
          <line y2={5} stroke="currentColor" />
          <text y={18} textAnchor="middle" fontSize={11} fill="currentColor">
            {compactNumber(t)}
          </text>
        </g>
      ))}
      <text
        x={(x0 + x1) / 2}
        y={HEIGHT - 10}
        textAnchor="middle"
        fontSize={12}
        fontWeight={600}
        fill="currentColor"
      >
        Revenue ({currency})
      </text>
      <text
        transform={`translate(18,${(yBottom + yTop) / 2}) rotate(-90)`}
        textAnchor="middle"
        fontSize={12}
        fontWeight={600}
        fill="currentColor"
      >
        Margin ({currency})
      </text>
      {points.map(p => {
        const style = SEGMENT_STYLES[p.segment];
        return (
          <path
            key={p.key}
            data-segment={p.segment}
            d={symbol(style.shape, MARK_SIZE)() ?? ''}
            transform={`translate(${x(p.revenue)},${y(p.margin)})`}
            fill={style.colour}
            fillOpacity={0.65}
            stroke={style.colour}
            strokeWidth={1.5}
          >
            <title>{pointTitle(p)}</title>
          </path>
        );
      })}
    </svg>
  );
}
