import type { TableDetail } from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ageOf,
  formatAge,
  formatBytes,
  formatNumber,
  formatTime,
} from '../shared';
import { KeyValueTable } from './KeyValueTable';
import { LayerChip } from './LayerChip';

const mono = (text: string) => (
  <span style={{ fontFamily: 'monospace' }}>{text}</span>
);

function currentSnapshot(detail: TableDetail) {
  const current = detail.currentSnapshot;
  if (current)
    return mono(
      `${current.snapshotId} (sequence ${current.sequenceNumber}, ${current.operation})`,
    );
  return detail.currentSnapshotId
    ? mono(detail.currentSnapshotId)
    : 'none (no commit yet)';
}

/** The table's identity and size at a glance. */
export function TableHeader({ detail }: { detail: TableDetail }) {
  const lastCommit = detail.lastCommitAt
    ? `${formatTime(detail.lastCommitAt)} (${formatAge(
        ageOf(detail.lastCommitAt),
      )}${detail.lastOperation ? `, ${detail.lastOperation}` : ''})`
    : 'never';
  return (
    <Box mb={3}>
      <Box display="flex" alignItems="center" style={{ gap: 12 }} mb={1}>
        <Typography variant="h4" component="h2">
          {detail.id}
        </Typography>
        <LayerChip layer={detail.layer} />
      </Box>
      <Typography variant="body1" gutterBottom>
        {detail.description ??
          'No description (set the table property comment).'}
      </Typography>
      <KeyValueTable
        label={`About ${detail.id}`}
        rows={[
          ['Rows', formatNumber(detail.rows)],
          ['Data files', formatNumber(detail.files)],
          ['Size', formatBytes(detail.sizeBytes)],
          ['Snapshots', formatNumber(detail.snapshots)],
          ['Current snapshot', currentSnapshot(detail)],
          ['Last commit', lastCommit],
          ['Format version', String(detail.formatVersion)],
          ['Location', mono(detail.location)],
          ['Metadata', mono(detail.metadataLocation)],
        ]}
      />
    </Box>
  );
}
