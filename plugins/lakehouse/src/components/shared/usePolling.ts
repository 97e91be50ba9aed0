import { useCallback, useEffect, useRef, useState } from 'react';

export interface PollingState<T> {
  value?: T;
  error?: Error;
  /** True until the first answer (value or error). */
  loading: boolean;
  /** Fetches now (e.g. after a trigger), without waiting for the next tick. */
  refresh: () => void;
}

/**
 * Calls `fetcher` now and every `intervalMs` (0: once), keeping the last value while a
 * later call fails, so a live view does not blank out on one missed poll.
 */
export function usePolling<T>(
  fetcher: () => Promise<T>,
  intervalMs: number,
  deps: unknown[] = [],
): PollingState<T> {
  const [state, setState] = useState<Omit<PollingState<T>, 'refresh'>>({
    loading: true,
  });
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const alive = useRef(true);

  const run = useCallback(() => {
    fetcherRef.current().then(
      value => {
        if (alive.current) setState({ value, loading: false });
      },
      error => {
        if (alive.current)
          setState(s => ({
            value: s.value,
            error: error instanceof Error ? error : new Error(String(error)),
            loading: false,
          }));
      },
    );
  }, []);

  useEffect(() => {
    alive.current = true;
    setState({ loading: true });
    run();
    const timer = intervalMs > 0 ? setInterval(run, intervalMs) : undefined;
    return () => {
      alive.current = false;
      if (timer) clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [intervalMs, run, ...deps]);

  return { ...state, refresh: run };
}
