import type { AnomalyDecision } from '@medallion/plugin-lakehouse-common';
import { formatScore } from './anomalyFormat';
import { DECISION_STYLES } from './decisionStyles';
import { ShareBar } from './ShareBar';

/** A score as its number with a small bar beside it (coloured by the decision). */
export function ScoreBar(props: { score: number; decision: AnomalyDecision }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <span style={{ fontVariantNumeric: 'tabular-nums', marginRight: 8 }}>
        {formatScore(props.score)}
      </span>
      <ShareBar
        share={props.score}
        colour={DECISION_STYLES[props.decision].colour}
        width={48}
        height={6}
      />
    </span>
  );
}
