import type {
  AnomalyDetail,
  AnomalyFeature,
} from '@medallion/plugin-lakehouse-common';
import {
  amountSpikeDetail,
  normalDetail,
} from './__testUtils__/anomalyFixtures';
import {
  explainingFeatures,
  sortByContribution,
  whySentence,
} from './whySentence';

const f = (
  name: string,
  contribution: number,
  value = 1,
  typical: number | null = 0,
): AnomalyFeature => ({
  name,
  description: name,
  value,
  typical,
  contribution,
});

describe('sortByContribution', () => {
  it('puts the largest share first, ties by name, without changing its input', () => {
    const input = [f('b', 0.2), f('c', 0.5), f('a', 0.2), f('d', 0.1)];
    expect(sortByContribution(input).map(x => x.name)).toEqual([
      'c',
      'a',
      'b',
      'd',
    ]);
    expect(input.map(x => x.name)).toEqual(['b', 'c', 'a', 'd']);
  });
});

describe('explainingFeatures', () => {
  it('names two features, a third only when it carries at least 15%', () => {
    expect(
      explainingFeatures([f('a', 0.5), f('b', 0.3), f('c', 0.14)]).map(
        x => x.name,
      ),
    ).toEqual(['a', 'b']);
    expect(
      explainingFeatures([f('c', 0.15), f('a', 0.45), f('b', 0.4)]).map(
        x => x.name,
      ),
    ).toEqual(['a', 'b', 'c']);
  });
});

describe('whySentence', () => {
  it('explains a flagged purchase by its top features', () => {
    expect(whySentence(amountSpikeDetail)).toBe(
      'Flagged mainly for price_ratio_log (3.2 vs typical 0.0) and amount_eur_log (7.9 vs typical 3.6).',
    );
  });

  it('lists three features and an unknown typical value', () => {
    const detail: AnomalyDetail = {
      ...amountSpikeDetail,
      features: [
        f('orders_last_10m', 0.2, 7, 0),
        f('small_orders_last_10m', 0.45, 6, null),
        f('amount_eur_log', 0.35, 0.01, 3.62),
      ],
    };
    expect(whySentence(detail)).toBe(
      'Flagged mainly for small_orders_last_10m (6.0 vs typical unknown), amount_eur_log (0.010 vs typical 3.6) and orders_last_10m (7.0 vs typical 0.0).',
    );
  });

  it('says why a normal purchase was not flagged', () => {
    expect(whySentence(normalDetail)).toBe(
      'Not flagged: the score 0.431 is below the threshold 0.600; its most unusual features were amount_eur_log (4.2 vs typical 3.6), local_hour (22.0 vs typical 14.0) and price_ratio_log (0.1 vs typical 0.0).',
    );
  });

  it('still says something without features', () => {
    expect(whySentence({ ...amountSpikeDetail, features: [] })).toBe(
      'Flagged with a score of 0.781; no feature breakdown is available.',
    );
  });
});
