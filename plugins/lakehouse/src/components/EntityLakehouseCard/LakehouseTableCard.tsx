import {
  InfoCard,
  type InfoCardVariants,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { lakehouseApiRef } from '../../api';
import { catalogPath, splitTableId } from '../LineageView/lineageLinks';
import { LoadState, usePolling } from '../shared';
import { LAKEHOUSE_TABLE_ANNOTATION, lakehouseTableOf } from './annotation';
import { TableFacts, type TableFactsValue } from './TableFacts';
import { useLakehouseRoot } from './useLakehouseRoot';

/** Entity pages stay open for a while; the numbers should not go stale. */
export const TABLE_CARD_POLL_MS = 30_000;

const TITLE = 'Lakehouse table';
const titleProps = { component: 'h2' };

const isNotFound = (error: Error | undefined) =>
  ResponseError.is(error) && error.statusCode === 404;

function TableCardBody({
  tableId,
  namespace,
  table,
  variant,
}: {
  tableId: string;
  namespace: string;
  table: string;
  variant?: InfoCardVariants;
}) {
  const api = useApi(lakehouseApiRef);
  const root = useLakehouseRoot();
  const state = usePolling<TableFactsValue>(
    async () => {
      // Freshness only adds a status: its failure must not hide the table.
      const [detail, freshness] = await Promise.all([
        api.getTable(namespace, table),
        api.getFreshness().then(
          r => r.tables.find(f => f.table === tableId) ?? null,
          (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
        ),
      ]);
      return { detail, freshness };
    },
    TABLE_CARD_POLL_MS,
    [api, namespace, table, tableId],
  );
  const link = root && catalogPath(root, tableId);
  return (
    <InfoCard
      title={TITLE}
      subheader={tableId}
      variant={variant}
      titleTypographyProps={titleProps}
      deepLink={
        link ? { title: 'Open in the lakehouse catalog', link } : undefined
      }
    >
      {state.value === undefined && isNotFound(state.error) ? (
        <WarningPanel
          severity="warning"
          title={`Table ${tableId} does not exist in the lakehouse`}
          message={`The entity's ${LAKEHOUSE_TABLE_ANNOTATION} annotation names a table the lakehouse catalog does not have (yet): check the name, or run the job that creates it.`}
        />
      ) : (
        <LoadState state={state}>
          {value => <TableFacts value={value} />}
        </LoadState>
      )}
    </InfoCard>
  );
}

/**
 * The lakehouse table an entity names in its `lakehouse.medallion.dev/table`
 * annotation: rows, files, size, last commit and freshness, with a link to the
 * plugin's catalog view.
 */
export function LakehouseTableCard(props: { variant?: InfoCardVariants }) {
  const { entity } = useEntity();
  const tableId = lakehouseTableOf(entity);
  if (!tableId)
    return (
      <MissingAnnotationEmptyState annotation={LAKEHOUSE_TABLE_ANNOTATION} />
    );
  const parts = splitTableId(tableId);
  if (!parts)
    return (
      <InfoCard
        title={TITLE}
        variant={props.variant}
        titleTypographyProps={titleProps}
      >
        <WarningPanel
          severity="warning"
          title={`"${tableId}" is not a table name`}
        >
          <Typography variant="body2">
            The {LAKEHOUSE_TABLE_ANNOTATION} annotation takes{' '}
            <code>namespace.table</code>, e.g. <code>silver.purchases</code>.
          </Typography>
        </WarningPanel>
      </InfoCard>
    );
  return (
    <TableCardBody
      tableId={tableId}
      namespace={parts.namespace}
      table={parts.table}
      variant={props.variant}
    />
  );
}
