import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import type { JobRun } from '@medallion/plugin-lakehouse-common';
import { useCallback, useState } from 'react';
import { lakehouseApiRef } from '../../api';
import { describeRequestError } from './describe';
import { InlineMessage } from './InlineMessage';

export type CancelOutcome =
  | { tone: 'info'; text: string }
  | { tone: 'error'; title: string; text: string };

/**
 * Cancelling a run, with its outcome kept by the caller: the run may stop being active
 * (and its button vanish) right after, while the message has to stay readable. The
 * backend answers 409 when the run finished meanwhile; that is said as such.
 */
export function useCancelRun(onSettled?: () => void) {
  const api = useApi(lakehouseApiRef);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CancelOutcome>();

  const cancel = useCallback(
    async (run: JobRun) => {
      setBusy(true);
      setOutcome(undefined);
      try {
        const after = await api.cancelRun(run.runId);
        setOutcome({
          tone: 'info',
          text:
            after.status === 'cancelled'
              ? `Run ${run.runId} was cancelled.`
              : `Cancellation of run ${run.runId} requested: it stops at its next safe point.`,
        });
      } catch (error) {
        const problem = describeRequestError(error);
        setOutcome({
          tone: 'error',
          title:
            problem.status === 409
              ? 'The run has already finished.'
              : 'Could not cancel the run.',
          text: problem.message,
        });
      } finally {
        setBusy(false);
        onSettled?.();
      }
    },
    [api, onSettled],
  );

  return { cancel, busy, outcome };
}

export function CancelRunButton(props: {
  run: JobRun;
  busy: boolean;
  onCancel: (run: JobRun) => void;
  /** Which run, for screen readers: "of Silver processor" gives "Cancel run of Silver processor". */
  subject?: string;
}) {
  const { run, subject } = props;
  const text = run.cancelRequested ? 'Cancel requested' : 'Cancel run';
  return (
    <Button
      variant="outlined"
      size="small"
      onClick={() => props.onCancel(run)}
      disabled={props.busy || run.cancelRequested}
      aria-label={subject ? `${text} ${subject}` : undefined}
    >
      {text}
    </Button>
  );
}

export function CancelOutcomeMessage(props: { outcome?: CancelOutcome }) {
  const { outcome } = props;
  if (!outcome) return null;
  return outcome.tone === 'error' ? (
    <InlineMessage tone="error" title={outcome.title}>
      {outcome.text}
    </InlineMessage>
  ) : (
    <InlineMessage tone="info">{outcome.text}</InlineMessage>
  );
}
