import { QUALITY, stats } from './__testUtils__/anomalyFixtures';
import { precisionAtKText, qualityRows } from './qualityRows';

describe('qualityRows', () => {
  it('puts the overall figures first whatever the order received', () => {
    const rows = qualityRows([...QUALITY].reverse());
    expect(rows.map(r => r.pattern)).toEqual([
      'all patterns (overall)',
      'amount_spike',
      'unusual_quantity',
      'velocity_burst',
      'odd_hour',
      'country_mismatch',
      'card_testing',
    ]);
    expect(rows[0]).toEqual({
      key: 'overall',
      pattern: 'all patterns (overall)',
      labelled: '467',
      detected: '419',
      recall: '89.7%',
      auc: '0.962',
    });
  });

  it('says why a figure is missing instead of showing 0', () => {
    const mismatch = qualityRows(QUALITY).find(
      r => r.pattern === 'country_mismatch',
    )!;
    expect(mismatch.recall).toBe('not available (no labelled purchases)');
    expect(mismatch.auc).toBe('not available (no labelled purchases)');
    const [onlyLabelled] = qualityRows([
      { pattern: 'odd_hour', labelled: 5, detected: 5, recall: 1, auc: null },
    ]);
    expect(onlyLabelled!.auc).toBe(
      'not available (no unlabelled purchases to compare with)',
    );
  });

  it('writes precision@k with its k, or why there is none', () => {
    expect(precisionAtKText(stats)).toBe('86.5% at k = 467');
    expect(precisionAtKText({ ...stats, precisionAtK: null })).toBe(
      'not available (no labelled purchases in this window)',
    );
  });
});
