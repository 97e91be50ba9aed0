import type {
  TableDetail,
  TableFreshness,
} from '@medallion/plugin-lakehouse-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import {
  ageOf,
  formatAge,
  formatBytes,
  formatNumber,
  formatTime,
  StatusChip,
} from '../shared';
import { formatSla } from './formatSla';

export interface TableFactsValue {
  detail: TableDetail;
  /** Null: the freshness check does not list the table; Error: it failed. */
  freshness: TableFreshness | null | Error;
}

function FreshnessFact({
  freshness,
}: {
  freshness: TableFactsValue['freshness'];
}) {
  if (freshness instanceof Error)
    return (
      <Typography variant="body2">unavailable ({freshness.message})</Typography>
    );
  if (freshness === null)
    return (
      <>
        <StatusChip status="unknown" />
        <Typography variant="body2" component="span">
          {' '}
          not in the freshness check
        </Typography>
      </>
    );
  const { sla } = freshness;
  return (
    <>
      <StatusChip status={freshness.status} />
      <Typography variant="body2" component="span">
        {' '}
        SLA: warn after {formatSla(sla.warnAfterSeconds)}, error after{' '}
        {formatSla(sla.errorAfterSeconds)}
      </Typography>
    </>
  );
}

/** The card's facts as a two-column table (a label per row, for screen readers). */
export function TableFacts({ value }: { value: TableFactsValue }) {
  const { detail, freshness } = value;
  const age =
    freshness && !(freshness instanceof Error)
      ? freshness.ageSeconds
      : ageOf(detail.lastCommitAt);
  const lastCommit =
    detail.lastCommitAt === null
      ? 'never'
      : `${formatTime(detail.lastCommitAt)} (${formatAge(age)}${
          detail.lastOperation ? `, ${detail.lastOperation}` : ''
        })`;
  const rows: Array<[string, ReactNode]> = [
    ['Layer', detail.layer],
    ['Rows', formatNumber(detail.rows)],
    ['Data files', formatNumber(detail.files)],
    ['Size', formatBytes(detail.sizeBytes)],
    ['Snapshots', formatNumber(detail.snapshots)],
    ['Last commit', lastCommit],
    ['Freshness', <FreshnessFact freshness={freshness} />],
  ];
  return (
    <>
      {detail.description && (
        <Typography variant="body2" paragraph>
          {detail.description}
        </Typography>
      )}
      <Table size="small" aria-label={`Facts of ${detail.id}`}>
        <TableBody>
          {rows.map(([label, content]) => (
            <TableRow key={label}>
              <TableCell component="th" scope="row" role="rowheader">
                {label}
              </TableCell>
              <TableCell>{content}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
