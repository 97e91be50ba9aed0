import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';

export interface Column {
  title: string;
  align?: 'right';
}

/** A table's header row: one column header cell per column. */
export function ColumnHead({ columns }: { columns: readonly Column[] }) {
  return (
    <TableHead>
      <TableRow>
        {columns.map(c => (
          <TableCell
            key={c.title}
            component="th"
            scope="col"
            align={c.align}
            // Numbers are narrow: their headers must not break mid-word.
            style={c.align === 'right' ? { whiteSpace: 'nowrap' } : undefined}
          >
            {c.title}
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
  );
}
