import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { ProductPoint, ProductRow } from './profitabilityData';
import { formatMoney, formatRate } from './profitabilityData';

function SegmentCells({ point }: { point: ProductPoint | null }) {
  if (!point)
    return (
      <>
        <TableCell align="right">—</TableCell>
        <TableCell align="right">—</TableCell>
      </>
    );
  return (
    <>
      <TableCell align="right">
        {formatMoney(point.revenueText, point.currency)}
      </TableCell>
      <TableCell align="right">
        {formatMoney(point.marginText, point.currency)} (
        {formatRate(point.marginRate)})
      </TableCell>
    </>
  );
}

/** The chart's data in text: top products by revenue, member vs non-member. */
export function TopProductsTable({ rows }: { rows: ProductRow[] }) {
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Top products by revenue">
        <TableHead>
          <TableRow>
            <TableCell>Product</TableCell>
            <TableCell>Category</TableCell>
            <TableCell align="right">Member revenue</TableCell>
            <TableCell align="right">Member margin</TableCell>
            <TableCell align="right">Non-member revenue</TableCell>
            <TableCell align="right">Non-member margin</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(r => (
            <TableRow key={r.productId}>
              <TableCell component="th" scope="row" role="rowheader">
                {r.productId}
              </TableCell>
              <TableCell>{r.category ?? '—'}</TableCell>
              <SegmentCells point={r.member} />
              <SegmentCells point={r.nonMember} />
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
