import { EmptyState, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AnomalyDetail,
  ScoredPurchase,
} from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { lakehouseApiRef } from '../../api';
import { formatTime, LoadState, usePolling } from '../shared';
import { formatAmount, formatScore } from './anomalyFormat';
import { useAnomalyPaths } from './anomalyPaths';
import { AnomalySection } from './AnomalySection';
import { DecisionChip } from './DecisionChip';
import { FactList } from '../shared/FactList';
import { FeatureContributionsTable } from './FeatureContributionsTable';
import { customerNote } from './FlaggedPurchasesTable';
import { ScoreVsThreshold } from './ScoreVsThreshold';
import { whySentence } from './whySentence';

const isNotFound = (error: Error | undefined) =>
  ResponseError.is(error) && error.statusCode === 404;

function BackLink() {
  const paths = useAnomalyPaths();
  return <Link to={paths.overview}>← All anomalies</Link>;
}

function PurchaseNotFound({ eventId }: { eventId: string }) {
  return (
    <EmptyState
      missing="data"
      title={`Purchase ${eventId} has not been scored`}
      description="No purchase with this id is in gold.purchase_anomalies: the link may be mistyped, or the scoring job has not reached the purchase yet."
      action={
        <Typography variant="body1">
          <BackLink />
        </Typography>
      }
    />
  );
}

/** "+0.112 above" / "0.204 below": the distance to the threshold in words. */
export function thresholdDistance(score: number, threshold: number): string {
  const d = score - threshold;
  return d > 0
    ? `${formatScore(d)} above the threshold ${formatScore(threshold)}`
    : `${formatScore(-d)} below the threshold ${formatScore(threshold)}`;
}

function labelText(p: ScoredPurchase): string {
  return p.label
    ? `${p.label.pattern} (incident ${p.label.incidentId})`
    : 'none: the producer did not inject this purchase';
}

function Detail({ detail }: { detail: AnomalyDetail }) {
  const p = detail.purchase;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <AnomalySection
          title={`Purchase ${p.eventId}`}
          subheader={`${p.productCategory} purchase by ${p.customerId}`}
        >
          <Typography variant="h6" component="h3">
            Why
          </Typography>
          <Typography paragraph>{whySentence(detail)}</Typography>
          <Box mb={2}>
            <ScoreVsThreshold
              score={p.score}
              threshold={detail.threshold}
              decision={p.decision}
            />
          </Box>
          <FactList
            label="About this purchase"
            facts={[
              [
                'Score',
                `${formatScore(p.score)}, ${thresholdDistance(
                  p.score,
                  detail.threshold,
                )}`,
              ],
              ['Decision', <DecisionChip decision={p.decision} />],
              ['Label', labelText(p)],
              ['Event time', formatTime(p.eventTs)],
              ['Customer', `${p.customerId} (${customerNote(p)})`],
              ['Product', `${p.productId} (${p.productCategory})`],
              ['Amount', formatAmount(p.amount, p.currency)],
              ['Model', `${p.modelVersion}, scored ${formatTime(p.scoredAt)}`],
            ]}
          />
        </AnomalySection>
      </Grid>
      <Grid item xs={12}>
        <AnomalySection
          title="Feature contributions"
          subheader="The share of the isolation each feature accounts for, largest first"
        >
          <FeatureContributionsTable features={detail.features} />
        </AnomalySection>
      </Grid>
    </Grid>
  );
}

/** One scored purchase: its context, its score against the threshold, and why. */
export function AnomalyDetailPage({ eventId }: { eventId: string }) {
  const api = useApi(lakehouseApiRef);
  // A purchase is scored once; it changes only if a new model rescored it, so once.
  const state = usePolling(() => api.getAnomaly(eventId), 0, [api, eventId]);
  return (
    <>
      <Box mb={2}>
        <BackLink />
      </Box>
      {state.value === undefined && isNotFound(state.error) ? (
        <PurchaseNotFound eventId={eventId} />
      ) : (
        <LoadState state={state}>
          {detail => <Detail detail={detail} />}
        </LoadState>
      )}
    </>
  );
}
