import Grid from '@material-ui/core/Grid';
import { DbtFreshnessCard } from './DbtFreshnessCard';
import { DbtModelList } from './DbtModelList';
import { DbtRunsCard } from './DbtRunsCard';

/**
 * The dbt tab's front page. Each card polls and fails on its own, so one broken
 * artifact does not hide the others.
 */
export const DbtOverview = () => (
  <Grid container spacing={3}>
    <Grid item xs={12}>
      <DbtModelList />
    </Grid>
    <Grid item xs={12}>
      <DbtRunsCard />
    </Grid>
    <Grid item xs={12}>
      <DbtFreshnessCard />
    </Grid>
  </Grid>
);
