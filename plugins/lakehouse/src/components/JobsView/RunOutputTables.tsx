import { Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { RunOutput } from '@medallion/plugin-lakehouse-common';
import { formatNumber } from '../shared';
import { describeValue } from './describe';
import { useJobsPaths } from './paths';

const mono = { fontFamily: 'monospace' } as const;

/** A run's params (defaults filled in by the backend) as a name/value table. */
export function ParamsTable({ params }: { params: Record<string, unknown> }) {
  const entries = Object.entries(params);
  if (!entries.length)
    return (
      <Typography variant="body2" color="textSecondary">
        No parameters.
      </Typography>
    );
  return (
    <Table size="small" aria-label="Run parameters">
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            Parameter
          </TableCell>
          <TableCell component="th" scope="col">
            Value
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map(([name, value]) => (
          <TableRow key={name}>
            <TableCell component="th" scope="row">
              {name}
            </TableCell>
            <TableCell style={mono}>{describeValue(value)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** What a run produced: row counts, committed snapshots (linked to the catalog), summary. */
export function RunOutputTables({ output }: { output: RunOutput }) {
  const paths = useJobsPaths();
  const rows = Object.entries(output.rows);
  return (
    <>
      {rows.length > 0 && (
        <Table size="small" aria-label="Output rows">
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                Rows
              </TableCell>
              <TableCell component="th" scope="col" align="right">
                Count
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(([name, count]) => (
              <TableRow key={name}>
                <TableCell component="th" scope="row">
                  {name}
                </TableCell>
                <TableCell align="right">{formatNumber(count)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {output.snapshots.length > 0 && (
        <Table size="small" aria-label="Committed snapshots">
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                Table
              </TableCell>
              <TableCell component="th" scope="col">
                Snapshot id
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {output.snapshots.map(s => (
              <TableRow key={`${s.table}@${s.snapshotId}`}>
                <TableCell component="th" scope="row">
                  <Link to={paths.table(s.table)}>{s.table}</Link>
                </TableCell>
                <TableCell style={mono}>{s.snapshotId}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {output.summary && (
        <>
          <Typography
            variant="subtitle2"
            component="h4"
            style={{ marginTop: 8 }}
          >
            Summary
          </Typography>
          <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }}>
            {output.summary}
          </Typography>
        </>
      )}
      {!rows.length && !output.snapshots.length && !output.summary && (
        <Typography variant="body2" color="textSecondary">
          The run reported no output.
        </Typography>
      )}
    </>
  );
}
