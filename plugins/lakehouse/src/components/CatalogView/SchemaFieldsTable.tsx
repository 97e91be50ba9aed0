import type { TableField } from '@medallion/plugin-lakehouse-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { fieldRows } from './schemaFields';

/** A schema's fields; struct members indented under their parent. */
export function SchemaFieldsTable({
  label,
  fields,
}: {
  label: string;
  fields: TableField[];
}) {
  if (fields.length === 0)
    return <Typography variant="body2">The schema has no fields.</Typography>;
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell align="right">Field id</TableCell>
          <TableCell>Name</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Required</TableCell>
          <TableCell>Doc</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {fieldRows(fields).map(({ field, depth, path }) => (
          <TableRow key={field.id}>
            <TableCell align="right">{field.id}</TableCell>
            <TableCell
              component="th"
              role="rowheader"
              scope="row"
              title={path}
              style={{ paddingLeft: 16 + depth * 24, fontFamily: 'monospace' }}
            >
              {depth > 0 && <span aria-hidden="true">└ </span>}
              {field.name}
            </TableCell>
            <TableCell style={{ fontFamily: 'monospace' }}>
              {field.type}
            </TableCell>
            <TableCell>{field.required ? 'required' : 'optional'}</TableCell>
            <TableCell>{field.doc ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
