import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { PipelineMetrics } from '@medallion/plugin-lakehouse-common';
import { useId, type ReactNode } from 'react';
import { lakehouseApiRef } from '../../api';
import {
  formatDuration,
  formatNumber,
  formatTime,
  LoadState,
  usePolling,
} from '../shared';
import { formatPercent, formatRate, formatSpan } from './overviewFormat';
import { ThroughputChart } from './ThroughputChart';
import { useThroughputSeries, type ThroughputSample } from './throughputSeries';

export const METRICS_POLL_MS = 5_000;

/** One figure: its name, its value, and a line on what it means. */
function Metric(props: {
  label: string;
  value: ReactNode;
  caption?: ReactNode;
}) {
  const id = useId();
  return (
    <Box role="group" aria-labelledby={id} marginBottom={1}>
      <Typography
        id={id}
        variant="overline"
        component="div"
        color="textSecondary"
      >
        {props.label}
      </Typography>
      <Typography variant="h5" component="div">
        {props.value}
      </Typography>
      {props.caption && (
        <Typography variant="caption" component="div" color="textSecondary">
          {props.caption}
        </Typography>
      )}
    </Box>
  );
}

/** A figure the backend could not give: said so, with why — never shown as 0. */
const NotAvailable = () => (
  <Box component="span" color="text.secondary">
    not available
  </Box>
);

function ConsumerLag({ lag }: { lag: PipelineMetrics['consumerLag'] }) {
  if (lag.records === null)
    return (
      <Metric
        label="Consumer lag"
        value={<NotAvailable />}
        caption="Kafka could not be asked for the consumer group's offsets (broker unreachable, or no Kafka configured)."
      />
    );
  const partitions = [...lag.partitions].sort(
    (a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition,
  );
  return (
    <Metric
      label="Consumer lag"
      value={`${formatNumber(lag.records)} records`}
      caption={
        <>
          records in the topic not yet in bronze
          {partitions.length === 0 ? (
            <Box component="span" display="block">
              no partitions reported
            </Box>
          ) : (
            <Box
              component="ul"
              aria-label="Consumer lag by partition"
              margin={0}
              paddingLeft={2}
            >
              {partitions.map(p => (
                <li key={`${p.topic}/${p.partition}`}>
                  {p.topic} partition {p.partition}: {formatNumber(p.lag)}
                </li>
              ))}
            </Box>
          )}
        </>
      }
    />
  );
}

function CommitLatency({ metrics }: { metrics: PipelineMetrics }) {
  const latency = metrics.commitLatencyMs;
  if (latency === null)
    return (
      <Metric
        label="Commit latency"
        value={<NotAvailable />}
        caption={`No bronze commits measured in the last ${formatSpan(
          metrics.windowSeconds,
        )}: the bronze job is idle or not running.`}
      />
    );
  return (
    <Metric
      label="Commit latency"
      value={`p50 ${formatDuration(latency.p50)} · p99 ${formatDuration(
        latency.p99,
      )}`}
      caption={`bronze commits, ${formatNumber(latency.samples)} sample${
        latency.samples === 1 ? '' : 's'
      }`}
    />
  );
}

function RejectedRate({ rejected }: { rejected: PipelineMetrics['rejected'] }) {
  const counts = `${formatNumber(rejected.rejected)} rejected · ${formatNumber(
    rejected.accepted,
  )} accepted rows in silver`;
  return (
    <Metric
      label="Rejected rate"
      value={
        rejected.rate === null ? <NotAvailable /> : formatPercent(rejected.rate)
      }
      caption={
        rejected.rate === null
          ? `No rows in silver yet, so there is no rate (${counts}).`
          : counts
      }
    />
  );
}

function MetricsBody({
  metrics,
  series,
}: {
  metrics: PipelineMetrics;
  series: readonly ThroughputSample[];
}) {
  const span = formatSpan(metrics.windowSeconds);
  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        Rates over the last {span} — measured {formatTime(metrics.measuredAt)}
      </Typography>
      <Grid container spacing={2}>
        <Grid item xs={12} sm={6}>
          <Metric
            label="Bronze throughput"
            value={formatRate(metrics.throughput.bronzeEventsPerSecond)}
            caption="records committed to bronze.purchases_raw"
          />
        </Grid>
        <Grid item xs={12} sm={6}>
          <Metric
            label="Silver throughput"
            value={formatRate(metrics.throughput.silverEventsPerSecond)}
            caption="rows committed to silver (accepted + rejected)"
          />
        </Grid>
        <Grid item xs={12}>
          <ThroughputChart series={series} />
        </Grid>
        <Grid item xs={12} sm={4}>
          <ConsumerLag lag={metrics.consumerLag} />
        </Grid>
        <Grid item xs={12} sm={4}>
          <CommitLatency metrics={metrics} />
        </Grid>
        <Grid item xs={12} sm={4}>
          <RejectedRate rejected={metrics.rejected} />
        </Grid>
      </Grid>
    </>
  );
}

/**
 * Throughput (with the history seen since the page opened), consumer lag, commit
 * latency and rejections, polled every 5 s.
 */
export function PipelineMetricsCard() {
  const api = useApi(lakehouseApiRef);
  const state = usePolling(() => api.getPipelineMetrics(), METRICS_POLL_MS, [
    api,
  ]);
  const series = useThroughputSeries(state.value);
  return (
    <section aria-label="Pipeline metrics">
      <InfoCard
        title="Pipeline metrics"
        titleTypographyProps={{ component: 'h2' }}
      >
        <LoadState state={state}>
          {metrics => <MetricsBody metrics={metrics} series={series} />}
        </LoadState>
      </InfoCard>
    </section>
  );
}
