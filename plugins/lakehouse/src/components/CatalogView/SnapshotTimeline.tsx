import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useId, useMemo, useState } from 'react';
import { symbol } from 'd3';
import { formatNumber, formatTime, LakehouseError, LoadState } from '../shared';
import { operationStyle } from './operationStyles';
import { SectionCard } from './SectionCard';
import { SnapshotChart } from './SnapshotChart';
import {
  timelinePoints,
  timelineSummary,
  type TimelinePoint,
} from './snapshotTimelineData';
import { useSnapshotPages } from './useSnapshotPages';

function OperationLegend({ points }: { points: TimelinePoint[] }) {
  const operations = [...new Set(points.map(p => p.operation))].sort();
  return (
    <Box
      component="ul"
      aria-label="Operations"
      display="flex"
      flexWrap="wrap"
      m={0}
      p={0}
      style={{ listStyle: 'none', gap: 16 }}
    >
      {operations.map(op => {
        const style = operationStyle(op);
        return (
          <li key={op} style={{ display: 'flex', alignItems: 'center' }}>
            <svg width={14} height={14} aria-hidden="true">
              <path
                d={symbol(style.shape, 48)() ?? ''}
                transform="translate(7,7)"
                fill={style.filled ? style.colour : 'none'}
                stroke={style.colour}
                strokeWidth={1.5}
              />
            </svg>
            <Typography
              variant="body2"
              component="span"
              style={{ marginLeft: 4 }}
            >
              {style.label}
            </Typography>
          </li>
        );
      })}
    </Box>
  );
}

function SnapshotTable({
  id,
  points,
}: {
  id: string;
  points: TimelinePoint[];
}) {
  // Newest first, like the API and the rest of the page.
  const rows = [...points].reverse();
  return (
    <Box maxHeight={400} overflow="auto">
      <Table size="small" stickyHeader aria-label={`Snapshots of ${id}`}>
        <TableHead>
          <TableRow>
            <TableCell>Committed</TableCell>
            <TableCell>Operation</TableCell>
            <TableCell align="right">Rows added</TableCell>
            <TableCell align="right">Files added</TableCell>
            <TableCell align="right">Files removed</TableCell>
            <TableCell align="right">Total rows</TableCell>
            <TableCell>Snapshot id</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(p => (
            <TableRow key={p.snapshotId}>
              <TableCell>{formatTime(p.timestamp)}</TableCell>
              <TableCell>{operationStyle(p.operation).label}</TableCell>
              <TableCell align="right">{formatNumber(p.addedRows)}</TableCell>
              <TableCell align="right">{formatNumber(p.addedFiles)}</TableCell>
              <TableCell align="right">
                {formatNumber(p.deletedFiles)}
              </TableCell>
              <TableCell align="right">
                {p.totalRows === null ? '—' : formatNumber(p.totalRows)}
              </TableCell>
              <TableCell style={{ fontFamily: 'monospace' }}>
                {p.snapshotId}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/**
 * What each commit added over time, as a chart with a text summary and a table, with
 * older snapshots a page at a time.
 */
export function SnapshotTimeline({
  namespace,
  table,
  headSnapshotId,
}: {
  namespace: string;
  table: string;
  headSnapshotId: string | null;
}) {
  const id = `${namespace}.${table}`;
  const state = useSnapshotPages(namespace, table, headSnapshotId);
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const points = useMemo(
    () => timelinePoints(state.value?.items ?? []),
    [state.value],
  );
  return (
    <SectionCard title="Snapshot timeline">
      <LoadState
        state={state}
        isEmpty={v => v.items.length === 0}
        emptyTitle={`${id} has no snapshots yet`}
        emptyDescription="Each commit to the table adds a snapshot; the timeline shows them once there are any."
      >
        {pages => {
          const summary = timelineSummary(points, pages.total);
          return (
            <>
              <Typography variant="body2" gutterBottom>
                {summary}
              </Typography>
              <OperationLegend points={points} />
              <SnapshotChart
                points={points}
                title={`Rows and files added per commit to ${id}`}
                summary={summary}
              />
              <Box
                display="flex"
                alignItems="center"
                style={{ gap: 12 }}
                mt={1}
              >
                <Button
                  size="small"
                  variant="outlined"
                  aria-expanded={showTable}
                  aria-controls={tableId}
                  onClick={() => setShowTable(s => !s)}
                >
                  {showTable ? 'Hide snapshot table' : 'Show snapshot table'}
                </Button>
                {pages.nextCursor !== null && (
                  <Button
                    size="small"
                    variant="outlined"
                    onClick={state.loadMore}
                    disabled={state.loadingMore}
                  >
                    {state.loadingMore
                      ? 'Loading older snapshots…'
                      : 'Load older snapshots'}
                  </Button>
                )}
                <Typography variant="caption" color="textSecondary">
                  {formatNumber(pages.items.length)} of{' '}
                  {formatNumber(pages.total)} snapshots loaded
                </Typography>
              </Box>
              {state.moreError && <LakehouseError error={state.moreError} />}
              <div id={tableId}>
                {showTable && <SnapshotTable id={id} points={points} />}
              </div>
            </>
          );
        }}
      </LoadState>
    </SectionCard>
  );
}
