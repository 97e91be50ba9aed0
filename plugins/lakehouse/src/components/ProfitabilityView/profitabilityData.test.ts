import {
  decimalToNumber,
  defaultCurrency,
  groupDecimal,
  pointTitle,
  scatterPoints,
  splitSegments,
  topProducts,
} from './profitabilityData';
import { profitability } from './__testUtils__/profitabilityFixtures';

describe('profitability data', () => {
  it('reads exact decimal strings as numbers', () => {
    expect(decimalToNumber('2825.74')).toBe(2825.74);
    expect(decimalToNumber('-12')).toBe(-12);
    expect(decimalToNumber('0.05')).toBe(0.05);
    expect(decimalToNumber('12,5')).toBeNull();
    expect(decimalToNumber('')).toBeNull();
  });

  it('defaults to the currency with the most revenue, not the most rows', () => {
    // EUR has more rows (and products), JPY more revenue
    expect(defaultCurrency(profitability.rows)).toBe('JPY');
    const eurOnly = profitability.rows.filter(r => r.currency === 'EUR');
    expect(defaultCurrency(eurOnly)).toBe('EUR');
    expect(defaultCurrency([])).toBeNull();
  });

  it('filters by currency and category and splits segments', () => {
    const eur = scatterPoints(profitability.rows, { currency: 'eur' });
    expect(eur.every(p => p.currency === 'EUR')).toBe(true);
    expect(eur).toHaveLength(5);
    const fashion = scatterPoints(profitability.rows, {
      currency: 'EUR',
      category: 'fashion',
    });
    expect(fashion.map(p => p.key)).toEqual([
      'P00310/non_member',
      'P00310/member',
    ]);
    const { member, non_member } = splitSegments(eur);
    expect(member.map(p => p.productId)).toEqual(['P00146', 'P00310']);
    expect(non_member.map(p => p.productId)).toEqual([
      'P00146',
      'P00310',
      'P00077',
    ]);
    const p = eur[0]!;
    expect([p.revenue, p.margin, p.revenueText]).toEqual([
      2825.74,
      678.34,
      '2825.74',
    ]);
  });

  it('skips rows whose money does not parse', () => {
    const rows = [{ ...profitability.rows[0]!, revenue: 'n/a' }];
    expect(scatterPoints(rows, { currency: 'EUR' })).toEqual([]);
  });

  it('ranks products by revenue over both segments', () => {
    const eur = scatterPoints(profitability.rows, { currency: 'EUR' });
    const top = topProducts(eur, 2);
    expect(top.map(r => r.productId)).toEqual(['P00146', 'P00310']);
    expect(top[0]!.member?.revenueText).toBe('2825.74');
    expect(top[0]!.nonMember?.revenueText).toBe('1210.00');
    expect(topProducts(eur, 10)[2]).toMatchObject({
      productId: 'P00077',
      member: null,
    });
  });

  it('formats money exactly and describes each point', () => {
    expect(groupDecimal('1234567.50')).toBe('1,234,567.50');
    expect(groupDecimal('-1234')).toBe('-1,234');
    expect(groupDecimal('12.3456')).toBe('12.3456');
    const [point] = scatterPoints(profitability.rows, { currency: 'EUR' });
    expect(pointTitle(point!)).toBe(
      'P00146 (member), revenue 2,825.74 EUR, margin 678.34 EUR, margin rate 24.0%, 2 units, 2 orders',
    );
  });
});
