import { format } from 'd3';

/** Axis numbers as d3's SI shorthand: 1200 → 1.2k. */
export const compactNumber = format('~s');

/**
 * Horizontal grid lines with their value labels at the left of a chart's plot area (the
 * charts draw their own axes with React; this is the part they share).
 */
export function YGrid(props: {
  ticks: number[];
  y: (value: number) => number;
  x0: number;
  x1: number;
  gridOpacity?: number;
  /** Draw the zero line stronger and dashed (charts whose values go negative). */
  emphasiseZero?: boolean;
}) {
  const { ticks, y, x0, x1, gridOpacity = 0.15, emphasiseZero } = props;
  return (
    <>
      {ticks.map(t => {
        const zero = emphasiseZero && t === 0;
        return (
          <g key={`y${t}`}>
            <line
              x1={x0}
              x2={x1}
              y1={y(t)}
              y2={y(t)}
              stroke="currentColor"
              strokeOpacity={zero ? 0.6 : gridOpacity}
              strokeDasharray={zero ? '4 3' : undefined}
            />
            <text
              x={x0 - 6}
              y={y(t)}
              dy="0.32em"
              textAnchor="end"
              fontSize={11}
              fill="currentColor"
            >
              {compactNumber(t)}
            </text>
          </g>
        );
      })}
    </>
  );
}
