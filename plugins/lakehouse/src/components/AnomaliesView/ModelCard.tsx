import { Link } from '@backstage/core-components';
import type {
  AnomalyModelResponse,
  AnomalyModelSummary,
} from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { PollingState } from '../shared';
import {
  ageOf,
  formatAge,
  formatDuration,
  formatNumber,
  formatTime,
  LoadState,
} from '../shared';
import { formatShare } from './anomalyFormat';
import { useAnomalyPaths } from './anomalyPaths';
import { AnomalySection } from './AnomalySection';
import { FactList } from '../shared/FactList';
import {
  formatAuc,
  formatParams,
  formatPrecisionAtK,
  formatThreshold,
  NO_LABELS_IN_TRAINING,
} from './modelFacts';

function NoModelYet() {
  const paths = useAnomalyPaths();
  return (
    <>
      The scoring job trains one once silver holds enough purchases, or run
      'Train anomaly model' from the <Link to={paths.jobs}>Jobs tab</Link>.
    </>
  );
}

function CurrentModel({ model }: { model: AnomalyModelSummary }) {
  const { metrics, trainingWindow } = model;
  return (
    <FactList
      label="Current anomaly model"
      facts={[
        ['Version', model.version],
        [
          'Trained at',
          `${formatTime(model.trainedAt)} (${formatAge(
            ageOf(model.trainedAt),
          )})`,
        ],
        [
          'Training window',
          `${formatTime(trainingWindow.from)} – ${formatTime(
            trainingWindow.to,
          )} (${formatNumber(trainingWindow.rows)} rows)`,
        ],
        ['Threshold', formatThreshold(model.threshold)],
        ['AUC', formatAuc(metrics.auc, NO_LABELS_IN_TRAINING)],
        [
          'Precision@k',
          formatPrecisionAtK(metrics.precisionAtK, NO_LABELS_IN_TRAINING),
        ],
        [
          'Flagged rate',
          `${formatShare(metrics.flaggedRate)} of the training rows`,
        ],
        ['Training time', formatDuration(metrics.trainingSeconds * 1000)],
        ['Parameters', formatParams(model.params)],
      ]}
    />
  );
}

function ModelHistory(props: {
  history: AnomalyModelSummary[];
  current: string;
}) {
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Model history">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              Version
            </TableCell>
            <TableCell component="th" scope="col">
              Trained at
            </TableCell>
            <TableCell component="th" scope="col" align="right">
              AUC
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.history.map(m => (
            <TableRow key={m.version}>
              <TableCell component="th" scope="row">
                {m.version}
                {m.version === props.current ? ' (current)' : ''}
              </TableCell>
              <TableCell>{formatTime(m.trainedAt)}</TableCell>
              <TableCell align="right">
                {m.metrics.auc === null ? '—' : m.metrics.auc.toFixed(3)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/**
 * The model scoring now: when and on what it was trained, its threshold, how well it
 * separates the producer's labelled anomalies on its own training window, and the
 * models before it.
 */
export function ModelCard({
  state,
}: {
  state: PollingState<AnomalyModelResponse>;
}) {
  return (
    <AnomalySection
      title="Anomaly model"
      subheader="Isolation Forest over silver purchases"
    >
      <LoadState
        state={state}
        isEmpty={v => v.current === null}
        emptyTitle="No anomaly model yet"
        emptyDescription={<NoModelYet />}
      >
        {({ current, history }) =>
          current && (
            <>
              <CurrentModel model={current} />
              <Typography variant="h6" component="h3" style={{ marginTop: 16 }}>
                Model history
              </Typography>
              <ModelHistory history={history} current={current.version} />
            </>
          )
        }
      </LoadState>
    </AnomalySection>
  );
}
