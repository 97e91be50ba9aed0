import type { PartitionField } from '@medallion/plugin-lakehouse-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';

export function PartitionSpecTable({
  specId,
  fields,
}: {
  specId: number;
  fields: PartitionField[];
}) {
  if (fields.length === 0)
    return (
      <Typography variant="body2">Unpartitioned (spec {specId}).</Typography>
    );
  return (
    <Table size="small" aria-label={`Partition spec ${specId}`}>
      <TableHead>
        <TableRow>
          <TableCell>Source field</TableCell>
          <TableCell>Transform</TableCell>
          <TableCell>Partition field</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {fields.map(f => (
          <TableRow key={f.fieldId}>
            <TableCell style={{ fontFamily: 'monospace' }}>
              {f.sourceName}
            </TableCell>
            <TableCell style={{ fontFamily: 'monospace' }}>
              {f.transform}
            </TableCell>
            <TableCell style={{ fontFamily: 'monospace' }}>{f.name}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
