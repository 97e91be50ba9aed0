import type { AnomalyFeature } from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import { ColumnHead, type Column } from './ColumnHead';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { OKABE_ITO } from '../shared';
import { formatFeatureValue, formatShare } from './anomalyFormat';
import { ShareBar } from './ShareBar';
import { sortByContribution } from './whySentence';

const COLUMNS: Column[] = [
  { title: 'Feature' },
  { title: 'Description' },
  { title: 'Value', align: 'right' },
  { title: 'Typical (training median)', align: 'right' },
  { title: 'Contribution' },
];

function ContributionBar({ share }: { share: number }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <ShareBar share={share} colour={OKABE_ITO.blue} width={120} height={10} />
      <span style={{ fontVariantNumeric: 'tabular-nums', marginLeft: 8 }}>
        {formatShare(share)}
      </span>
    </span>
  );
}

/** Every feature of a purchase, largest share of the isolation first. */
export function FeatureContributionsTable(props: {
  features: AnomalyFeature[];
}) {
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Feature contributions">
        <ColumnHead columns={COLUMNS} />
        <TableBody>
          {sortByContribution(props.features).map(f => (
            <TableRow key={f.name}>
              <TableCell
                component="th"
                scope="row"
                style={{ whiteSpace: 'nowrap' }}
              >
                <code>{f.name}</code>
              </TableCell>
              <TableCell>{f.description}</TableCell>
              <TableCell align="right">{formatFeatureValue(f.value)}</TableCell>
              <TableCell align="right">
                {f.typical === null ? '—' : formatFeatureValue(f.typical)}
              </TableCell>
              <TableCell>
                <ContributionBar share={f.contribution} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
