import Chip from '@material-ui/core/Chip';
import type { StatusStyle } from './dbtStatusStyles';

/** A dbt status as a chip: symbol and word in the status colour (like StatusChip). */
export function DbtStatusChip({
  style,
  label = 'status',
}: {
  style: StatusStyle;
  /** What the status is of, for the accessible name: "status: fail". */
  label?: string;
}) {
  return (
    <Chip
      size="small"
      label={`${style.symbol} ${style.word}`}
      aria-label={`${label}: ${style.word}`}
      style={{
        borderColor: style.colour,
        color: style.colour,
        fontWeight: 600,
      }}
      variant="outlined"
    />
  );
}
