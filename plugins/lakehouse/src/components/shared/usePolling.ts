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
  // Every call is numbered; an answer is applied only if no later call was answered and
  // the deps have not changed since it was made (an answer for the old filter arriving
  // after the new one started must not overwrite it). Unmounting ends the generation.
  const generation = useRef(0);
  const calls = useRef(0);
  const applied = useRef(0);

  const run = useCallback(() => {
    const gen = generation.current;
    const call = ++calls.current;
    const current = () => {
      if (gen !== generation.current || call < applied.current) return false;
      applied.current = call;
      return true;
    };
    fetcherRef.current().then(
      value => {
        if (current()) setState({ value, loading: false });
      },
      error => {
        if (current())
          setState(s => ({
            value: s.value,
            error: error instanceof Error ? error : new Error(String(error)),
            loading: false,
          }));
      },
    );
  }, []);

  useEffect(() => {
    generation.current += 1;
    setState({ loading: true });
    run();
    const timer = intervalMs > 0 ? setInterval(run, intervalMs) : undefined;
    return () => {
      generation.current += 1;
      if (timer) clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [intervalMs, run, ...deps]);

  return { ...state, refresh: run };
}
