import type { AnomalyStats } from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { precisionAtKText, qualityRows } from './qualityRows';

const COLUMNS = ['Pattern', 'Labelled', 'Detected', 'Recall', 'AUC'];

/** How well the scores find each pattern the producer injects, in the window. */
export function QualityTable({ stats }: { stats: AnomalyStats }) {
  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        The labels are the producer's ground truth of the anomalies it injected;
        they only measure the model and are never used to fit it.
      </Typography>
      <Box overflow="auto" maxWidth={960}>
        <Table size="small" aria-label="Detection quality per pattern">
          <TableHead>
            <TableRow>
              {COLUMNS.map((h, i) => (
                <TableCell
                  key={h}
                  component="th"
                  scope="col"
                  align={i === 0 ? 'left' : 'right'}
                >
                  {h}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {qualityRows(stats.quality).map(row => (
              <TableRow key={row.key}>
                <TableCell component="th" scope="row">
                  {row.pattern}
                </TableCell>
                <TableCell align="right">{row.labelled}</TableCell>
                <TableCell align="right">{row.detected}</TableCell>
                <TableCell align="right">{row.recall}</TableCell>
                <TableCell align="right">{row.auc}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <Typography variant="body2" style={{ marginTop: 8 }}>
        Precision@k (k = the number of labelled purchases):{' '}
        {precisionAtKText(stats)}
      </Typography>
    </>
  );
}
