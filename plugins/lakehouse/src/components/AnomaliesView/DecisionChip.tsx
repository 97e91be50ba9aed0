import type { AnomalyDecision } from '@medallion/plugin-lakehouse-common';
import Chip from '@material-ui/core/Chip';
import { DECISION_STYLES } from './decisionStyles';

/** The model's decision on a purchase: text, shape and colour. */
export function DecisionChip({ decision }: { decision: AnomalyDecision }) {
  const style = DECISION_STYLES[decision];
  return (
    <Chip
      size="small"
      variant="outlined"
      label={`${style.symbol} ${style.label}`}
      aria-label={`decision: ${style.label}`}
      style={{
        borderColor: style.colour,
        color: style.colour,
        fontWeight: 600,
      }}
    />
  );
}
