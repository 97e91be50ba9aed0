import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { LakehouseUnavailableError } from '../../api';

/** The error of a view: "backend down" with how to fix it, else Backstage's error panel. */
export function LakehouseError({ error }: { error: Error }) {
  if (error instanceof LakehouseUnavailableError)
    return (
      <WarningPanel
        severity="error"
        title="The lakehouse backend is not reachable"
        defaultExpanded
      >
        <Typography variant="body2">{error.message}</Typography>
      </WarningPanel>
    );
  return <ResponseErrorPanel error={error} />;
}

/**
 * Loading, error and empty states in one place: every view renders through it, so none
 * can end up blank. A stale value stays visible with the error above it.
 */
export function LoadState<T>(props: {
  state: { value?: T; error?: Error; loading: boolean };
  isEmpty?: (value: T) => boolean;
  emptyTitle?: string;
  emptyDescription?: string | JSX.Element;
  children: (value: T) => ReactNode;
}) {
  const { state, isEmpty, children } = props;
  if (state.loading && state.value === undefined) return <Progress />;
  if (state.value === undefined)
    return state.error ? <LakehouseError error={state.error} /> : <Progress />;
  if (isEmpty?.(state.value))
    return (
      <EmptyState
        missing="data"
        title={props.emptyTitle ?? 'Nothing here yet'}
        description={props.emptyDescription}
      />
    );
  return (
    <>
      {state.error && <LakehouseError error={state.error} />}
      {children(state.value)}
    </>
  );
}
