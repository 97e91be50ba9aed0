import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { LakehouseError, LoadState } from '../shared';
import type { AnomaliesFilter } from './anomaliesFilter';
import { isFiltered } from './anomaliesFilter';
import { countOf } from './anomalyFormat';
import { AnomalySection } from './AnomalySection';
import { FlaggedFilters } from './FlaggedFilters';
import { FlaggedPurchasesTable } from './FlaggedPurchasesTable';
import { useAnomalyPages } from './useAnomalyPages';

/**
 * Scored purchases, newest first, filtered by score, label and decision (and the tab's
 * window), a page at a time with "Load more purchases".
 */
export function FlaggedPurchases(props: {
  filter: AnomaliesFilter;
  onFilterChange: (filter: AnomaliesFilter) => void;
}) {
  const { filter } = props;
  const pages = useAnomalyPages(filter);
  const filtered = isFiltered(filter);
  return (
    <AnomalySection
      title="Flagged purchases"
      subheader="Newest first; open one to see why it scored as it did"
    >
      <FlaggedFilters filter={filter} onChange={props.onFilterChange} />
      <LoadState
        state={{
          value: pages.loaded?.items,
          error: pages.error,
          loading: pages.loaded === undefined && pages.error === undefined,
        }}
        isEmpty={items => items.length === 0}
        emptyTitle={
          filtered
            ? 'No scored purchases match these filters'
            : 'No flagged purchases yet'
        }
        emptyDescription={
          filtered
            ? 'Widen the window, lower the min score or clear the pattern.'
            : 'Purchases appear here once the scoring job has scored silver with a model.'
        }
      >
        {items => (
          <>
            <FlaggedPurchasesTable items={items} />
            <Box mt={1} display="flex" alignItems="center" style={{ gap: 16 }}>
              <Typography variant="body2" color="textSecondary">
                {countOf(items.length, 'purchase')} shown
                {pages.loaded?.nextCursor ? '; older purchases exist' : ''}
              </Typography>
              {pages.loaded?.nextCursor && (
                <Button
                  variant="outlined"
                  size="small"
                  onClick={pages.loadMore}
                  disabled={pages.loadingMore}
                >
                  {pages.loadingMore ? 'Loading…' : 'Load more purchases'}
                </Button>
              )}
            </Box>
            {pages.loadMoreError && (
              <LakehouseError error={pages.loadMoreError} />
            )}
          </>
        )}
      </LoadState>
    </AnomalySection>
  );
}
