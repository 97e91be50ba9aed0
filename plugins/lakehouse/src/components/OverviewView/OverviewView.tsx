import Grid from '@material-ui/core/Grid';
import { FreshnessCard } from './FreshnessCard';
import { LatestRunsCard } from './LatestRunsCard';
import { PipelineMetricsCard } from './PipelineMetricsCard';

/**
 * The live pipeline at a glance: metrics, table freshness and the latest runs. Each card
 * polls and fails on its own, so one unreachable endpoint does not blank the others.
 */
export const OverviewView = () => (
  <Grid container spacing={3}>
    <Grid item xs={12} lg={6}>
      <PipelineMetricsCard />
    </Grid>
    <Grid item xs={12} lg={6}>
      <FreshnessCard />
    </Grid>
    <Grid item xs={12}>
      <LatestRunsCard />
    </Grid>
  </Grid>
);
