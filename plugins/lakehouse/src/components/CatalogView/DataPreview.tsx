import { useApi } from '@backstage/core-plugin-api';
import type { TablePreview } from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { lakehouseApiRef } from '../../api';
import { LoadState, usePolling } from '../shared';
import { previewCell } from './previewCell';
import { SectionCard } from './SectionCard';

export const PREVIEW_LIMIT = 20;

interface LoadedPreview {
  preview: TablePreview;
  readAt: Date;
}

function PreviewTable({ id, preview }: { id: string; preview: TablePreview }) {
  return (
    <Box overflow="auto">
      <Table size="small" aria-label={`Rows of ${id}`}>
        <TableHead>
          <TableRow>
            {preview.columns.map(c => (
              <TableCell key={c.name}>
                <div>{c.name}</div>
                <Typography variant="caption" color="textSecondary">
                  {c.type}
                </Typography>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {preview.rows.map((row, i) => (
            // Rows have no key of their own; their order is the preview's.
            <TableRow key={i}>
              {preview.columns.map(c => {
                const cell = previewCell(row[c.name]);
                return (
                  <TableCell
                    key={c.name}
                    title={cell.full ?? undefined}
                    style={{
                      fontFamily: 'monospace',
                      whiteSpace: 'nowrap',
                      fontStyle: cell.isNull ? 'italic' : undefined,
                      opacity: cell.isNull ? 0.6 : undefined,
                    }}
                  >
                    {cell.text}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function previewCaption({ preview, readAt }: LoadedPreview): string {
  const rows = preview.rows.length;
  const count = preview.truncated
    ? `The first ${rows} rows`
    : `All ${rows} ${rows === 1 ? 'row' : 'rows'}`;
  const snapshot = preview.snapshotId
    ? ` of snapshot ${preview.snapshotId}`
    : '';
  return `${count}${snapshot}, read at ${readAt.toLocaleTimeString('en-US')}.`;
}

/** The first rows of the table's current snapshot, re-read on demand. */
export function DataPreview({
  namespace,
  table,
}: {
  namespace: string;
  table: string;
}) {
  const api = useApi(lakehouseApiRef);
  const id = `${namespace}.${table}`;
  const state = usePolling<LoadedPreview>(
    async () => ({
      preview: await api.previewTable(namespace, table, {
        limit: PREVIEW_LIMIT,
      }),
      readAt: new Date(),
    }),
    0,
    [api, namespace, table],
  );
  return (
    <SectionCard
      title="Data preview"
      action={
        <Button
          variant="outlined"
          size="small"
          onClick={state.refresh}
          aria-label="Refresh preview"
        >
          Refresh
        </Button>
      }
    >
      <LoadState
        state={state}
        isEmpty={v => v.preview.rows.length === 0}
        emptyTitle={`${id} has no rows yet`}
        emptyDescription="The preview shows rows once the table has a snapshot with data."
      >
        {loaded => (
          <>
            <Typography variant="body2" color="textSecondary" gutterBottom>
              {previewCaption(loaded)}
            </Typography>
            <PreviewTable id={id} preview={loaded.preview} />
          </>
        )}
      </LoadState>
    </SectionCard>
  );
}
