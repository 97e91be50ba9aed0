import { InfoCard, Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import type { ProfitabilityResponse } from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import { lakehouseApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { formatTime, LoadState, usePolling } from '../shared';
import {
  defaultCurrency,
  scatterPoints,
  scatterSummary,
  splitSegments,
  topProducts,
} from './profitabilityData';
import { ProfitabilityScatter } from './ProfitabilityScatter';
import { SegmentLegend } from './SegmentLegend';
import { TopProductsTable } from './TopProductsTable';

/** Gold commits every 10 minutes: 30 s keeps the chart current cheaply. */
export const PROFITABILITY_POLL_MS = 30_000;
export const TOP_PRODUCTS = 10;

/** The title (and accessible name) of the chart. */
export const chartTitle = (currency: string, category?: string) =>
  `Margin against revenue per product (${currency}${
    category ? `, ${category}` : ''
  })`;

function Filters(props: {
  data: ProfitabilityResponse;
  currency: string;
  category: string;
  onCurrency: (c: string) => void;
  onCategory: (c: string) => void;
}) {
  return (
    <Box display="flex" flexWrap="wrap" gridGap={16} mb={2}>
      <TextField
        select
        label="Currency"
        value={props.currency}
        onChange={e => props.onCurrency(e.target.value)}
        variant="outlined"
        size="small"
        SelectProps={{ native: true }}
        inputProps={{ 'aria-label': 'Currency' }}
      >
        {props.data.currencies.map(c => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </TextField>
      <TextField
        select
        label="Category"
        value={props.category}
        onChange={e => props.onCategory(e.target.value)}
        variant="outlined"
        size="small"
        SelectProps={{ native: true }}
        inputProps={{ 'aria-label': 'Category' }}
      >
        <option value="">All categories</option>
        {props.data.categories.map(c => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </TextField>
    </Box>
  );
}

function Profitability({ data }: { data: ProfitabilityResponse }) {
  const [chosenCurrency, setCurrency] = useState<string | null>(null);
  const [category, setCategory] = useState('');
  // A chosen currency stays while it exists; otherwise the one with most revenue.
  const currency =
    chosenCurrency && data.currencies.includes(chosenCurrency)
      ? chosenCurrency
      : defaultCurrency(data.rows) ?? data.currencies[0] ?? '';
  const points = useMemo(
    () =>
      scatterPoints(data.rows, {
        currency,
        category: category || undefined,
      }),
    [data.rows, currency, category],
  );
  const segments = splitSegments(points);
  const title = chartTitle(currency, category || undefined);
  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        {data.table}, snapshot {data.snapshotId} committed{' '}
        {formatTime(data.committedAt)}. Money in different currencies is never
        summed: pick one.
      </Typography>
      <Filters
        data={data}
        currency={currency}
        category={category}
        onCurrency={setCurrency}
        onCategory={setCategory}
      />
      {points.length === 0 ? (
        <Typography role="status">
          No products in {currency}
          {category ? ` in category ${category}` : ''}.
        </Typography>
      ) : (
        <Grid container spacing={3}>
          <Grid item xs={12} lg={7}>
            <ProfitabilityScatter
              points={points}
              currency={currency}
              title={title}
              summary={scatterSummary(points, currency, category || undefined)}
            />
            <SegmentLegend
              counts={{
                member: segments.member.length,
                non_member: segments.non_member.length,
              }}
            />
          </Grid>
          <Grid item xs={12} lg={5}>
            <Typography variant="h6" component="h3">
              Top products by revenue
            </Typography>
            <TopProductsTable rows={topProducts(points, TOP_PRODUCTS)} />
          </Grid>
        </Grid>
      )}
    </>
  );
}

function NoGoldYet() {
  const root = useRouteRef(rootRouteRef)().replace(/\/+$/, '');
  return (
    <>
      gold.product_profitability appears with the first gold build: the gold job
      runs every 10 minutes, or trigger it from the{' '}
      <Link to={`${root}/jobs`}>Jobs tab</Link>.
    </>
  );
}

/**
 * The Profitability tab: revenue and margin per product and membership segment from
 * `gold.product_profitability`, one currency at a time.
 *
 * @public
 */
export function ProfitabilityView() {
  const api = useApi(lakehouseApiRef);
  // The mart is small (products × segments × currencies): one unfiltered fetch lets
  // the currency default be computed over everything and the filters switch at once.
  const state = usePolling(
    () => api.getProfitability(),
    PROFITABILITY_POLL_MS,
    [api],
  );
  return (
    <section aria-label="Profitability">
      <InfoCard
        title="Profitability"
        subheader="Revenue and margin per product, members vs non-members"
        titleTypographyProps={{ component: 'h2' }}
      >
        <LoadState
          state={state}
          isEmpty={v => v.snapshotId === null || v.rows.length === 0}
          emptyTitle="No profitability yet"
          emptyDescription={<NoGoldYet />}
        >
          {data => <Profitability data={data} />}
        </LoadState>
      </InfoCard>
    </section>
  );
}
