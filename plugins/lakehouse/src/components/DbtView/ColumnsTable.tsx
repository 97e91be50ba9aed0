import type { DbtColumn } from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { TestsList } from './TestsList';

/** The model's documented columns with their tests' latest status. */
export function ColumnsTable({
  model,
  columns,
}: {
  model: string;
  columns: DbtColumn[];
}) {
  if (columns.length === 0)
    return <Typography>No columns are documented for {model}.</Typography>;
  return (
    <Box overflow="auto">
      <Table size="small" aria-label={`Columns of ${model}`}>
        <TableHead>
          <TableRow>
            <TableCell>Column</TableCell>
            <TableCell>Type</TableCell>
            <TableCell>Description</TableCell>
            <TableCell>Tests</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {columns.map(c => (
            <TableRow key={c.name}>
              <TableCell component="th" scope="row" role="rowheader">
                <code>{c.name}</code>
              </TableCell>
              <TableCell>{c.type ?? '—'}</TableCell>
              <TableCell>{c.description ?? '—'}</TableCell>
              <TableCell>
                <TestsList tests={c.tests} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
