import { formatPercent, formatRate, formatSpan } from './overviewFormat';

describe('formatSpan', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [60, '1 min'],
    [90, '1 min 30 s'],
    [300, '5 min'],
    [1350, '22 min 30 s'],
    [3600, '1 h'],
    [5400, '1 h 30 min'],
    [86_400, '1 d'],
    [129_600, '1 d 12 h'],
  ])('%d s reads %s', (seconds, text) => {
    expect(formatSpan(seconds)).toBe(text);
  });
});

describe('formatPercent', () => {
  it('keeps small rates visible instead of rounding them to 0', () => {
    expect(formatPercent(12 / 240_012)).toBe('0.005 %');
    expect(formatPercent(0.0042)).toBe('0.42 %');
  });

  it('shows larger rates to one decimal, and 0 as 0', () => {
    expect(formatPercent(0.1234)).toBe('12.3 %');
    expect(formatPercent(1)).toBe('100 %');
    expect(formatPercent(0)).toBe('0 %');
  });
});

describe('formatRate', () => {
  it('shows events per second to one decimal', () => {
    expect(formatRate(812.5)).toBe('812.5 events/s');
    expect(formatRate(1234)).toBe('1,234 events/s');
    expect(formatRate(0)).toBe('0 events/s');
  });
});
