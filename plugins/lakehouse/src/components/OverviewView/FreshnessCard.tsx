import { InfoCard } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type {
  FreshnessResponse,
  FreshnessStatus,
  TableFreshness,
  TableLayer,
} from '@medallion/plugin-lakehouse-common';
import { lakehouseApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { formatTime, LoadState, usePolling } from '../shared';
import { FreshnessGauge } from './FreshnessGauge';
import { catalogTablePath } from './links';

export const FRESHNESS_POLL_MS = 10_000;

const LAYER_ORDER: TableLayer[] = ['bronze', 'silver', 'gold', 'other'];
const STATUS_ORDER: FreshnessStatus[] = ['error', 'warn', 'unknown', 'fresh'];

/**
 * Pipeline order, then name: gauges keep their place between polls instead of
 * reshuffling as statuses change.
 */
const byLayerThenName = (a: TableFreshness, b: TableFreshness) =>
  LAYER_ORDER.indexOf(a.layer) - LAYER_ORDER.indexOf(b.layer) ||
  a.table.localeCompare(b.table);

/** "1 error · 1 warn · 2 fresh": the counts the gauges add up to, worst first. */
export function freshnessCounts(tables: readonly TableFreshness[]): string {
  return STATUS_ORDER.map(status => ({
    status,
    n: tables.filter(t => t.status === status).length,
  }))
    .filter(({ n }) => n > 0)
    .map(({ status, n }) => `${n} ${status}`)
    .join(' · ');
}

function FreshnessGauges({ freshness }: { freshness: FreshnessResponse }) {
  const root = useRouteRef(rootRouteRef)();
  const tables = [...freshness.tables].sort(byLayerThenName);
  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        {freshnessCounts(tables)} — checked {formatTime(freshness.checkedAt)}
      </Typography>
      <Grid container spacing={2}>
        {tables.map(t => (
          <Grid item key={t.table} xs={12} sm={6} md={4} lg={3}>
            <FreshnessGauge
              freshness={t}
              to={catalogTablePath(root, t.table)}
            />
          </Grid>
        ))}
      </Grid>
    </>
  );
}

/** How old every table's newest commit is against its SLA, polled every 10 s. */
export function FreshnessCard() {
  const api = useApi(lakehouseApiRef);
  const state = usePolling(() => api.getFreshness(), FRESHNESS_POLL_MS, [api]);
  return (
    <section aria-label="Table freshness">
      <InfoCard
        title="Table freshness"
        titleTypographyProps={{ component: 'h2' }}
      >
        <LoadState
          state={state}
          isEmpty={f => f.tables.length === 0}
          emptyTitle="No tables yet"
          emptyDescription="The catalog has no lakehouse tables. They appear once the bronze job commits its first batch: start the pipeline, or trigger bronze from the Jobs tab."
        >
          {freshness => <FreshnessGauges freshness={freshness} />}
        </LoadState>
      </InfoCard>
    </section>
  );
}
