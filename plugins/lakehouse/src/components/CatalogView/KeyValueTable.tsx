import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import type { ReactNode } from 'react';

/** Label/value pairs as a two-column table, labels as row headers. */
export function KeyValueTable({
  label,
  rows,
  monospaceKeys = false,
}: {
  label: string;
  rows: Array<[string, ReactNode]>;
  monospaceKeys?: boolean;
}) {
  return (
    <Table size="small" aria-label={label}>
      <TableBody>
        {rows.map(([key, value]) => (
          <TableRow key={key}>
            <TableCell
              component="th"
              role="rowheader"
              scope="row"
              style={{
                width: '30%',
                fontWeight: 600,
                fontFamily: monospaceKeys ? 'monospace' : undefined,
              }}
            >
              {key}
            </TableCell>
            <TableCell style={{ wordBreak: 'break-all' }}>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
