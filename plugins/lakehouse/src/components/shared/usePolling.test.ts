import { act, renderHook, waitFor } from '@testing-library/react';
import { usePolling } from './usePolling';

/** A fetcher whose answers the test releases one by one. */
function deferred() {
  const pending: Array<(v: string) => void> = [];
  const fetcher = () => new Promise<string>(resolve => pending.push(resolve));
  return { fetcher, pending };
}

describe('usePolling', () => {
  it('drops an answer for earlier deps that arrives after the deps changed', async () => {
    const { fetcher, pending } = deferred();
    const { result, rerender } = renderHook(
      ({ filter }) => usePolling(() => fetcher(), 0, [filter]),
      { initialProps: { filter: 'old' } },
    );
    rerender({ filter: 'new' });
    expect(pending).toHaveLength(2);
    await act(async () => pending[1]!('for new'));
    await act(async () => pending[0]!('for old'));
    expect(result.current.value).toBe('for new');
  });

  it('keeps the newest answer when an older call of the same deps answers last', async () => {
    const { fetcher, pending } = deferred();
    const { result } = renderHook(() => usePolling(fetcher, 0));
    act(() => result.current.refresh());
    expect(pending).toHaveLength(2);
    await act(async () => pending[1]!('newer'));
    await act(async () => pending[0]!('older'));
    expect(result.current.value).toBe('newer');
  });

  it('applies answers in turn while polling', async () => {
    const { fetcher, pending } = deferred();
    const { result } = renderHook(() => usePolling(fetcher, 0));
    await act(async () => pending[0]!('first'));
    await waitFor(() => expect(result.current.value).toBe('first'));
    act(() => result.current.refresh());
    await act(async () => pending[1]!('second'));
    expect(result.current.value).toBe('second');
    expect(result.current.loading).toBe(false);
  });
});
