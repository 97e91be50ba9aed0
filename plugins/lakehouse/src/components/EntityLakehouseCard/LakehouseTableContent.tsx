import Grid from '@material-ui/core/Grid';
import { LakehouseTableCard } from './LakehouseTableCard';

/** The entity page tab (new frontend system): the table card, given room. */
export function LakehouseTableContent() {
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8} lg={6}>
        <LakehouseTableCard variant="gridItem" />
      </Grid>
    </Grid>
  );
}
