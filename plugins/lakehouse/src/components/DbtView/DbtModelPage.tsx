import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { DbtModelDetail } from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { lakehouseApiRef } from '../../api';
import { LoadState, usePolling } from '../shared';
import { ColumnsTable } from './ColumnsTable';
import { DbtSection } from './DbtSection';
import { DBT_POLL_MS } from './dbtPolling';
import { shortRunId, useDbtPaths } from './dbtPaths';
import { NodeLinks } from './NodeLinks';
import { SqlPanel } from './SqlPanel';
import { TestCountsSummary } from './TestCountsSummary';
import { TestHistoryTable } from './TestHistoryTable';
import { TestsList } from './TestsList';

/** Materializations that leave no table behind (nothing to open in the Catalog). */
function Fact({ label, children }: { label: string; children: JSX.Element }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="textSecondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" style={{ margin: 0 }}>
        {children}
      </Typography>
    </>
  );
}

function ModelFacts({ model }: { model: DbtModelDetail }) {
  const paths = useDbtPaths();
  // The published table (gold.<model>), which on Athena and Trino is not dbt's schema.
  const [namespace, table] = model.table?.split('.') ?? [];
  return (
    <>
      <Typography paragraph>
        {model.description ?? 'No description in the dbt project.'}
      </Typography>
      <Box
        component="dl"
        display="grid"
        gridTemplateColumns="max-content 1fr"
        gridColumnGap={16}
        gridRowGap={4}
        m={0}
        aria-label={`About ${model.name}`}
      >
        <Fact label="File">
          <code>{model.path}</code>
        </Fact>
        <Fact label="Materialization">
          <>{model.materialization}</>
        </Fact>
        <Fact label="Relation">
          <>{model.relationName ?? '—'}</>
        </Fact>
        <Fact label="Tests">
          <TestCountsSummary tests={model.tests} />
        </Fact>
        <Fact label="Manifest">
          <>gold run {shortRunId(model.runId)}</>
        </Fact>
        {namespace && table && (
          <Fact label="Table">
            <Link to={paths.catalogTable(namespace, table)}>{model.table}</Link>
          </Fact>
        )}
      </Box>
    </>
  );
}

function ModelSections({ model }: { model: DbtModelDetail }) {
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <DbtSection title={model.name} subheader={model.uniqueId}>
          <ModelFacts model={model} />
        </DbtSection>
      </Grid>
      <Grid item xs={12}>
        <DbtSection title="Columns">
          <ColumnsTable model={model.name} columns={model.columns} />
        </DbtSection>
      </Grid>
      <Grid item xs={12} md={6}>
        <DbtSection title="Model tests">
          {model.modelTests.length === 0 ? (
            <Typography>No tests on the model as a whole.</Typography>
          ) : (
            <TestsList tests={model.modelTests} />
          )}
        </DbtSection>
      </Grid>
      <Grid item xs={12} md={6}>
        <DbtSection title="Lineage">
          <NodeLinks title="Parents" nodes={model.parents} />
          <NodeLinks title="Children" nodes={model.children} />
        </DbtSection>
      </Grid>
      <Grid item xs={12}>
        <DbtSection title="Test history">
          <TestHistoryTable model={model.name} history={model.testHistory} />
        </DbtSection>
      </Grid>
      <Grid item xs={12}>
        <DbtSection title="SQL">
          <SqlPanel
            model={model.name}
            rawSql={model.rawSql}
            compiledSql={model.compiledSql}
            compiledRunId={model.compiledRunId}
          />
        </DbtSection>
      </Grid>
    </Grid>
  );
}

/** One model's docs: columns, tests and their history, SQL and neighbours. */
export function DbtModelPage({ model }: { model: string }) {
  const api = useApi(lakehouseApiRef);
  const paths = useDbtPaths();
  const state = usePolling(() => api.getDbtModel(model), DBT_POLL_MS, [
    api,
    model,
  ]);
  return (
    <>
      <Box mb={2}>
        <Link to={paths.overview}>← All dbt models</Link>
      </Box>
      <LoadState state={state}>
        {detail => <ModelSections model={detail} />}
      </LoadState>
    </>
  );
}
