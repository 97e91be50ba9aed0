import { InfoCard } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import type {
  LineageGraph,
  TableFreshness,
} from '@medallion/plugin-lakehouse-common';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { lakehouseApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { LoadState, usePolling } from '../shared';
import { LineageEdgeList } from './LineageEdgeList';
import { LineageGraphChart } from './LineageGraphChart';
import { LineageLegend } from './LineageLegend';
import { describeLineageNodes, summarizeLineage } from './lineageNodes';

/** How often the graph and the freshness statuses are fetched again. */
export const LINEAGE_POLL_MS = 15_000;

function LineageContent({
  graph,
  freshness,
  freshnessError,
}: {
  graph: LineageGraph;
  freshness: readonly TableFreshness[] | undefined;
  freshnessError: Error | undefined;
}) {
  const root = useRouteRef(rootRouteRef)();
  const views = useMemo(
    () => describeLineageNodes(graph, freshness, root),
    [graph, freshness, root],
  );
  const summary = summarizeLineage(views, graph.edges.length);
  return (
    <>
      <Typography variant="body2" paragraph>
        {summary}
      </Typography>
      {freshnessError && (
        <Typography variant="body2" color="error" role="status" paragraph>
          Freshness is unavailable ({freshnessError.message}); table statuses
          may be out of date or unknown.
        </Typography>
      )}
      <LineageLegend />
      <LineageGraphChart views={views} edges={graph.edges} summary={summary} />
      <LineageEdgeList views={views} edges={graph.edges} />
    </>
  );
}

/**
 * The Lineage tab: the pipeline's OpenLineage datasets and jobs as a left-to-right DAG,
 * tables coloured by freshness, every node leading to its catalog entry or job runs.
 */
export const LineageView = () => {
  const api = useApi(lakehouseApiRef);
  const lineage = usePolling(() => api.getLineage(), LINEAGE_POLL_MS, [api]);
  // Freshness only colours the graph: without it the graph still shows.
  const freshness = usePolling(() => api.getFreshness(), LINEAGE_POLL_MS, [
    api,
  ]);
  return (
    <InfoCard
      title="Lineage"
      // A real heading, so the tab has a landmark to jump to.
      titleTypographyProps={{ component: 'h2' }}
      subheader="Datasets and jobs under their OpenLineage names, refreshed every 15 s"
    >
      <LoadState
        state={lineage}
        isEmpty={graph => graph.nodes.length === 0}
        emptyTitle="No lineage yet"
        emptyDescription="The backend reports no datasets or jobs."
      >
        {graph => (
          <LineageContent
            graph={graph}
            freshness={freshness.value?.tables}
            freshnessError={freshness.error}
          />
        )}
      </LoadState>
    </InfoCard>
  );
};
