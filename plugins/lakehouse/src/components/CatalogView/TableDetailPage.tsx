import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { TableDetail } from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { lakehouseApiRef } from '../../api';
import { LoadState, usePolling } from '../shared';
import { useCatalogPaths } from './catalogPaths';
import { DataPreview } from './DataPreview';
import { KeyValueTable } from './KeyValueTable';
import { PartitionSpecTable } from './PartitionSpecTable';
import { SchemaFieldsTable } from './SchemaFieldsTable';
import { SchemaHistory } from './SchemaHistory';
import { SectionCard } from './SectionCard';
import { SnapshotTimeline } from './SnapshotTimeline';
import { TableHeader } from './TableHeader';
import { TableNotFound } from './TableNotFound';

/** Counts and the current snapshot move with every streaming commit. */
export const TABLE_DETAIL_POLL_MS = 15_000;

const isNotFound = (error: Error | undefined) =>
  ResponseError.is(error) && error.statusCode === 404;

function TableSections({ detail }: { detail: TableDetail }) {
  const properties = Object.entries(detail.properties).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  return (
    <>
      <TableHeader detail={detail} />
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <SectionCard
            title="Schema"
            subheader={`Schema ${detail.schema.schemaId}`}
          >
            <SchemaFieldsTable
              label={`Fields of ${detail.id}`}
              fields={detail.schema.fields}
            />
          </SectionCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <SectionCard title="Schema history">
            <SchemaHistory history={detail.schemaHistory} />
          </SectionCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <Box mb={3}>
            <SectionCard
              title="Partition spec"
              subheader={`Spec ${detail.partitionSpec.specId}`}
            >
              <PartitionSpecTable
                specId={detail.partitionSpec.specId}
                fields={detail.partitionSpec.fields}
              />
            </SectionCard>
          </Box>
          <SectionCard title="Properties">
            {properties.length === 0 ? (
              <Typography variant="body2">No properties set.</Typography>
            ) : (
              <KeyValueTable
                label={`Properties of ${detail.id}`}
                rows={properties}
                monospaceKeys
              />
            )}
          </SectionCard>
        </Grid>
        <Grid item xs={12}>
          <SnapshotTimeline
            namespace={detail.namespace}
            table={detail.name}
            headSnapshotId={detail.currentSnapshotId}
          />
        </Grid>
        <Grid item xs={12}>
          <DataPreview namespace={detail.namespace} table={detail.name} />
        </Grid>
      </Grid>
    </>
  );
}

/** One table: metadata, schema and its history, snapshots and a data preview. */
export function TableDetailPage({
  namespace,
  table,
}: {
  namespace: string;
  table: string;
}) {
  const api = useApi(lakehouseApiRef);
  const paths = useCatalogPaths();
  const state = usePolling(
    () => api.getTable(namespace, table),
    TABLE_DETAIL_POLL_MS,
    [api, namespace, table],
  );
  const id = `${namespace}.${table}`;
  return (
    <>
      <Box mb={2}>
        <Link to={paths.list}>← All tables</Link>
      </Box>
      {isNotFound(state.error) ? (
        <TableNotFound id={id} />
      ) : (
        <LoadState state={state}>
          {detail => <TableSections detail={detail} />}
        </LoadState>
      )}
    </>
  );
}
