import type { AnomalyStats } from '@medallion/plugin-lakehouse-common';
import Typography from '@material-ui/core/Typography';
import { useId } from 'react';
import { YGrid } from '../shared';
import { formatScore } from './anomalyFormat';
import { SERIES_STYLES } from './decisionStyles';
import { HistogramLegend } from './HistogramLegend';
import {
  barTitle,
  HISTOGRAM_SIZE,
  histogramLayout,
  histogramSummary,
  labelledTotal,
} from './histogramLayout';

export const HISTOGRAM_NAME = 'Anomaly score histogram';

/** Diagonal hatching: the labelled series reads apart from the solid one without colour. */
function HatchPattern({ id, colour }: { id: string; colour: string }) {
  return (
    <pattern
      id={id}
      width={6}
      height={6}
      patternUnits="userSpaceOnUse"
      patternTransform="rotate(45)"
    >
      <rect width={6} height={6} fill={colour} fillOpacity={0.25} />
      <line x1={0} y1={0} x2={0} y2={6} stroke={colour} strokeWidth={3} />
    </pattern>
  );
}

/**
 * Scores of the purchases in the window, unlabelled and producer-labelled stacked, with
 * the model's threshold. The summary under it says the same in text.
 */
export function ScoreHistogram({ stats }: { stats: AnomalyStats }) {
  // useId yields ":r0:"; colons would need escaping inside url(#…)
  const id = useId().replace(/:/g, '');
  const hatchId = `${id}-hatch`;
  const summaryId = `${id}-summary`;
  const { width, height } = HISTOGRAM_SIZE;
  const layout = histogramLayout(stats.histogram, stats.threshold);
  const { plot } = layout;
  const unlabelledCount = stats.histogram.reduce((n, b) => n + b.unlabelled, 0);
  return (
    <>
      <svg
        role="img"
        aria-label={HISTOGRAM_NAME}
        aria-describedby={summaryId}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width, display: 'block' }}
      >
        <title>{HISTOGRAM_NAME}</title>
        <defs>
          <HatchPattern id={hatchId} colour={SERIES_STYLES.labelled.colour} />
        </defs>
        <YGrid
          ticks={layout.yTicks}
          y={layout.y}
          x0={plot.x0}
          x1={plot.x1}
          gridOpacity={0.12}
        />
        {layout.bars.map(bar => (
          <g key={bar.key} data-bin={bar.key}>
            <title>{barTitle(bar)}</title>
            <rect
              data-series="unlabelled"
              x={bar.x}
              y={bar.unlabelled.y}
              width={bar.width}
              height={bar.unlabelled.height}
              fill={SERIES_STYLES.unlabelled.colour}
            />
            <rect
              data-series="labelled"
              x={bar.x}
              y={bar.labelled.y}
              width={bar.width}
              height={bar.labelled.height}
              fill={`url(#${hatchId})`}
              stroke={SERIES_STYLES.labelled.colour}
              strokeWidth={bar.labelled.height > 0 ? 1 : 0}
            />
          </g>
        ))}
        <line
          x1={plot.x0}
          x2={plot.x1}
          y1={plot.yBottom}
          y2={plot.yBottom}
          stroke="currentColor"
        />
        {layout.xTicks.map(t => (
          <g
            key={`x${t.value}`}
            transform={`translate(${t.x},${plot.yBottom})`}
          >
            <line y2={5} stroke="currentColor" />
            <text y={18} textAnchor="middle" fontSize={11} fill="currentColor">
              {t.value.toFixed(1)}
            </text>
          </g>
        ))}
        {layout.threshold && (
          <g data-testid="threshold">
            <line
              x1={layout.threshold.x}
              x2={layout.threshold.x}
              y1={plot.yTop - 8}
              y2={plot.yBottom}
              stroke="currentColor"
              strokeWidth={2}
              strokeDasharray="6 4"
            />
            <text
              x={layout.threshold.x + 4}
              y={plot.yTop - 10}
              fontSize={12}
              fontWeight={600}
              fill="currentColor"
            >
              threshold {formatScore(layout.threshold.value)}
            </text>
          </g>
        )}
        <text
          x={(plot.x0 + plot.x1) / 2}
          y={height - 10}
          textAnchor="middle"
          fontSize={12}
          fontWeight={600}
          fill="currentColor"
        >
          Anomaly score (higher is more anomalous)
        </text>
        <text
          transform={`translate(16,${
            (plot.yTop + plot.yBottom) / 2
          }) rotate(-90)`}
          textAnchor="middle"
          fontSize={12}
          fontWeight={600}
          fill="currentColor"
        >
          Purchases (square-root scale)
        </text>
      </svg>
      <HistogramLegend
        hatchId={hatchId}
        unlabelled={unlabelledCount}
        labelled={labelledTotal(stats.histogram)}
        threshold={stats.threshold}
      />
      <Typography variant="body2" id={summaryId}>
        {histogramSummary(stats)}
      </Typography>
    </>
  );
}
