import type { AnomalyDecision } from '@medallion/plugin-lakehouse-common';
import { scaleLinear } from 'd3';
import { formatScore } from './anomalyFormat';
import { DECISION_STYLES } from './decisionStyles';

const WIDTH = 360;
const HEIGHT = 44;
const PAD = 12;

/** The score as a bar on 0–1 with the threshold marked; the text says the same. */
export function ScoreVsThreshold(props: {
  score: number;
  threshold: number;
  decision: AnomalyDecision;
}) {
  const { score, threshold, decision } = props;
  const x = scaleLinear()
    .domain([0, 1])
    .range([PAD, WIDTH - PAD])
    .clamp(true);
  const style = DECISION_STYLES[decision];
  const name = `Score ${formatScore(score)} against the threshold ${formatScore(
    threshold,
  )}: ${style.label}`;
  return (
    <svg
      role="img"
      aria-label={name}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      style={{ maxWidth: WIDTH, display: 'block' }}
    >
      <title>{name}</title>
      <rect
        x={x(0)}
        y={14}
        width={x(1) - x(0)}
        height={12}
        fill="currentColor"
        fillOpacity={0.1}
      />
      <rect
        x={x(0)}
        y={14}
        width={x(score) - x(0)}
        height={12}
        fill={style.colour}
      />
      <line
        x1={x(threshold)}
        x2={x(threshold)}
        y1={8}
        y2={32}
        stroke="currentColor"
        strokeWidth={2}
        strokeDasharray="4 3"
      />
      <text x={x(0)} y={42} fontSize={10} fill="currentColor">
        0
      </text>
      <text
        x={x(threshold)}
        y={42}
        fontSize={10}
        textAnchor="middle"
        fill="currentColor"
      >
        threshold {formatScore(threshold)}
      </text>
      <text x={x(1)} y={42} fontSize={10} textAnchor="end" fill="currentColor">
        1
      </text>
    </svg>
  );
}
