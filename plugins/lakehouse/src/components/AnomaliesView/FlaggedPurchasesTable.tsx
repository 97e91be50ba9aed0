import { Link } from '@backstage/core-components';
import type { ScoredPurchase } from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import { ColumnHead, type Column } from './ColumnHead';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatTime } from '../shared';
import { formatAmount } from './anomalyFormat';
import { useAnomalyPaths } from './anomalyPaths';
import { DecisionChip } from './DecisionChip';
import { ScoreBar } from './ScoreBar';

const COLUMNS: Column[] = [
  { title: 'Event time' },
  { title: 'Customer' },
  { title: 'Product' },
  { title: 'Amount', align: 'right' },
  { title: 'Score', align: 'right' },
  { title: 'Decision' },
  { title: 'Top features' },
  { title: 'Label' },
];

/** "member, DE" or, when the order came from elsewhere, "member, DE → order FR". */
export const customerNote = (p: ScoredPurchase) =>
  `${p.membership}, ${p.customerCountry}${
    p.orderCountry === p.customerCountry ? '' : ` → order ${p.orderCountry}`
  }`;

function Secondary({ children }: { children: string }) {
  return (
    <Typography variant="caption" color="textSecondary" display="block">
      {children}
    </Typography>
  );
}

/** Scored purchases, one row each, linking to their drill-down. */
export function FlaggedPurchasesTable({ items }: { items: ScoredPurchase[] }) {
  const paths = useAnomalyPaths();
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Scored purchases">
        <ColumnHead columns={COLUMNS} />
        <TableBody>
          {items.map(p => (
            <TableRow key={p.eventId}>
              <TableCell component="th" scope="row">
                <Link
                  to={paths.purchase(p.eventId)}
                  aria-label={`purchase ${p.eventId}`}
                >
                  {formatTime(p.eventTs)}
                </Link>
              </TableCell>
              <TableCell>
                {p.customerId}
                <Secondary>{customerNote(p)}</Secondary>
              </TableCell>
              <TableCell>
                {p.productId}
                <Secondary>{p.productCategory}</Secondary>
              </TableCell>
              <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                {formatAmount(p.amount, p.currency)}
              </TableCell>
              <TableCell align="right">
                <ScoreBar score={p.score} decision={p.decision} />
              </TableCell>
              <TableCell>
                <DecisionChip decision={p.decision} />
              </TableCell>
              <TableCell>
                <Box display="flex" flexWrap="wrap" gridGap={4}>
                  {p.topFeatures.map(f => (
                    <Chip key={f} size="small" label={f} />
                  ))}
                </Box>
              </TableCell>
              <TableCell>{p.label?.pattern ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
