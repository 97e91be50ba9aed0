import { purchases } from './__testUtils__/anomalyFixtures';
import { appendPage, mergeRefresh, refreshLimit } from './anomalyPaging';

const ids = (items: Array<{ eventId: string }>) =>
  items.map(p => p.eventId.slice(0, 4));

describe('anomaly paging', () => {
  const [a, b, c, d, e] = purchases as [
    (typeof purchases)[0],
    (typeof purchases)[0],
    (typeof purchases)[0],
    (typeof purchases)[0],
    (typeof purchases)[0],
  ];

  it('appends an older page without repeating a shown purchase', () => {
    const merged = appendPage(
      { items: [a, b], nextCursor: 'Mg==' },
      { items: [b, c], nextCursor: null },
    );
    expect(ids(merged.items)).toEqual(ids([a, b, c]));
    expect(merged.nextCursor).toBeNull();
  });

  it('re-reads at least a page and at most the largest page', () => {
    expect(refreshLimit(3)).toBe(50);
    expect(refreshLimit(120)).toBe(120);
    expect(refreshLimit(900)).toBe(200);
  });

  it('replaces the shown purchases when the poll covered them', () => {
    const merged = mergeRefresh(
      { items: [b, c], nextCursor: 'Mg==' },
      { items: [a, b, c], nextCursor: 'Mw==' },
      50,
    );
    expect(ids(merged.items)).toEqual(ids([a, b, c]));
    expect(merged.nextCursor).toBe('Mw==');
  });

  it('keeps older purchases beyond the poll with their cursor', () => {
    const merged = mergeRefresh(
      { items: [b, c, d, e], nextCursor: 'NA==' },
      { items: [a, b], nextCursor: 'Mg==' },
      2,
    );
    expect(ids(merged.items)).toEqual(ids([a, b, d, e]));
    expect(merged.nextCursor).toBe('NA==');
  });
});
