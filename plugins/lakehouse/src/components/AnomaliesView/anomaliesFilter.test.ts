import {
  DEFAULT_FILTER,
  parseMinScore,
  readAnomaliesFilter,
  sinceToIso,
  toListQuery,
  toStatsQuery,
  writeAnomaliesFilter,
} from './anomaliesFilter';

const NOW = Date.parse('2026-01-31T10:45:00.000Z');

describe('sinceToIso', () => {
  it('subtracts the window from now', () => {
    expect(sinceToIso('hour', NOW)).toBe('2026-01-31T09:45:00.000Z');
    expect(sinceToIso('day', NOW)).toBe('2026-01-30T10:45:00.000Z');
    expect(sinceToIso('week', NOW)).toBe('2026-01-24T10:45:00.000Z');
  });

  it('leaves "all" unbounded', () => {
    expect(sinceToIso('all', NOW)).toBeUndefined();
  });
});

describe('parseMinScore', () => {
  it('accepts scores from 0 to 1, blank as no filter', () => {
    expect(parseMinScore('0.65')).toBe(0.65);
    expect(parseMinScore('0')).toBe(0);
    expect(parseMinScore('1')).toBe(1);
    expect(parseMinScore('  ')).toBeUndefined();
  });

  it('rejects anything else', () => {
    expect(parseMinScore('1.2')).toBeNull();
    expect(parseMinScore('-0.1')).toBeNull();
    expect(parseMinScore('abc')).toBeNull();
  });
});

describe('the filter in the query string', () => {
  it('round-trips, leaving defaults out and other keys alone', () => {
    const filter = {
      since: 'day' as const,
      minScore: 0.7,
      pattern: 'unlabelled' as const,
      decision: 'all' as const,
    };
    const search = writeAnomaliesFilter(new URLSearchParams('tab=x'), filter);
    expect(search.toString()).toBe(
      'tab=x&since=day&minScore=0.7&pattern=unlabelled&decision=all',
    );
    expect(readAnomaliesFilter(search)).toEqual(filter);
    expect(writeAnomaliesFilter(search, DEFAULT_FILTER).toString()).toBe(
      'tab=x',
    );
  });

  it('falls back to the defaults for unknown values', () => {
    expect(
      readAnomaliesFilter(
        new URLSearchParams(
          'since=year&minScore=2&pattern=fraud&decision=normal',
        ),
      ),
    ).toEqual({
      since: 'all',
      minScore: undefined,
      pattern: undefined,
      decision: 'anomaly',
    });
  });
});

describe('requests', () => {
  it('carries every filter into the list query', () => {
    expect(
      toListQuery(
        {
          since: 'hour',
          minScore: 0.55,
          pattern: 'card_testing',
          decision: 'all',
        },
        NOW,
      ),
    ).toEqual({
      since: '2026-01-31T09:45:00.000Z',
      minScore: 0.55,
      pattern: 'card_testing',
      decision: 'all',
    });
  });

  it('asks the stats for the window only', () => {
    expect(
      toStatsQuery({ ...DEFAULT_FILTER, since: 'week', minScore: 0.9 }, NOW),
    ).toEqual({ since: '2026-01-24T10:45:00.000Z', bins: 20 });
  });
});
