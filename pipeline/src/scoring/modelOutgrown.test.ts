import { modelOutgrown } from './scorer';

describe('modelOutgrown', () => {
  it('asks for retraining once silver holds four times the training set', () => {
    expect(
      modelOutgrown(
        { scored: 0, flagged: 0, modelRows: 1000, silverRows: 3999 },
        200_000,
      ),
    ).toBe(false);
    expect(
      modelOutgrown(
        { scored: 0, flagged: 0, modelRows: 1000, silverRows: 4000 },
        200_000,
      ),
    ).toBe(true);
  });

  it('stops once the training set reached its cap (the schedule takes over)', () => {
    expect(
      modelOutgrown(
        { scored: 0, flagged: 0, modelRows: 200_000, silverRows: 5_000_000 },
        200_000,
      ),
    ).toBe(false);
  });

  it('says nothing without a model or silver', () => {
    expect(modelOutgrown({ scored: 0, flagged: 0 }, 200_000)).toBe(false);
  });
});
