import type {
  FreshnessStatus,
  RunStatus,
} from '@medallion/plugin-lakehouse-common';
import Chip from '@material-ui/core/Chip';
import { FRESHNESS_COLOURS, RUN_STATUS_COLOURS } from './palette';

/** The shape paired with each status, so no status is told by colour alone. */
export const STATUS_SYMBOLS: Record<RunStatus | FreshnessStatus, string> = {
  fresh: '●',
  warn: '▲',
  error: '■',
  unknown: '○',
  queued: '…',
  running: '▶',
  succeeded: '✓',
  failed: '✕',
  cancelled: '⊘',
};

/** A status as text plus a shape plus a colour (never colour alone). */
export function StatusChip({
  status,
}: {
  status: RunStatus | FreshnessStatus;
}) {
  const colour =
    (FRESHNESS_COLOURS as Record<string, string>)[status] ??
    (RUN_STATUS_COLOURS as Record<string, string>)[status];
  return (
    <Chip
      size="small"
      label={`${STATUS_SYMBOLS[status]} ${status}`}
      aria-label={`status: ${status}`}
      style={{ borderColor: colour, color: colour, fontWeight: 600 }}
      variant="outlined"
    />
  );
}
