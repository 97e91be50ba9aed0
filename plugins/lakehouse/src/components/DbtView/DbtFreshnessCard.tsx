import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  DbtFreshnessCriterion,
  DbtSourceFreshness,
} from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { lakehouseApiRef } from '../../api';
import { formatAge, formatTime, LoadState, usePolling } from '../shared';
import { DBT_POLL_MS } from './dbtPolling';
import { DbtSection } from './DbtSection';
import { DbtStatusChip } from './DbtStatusChip';
import { FRESHNESS_STYLES } from './dbtStatusStyles';
import { tableOfNodeName, useDbtPaths } from './dbtPaths';

const criterion = (c: DbtFreshnessCriterion) =>
  `${c.count} ${c.period}${c.count === 1 ? '' : 's'}`;

/** "warn after 1 hour, error after 24 hours", or "none" for an unchecked source. */
export function criteriaText(s: DbtSourceFreshness): string {
  const parts = [
    s.warnAfter && `warn after ${criterion(s.warnAfter)}`,
    s.errorAfter && `error after ${criterion(s.errorAfter)}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}

function SourceName({ source }: { source: string }) {
  const paths = useDbtPaths();
  const table = tableOfNodeName(source);
  if (!table) return <>{source}</>;
  return (
    <Link to={paths.catalogTable(table.namespace, table.table)}>{source}</Link>
  );
}

function FreshnessTable({ sources }: { sources: DbtSourceFreshness[] }) {
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="dbt source freshness">
        <TableHead>
          <TableRow>
            <TableCell>Source</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Max loaded at</TableCell>
            <TableCell>Age when checked</TableCell>
            <TableCell>Criteria</TableCell>
            <TableCell>Message</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sources.map((s, i) => (
            // the same source may be listed once per check; the index keeps keys unique
            <TableRow key={`${s.uniqueId}-${i}`}>
              <TableCell component="th" scope="row" role="rowheader">
                <SourceName source={s.source} />
              </TableCell>
              <TableCell>
                <DbtStatusChip style={FRESHNESS_STYLES[s.status]} />
              </TableCell>
              <TableCell>{formatTime(s.maxLoadedAt)}</TableCell>
              <TableCell>
                {s.ageSeconds === null
                  ? '—'
                  : formatAge(s.ageSeconds).replace(/ ago$/, ' old')}
              </TableCell>
              <TableCell>{criteriaText(s)}</TableCell>
              <TableCell>{s.message ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** dbt's source freshness of silver, from the newest check. */
export function DbtFreshnessCard() {
  const api = useApi(lakehouseApiRef);
  const state = usePolling(() => api.getDbtFreshness(), DBT_POLL_MS, [api]);
  const subheader = state.value?.generatedAt
    ? `Checked ${formatTime(state.value.generatedAt)}`
    : undefined;
  return (
    <DbtSection title="Source freshness" subheader={subheader}>
      <LoadState
        state={state}
        isEmpty={v => v.runId === null || v.sources.length === 0}
        emptyTitle="No source freshness check yet"
        emptyDescription="dbt checks the freshness of the silver sources after a gold build passed."
      >
        {({ sources }) => <FreshnessTable sources={sources} />}
      </LoadState>
    </DbtSection>
  );
}
