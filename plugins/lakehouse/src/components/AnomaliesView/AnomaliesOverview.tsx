import { useApi } from '@backstage/core-plugin-api';
import type { AnomalyStats } from '@medallion/plugin-lakehouse-common';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { useId } from 'react';
import { useSearchParams } from 'react-router-dom';
import { lakehouseApiRef } from '../../api';
import type { PollingState } from '../shared';
import { LoadState, usePolling } from '../shared';
import type { AnomaliesFilter } from './anomaliesFilter';
import {
  readAnomaliesFilter,
  SINCE_OPTIONS,
  sinceLabel,
  toStatsQuery,
  writeAnomaliesFilter,
} from './anomaliesFilter';
import { MODEL_POLL_MS, STATS_POLL_MS } from './anomalyPolling';
import { AnomalySection } from './AnomalySection';
import { FlaggedPurchases } from './FlaggedPurchases';
import { ModelCard } from './ModelCard';
import { QualityTable } from './QualityTable';
import { ScoreHistogram } from './ScoreHistogram';

function SinceSelect(props: {
  filter: AnomaliesFilter;
  onChange: (filter: AnomaliesFilter) => void;
}) {
  const id = useId();
  return (
    <TextField
      id={`${id}-since`}
      select
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      label="Since"
      helperText="The window of the histogram, the quality figures and the purchases"
      value={props.filter.since}
      onChange={e => {
        const since = SINCE_OPTIONS.find(o => o.value === e.target.value);
        if (since) props.onChange({ ...props.filter, since: since.value });
      }}
      style={{ minWidth: 200 }}
    >
      {SINCE_OPTIONS.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

/** The figures' sections render nothing but "no purchases" until something is scored. */
function StatsState(props: {
  state: PollingState<AnomalyStats>;
  filter: AnomaliesFilter;
  children: (stats: AnomalyStats) => JSX.Element;
}) {
  const all = props.filter.since === 'all';
  return (
    <LoadState
      state={props.state}
      isEmpty={s => s.scored === 0}
      emptyTitle={
        all
          ? 'No purchases scored yet'
          : `No purchases scored in the window (${sinceLabel(
              props.filter.since,
            ).toLowerCase()})`
      }
      emptyDescription={
        all
          ? 'The scoring job scores silver purchases once a model is trained.'
          : 'Choose a longer window under "Since".'
      }
    >
      {props.children}
    </LoadState>
  );
}

/**
 * The Anomalies tab's overview: the model, the score distribution, the detection
 * quality per injected pattern and the scored purchases. Each part polls and fails on
 * its own, so one failing endpoint does not blank the others.
 */
export function AnomaliesOverview() {
  const api = useApi(lakehouseApiRef);
  const [search, setSearch] = useSearchParams();
  const filter = readAnomaliesFilter(search);
  const setFilter = (next: AnomaliesFilter) =>
    setSearch(writeAnomaliesFilter(search, next), { replace: true });

  const model = usePolling(() => api.getAnomalyModel(), MODEL_POLL_MS, [api]);
  // The window's start is computed per request, so "last hour" rolls with the polls.
  const stats = usePolling(
    () => api.getAnomalyStats(toStatsQuery(filter)),
    STATS_POLL_MS,
    [api, filter.since],
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <SinceSelect filter={filter} onChange={setFilter} />
      </Grid>
      <Grid item xs={12} lg={5}>
        <ModelCard state={model} />
      </Grid>
      <Grid item xs={12} lg={7}>
        <AnomalySection
          title="Score distribution"
          subheader="Every scored purchase; labelled ones are the producer's injected anomalies"
        >
          <StatsState state={stats} filter={filter}>
            {s => <ScoreHistogram stats={s} />}
          </StatsState>
        </AnomalySection>
      </Grid>
      <Grid item xs={12}>
        <AnomalySection
          title="Detection quality"
          subheader="Recall and AUC per injected pattern"
        >
          <StatsState state={stats} filter={filter}>
            {s => <QualityTable stats={s} />}
          </StatsState>
        </AnomalySection>
      </Grid>
      <Grid item xs={12}>
        <FlaggedPurchases filter={filter} onFilterChange={setFilter} />
      </Grid>
    </Grid>
  );
}
