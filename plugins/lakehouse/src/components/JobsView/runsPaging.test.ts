import type { JobRun } from '@medallion/plugin-lakehouse-common';
import { allRuns } from './__testUtils__/fixtures';
import { appendPage, mergeRefresh, refreshLimit } from './runsPaging';

const ids = (runs: JobRun[]) => runs.map(r => r.runId);

describe('runsPaging', () => {
  it('re-reads at least a page and at most what the backend serves', () => {
    expect(refreshLimit(0)).toBe(25);
    expect(refreshLimit(60)).toBe(60);
    expect(refreshLimit(500)).toBe(200);
  });

  it('appends an older page without repeating runs', () => {
    const loaded = { items: allRuns.slice(0, 3), nextCursor: 'a' };
    const next = appendPage(loaded, {
      items: allRuns.slice(2, 5),
      nextCursor: null,
    });
    expect(ids(next.items)).toEqual(ids(allRuns.slice(0, 5)));
    expect(next.nextCursor).toBeNull();
  });

  it('replaces what a refresh covered, cursor included', () => {
    const loaded = { items: allRuns.slice(0, 3), nextCursor: 'old' };
    const fresh = { items: allRuns.slice(1, 4), nextCursor: 'new' };
    expect(mergeRefresh(loaded, fresh, 3)).toEqual(fresh);
    expect(mergeRefresh(undefined, fresh, 25)).toEqual(fresh);
  });

  it('keeps older runs a refresh did not cover, with their cursor', () => {
    const loaded = { items: allRuns.slice(0, 6), nextCursor: 'older' };
    const fresh = { items: allRuns.slice(0, 4), nextCursor: 'after-4' };
    const merged = mergeRefresh(loaded, fresh, 4);
    expect(ids(merged.items)).toEqual(ids(allRuns.slice(0, 6)));
    expect(merged.nextCursor).toBe('older');
  });

  it('takes a refresh that reached the end as complete', () => {
    const loaded = { items: allRuns.slice(0, 6), nextCursor: 'older' };
    const fresh = { items: allRuns.slice(0, 2), nextCursor: null };
    expect(mergeRefresh(loaded, fresh, 4)).toEqual(fresh);
  });
});
