import type { SnapshotsPage } from '@medallion/plugin-lakehouse-common';
import {
  appendOlderPage,
  firstPages,
  mergeNewestPage,
  timelinePoint,
  timelinePoints,
  timelineSummary,
} from './snapshotTimelineData';
import {
  firstSnapshotsPage,
  lastSnapshotsPage,
  purchasesSnapshots,
} from './__testUtils__/catalogFixtures';

const [append5, replace4, append3, append2, first1] = purchasesSnapshots as [
  (typeof purchasesSnapshots)[number],
  (typeof purchasesSnapshots)[number],
  (typeof purchasesSnapshots)[number],
  (typeof purchasesSnapshots)[number],
  (typeof purchasesSnapshots)[number],
];

describe('timelinePoint', () => {
  it('reads rows and files added from the summary', () => {
    expect(timelinePoint(append3)).toEqual({
      snapshotId: '6001200300400500600',
      sequenceNumber: 3,
      timestamp: '2026-01-31T09:59:30.000Z',
      time: new Date('2026-01-31T09:59:30.000Z'),
      operation: 'append',
      addedRows: 2750,
      addedFiles: 2,
      deletedRows: 0,
      deletedFiles: 0,
      totalRows: 468902,
      compaction: false,
    });
  });

  it('marks replace snapshots as compactions with what they rewrote', () => {
    expect(timelinePoint(replace4)).toMatchObject({
      operation: 'replace',
      compaction: true,
      addedFiles: 1,
      deletedFiles: 12,
      addedRows: 468902,
      deletedRows: 468902,
    });
  });

  it('counts absent or unreadable counters as 0, an absent total as unknown', () => {
    expect(timelinePoint(first1)).toMatchObject({
      addedRows: 0,
      addedFiles: 0,
      totalRows: null,
    });
    expect(
      timelinePoint({ ...append2, summary: { 'added-records': 'many' } }),
    ).toMatchObject({ addedRows: 0 });
  });
});

describe('timelinePoints', () => {
  it('orders snapshots oldest first', () => {
    expect(
      timelinePoints(purchasesSnapshots).map(p => p.sequenceNumber),
    ).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('timelineSummary', () => {
  it('counts data commits apart from compactions', () => {
    expect(timelineSummary(timelinePoints(purchasesSnapshots), 5)).toBe(
      '5 snapshots, 2026-01-31 09:59:10 to 2026-01-31 09:59:50 UTC. ' +
        '4 data commits added 6,902 rows in 4 files. ' +
        '1 compaction (replace) rewrote 12 files into 1 file.',
    );
  });

  it('says when only the newest snapshots are loaded', () => {
    expect(timelineSummary(timelinePoints([append5]), 40)).toMatch(
      /^The newest 1 snapshot of 40, 2026-01-31 09:59:50 UTC\. 1 data commit added 3,000 rows in 1 file\.$/,
    );
  });

  it('has words for no snapshots', () => {
    expect(timelineSummary([], 0)).toBe('No snapshots yet.');
  });
});

describe('snapshot pages', () => {
  const page = (
    items: typeof purchasesSnapshots,
    nextCursor: string | null,
  ): SnapshotsPage => ({ items, nextCursor, total: 6 });

  it('appends an older page, skipping snapshots already loaded', () => {
    const pages = appendOlderPage(firstPages(firstSnapshotsPage), {
      ...lastSnapshotsPage,
      items: [append3, ...lastSnapshotsPage.items],
    });
    expect(pages.items.map(s => s.sequenceNumber)).toEqual([5, 4, 3, 2, 1]);
    expect(pages.nextCursor).toBeNull();
    expect(pages.pages).toBe(2);
  });

  it('replaces a single loaded page with the fresh one', () => {
    const fresh = page([append5, replace4], 'c');
    expect(mergeNewestPage(firstPages(page([replace4], 'x')), fresh)).toEqual({
      ...fresh,
      pages: 1,
    });
  });

  it('puts new commits before older pages the user loaded', () => {
    const loaded = appendOlderPage(
      firstPages(page([replace4, append3], 'c3')),
      page([append2], 'c2'),
    );
    const merged = mergeNewestPage(loaded, page([append5, replace4], 'c4'));
    expect(merged.items.map(s => s.sequenceNumber)).toEqual([5, 4, 3, 2]);
    expect(merged.nextCursor).toBe('c2');
    expect(merged.pages).toBe(2);
    expect(merged.total).toBe(6);
  });

  it('starts over when the fresh page does not reach the loaded ones', () => {
    const loaded = appendOlderPage(
      firstPages(page([append2], 'c2')),
      page([first1], null),
    );
    const fresh = page([append5, replace4], 'c4');
    expect(mergeNewestPage(loaded, fresh)).toEqual({ ...fresh, pages: 1 });
  });
});
