/**
 * `gold.product_profitability` as the backend serves it: rows by currency, then
 * revenue (highest first); money as exact decimal strings with the table's scale.
 */
import type {
  ProfitabilityResponse,
  ProfitabilityRow,
} from '@medallion/plugin-lakehouse-common';

const row = (
  productId: string,
  category: string | null,
  membership: string,
  currency: string,
  revenue: string,
  cost: string,
  margin: string,
  units: number,
  orders: number,
): ProfitabilityRow => {
  const r = Number(revenue);
  return {
    productId,
    category,
    membership,
    currency,
    revenue,
    cost,
    margin,
    units,
    orders,
    marginRate: r === 0 ? null : Math.round((Number(margin) / r) * 1e4) / 1e4,
  };
};

export const profitability: ProfitabilityResponse = {
  table: 'gold.product_profitability',
  snapshotId: '759702025881626028',
  committedAt: '2026-01-31T10:00:07.828Z',
  categories: ['electronics', 'fashion', 'home'],
  currencies: ['EUR', 'JPY'],
  rows: [
    row(
      'P00146',
      'electronics',
      'member',
      'EUR',
      '2825.74',
      '2147.40',
      '678.34',
      2,
      2,
    ),
    row(
      'P00146',
      'electronics',
      'non_member',
      'EUR',
      '1210.00',
      '919.60',
      '290.40',
      1,
      1,
    ),
    row(
      'P00310',
      'fashion',
      'non_member',
      'EUR',
      '820.00',
      '724.80',
      '95.20',
      8,
      5,
    ),
    row(
      'P00310',
      'fashion',
      'member',
      'EUR',
      '640.50',
      '672.60',
      '-32.10',
      6,
      4,
    ),
    row(
      'P00077',
      'home',
      'non_member',
      'EUR',
      '150.00',
      '120.00',
      '30.00',
      3,
      3,
    ),
    row(
      'P00146',
      'electronics',
      'member',
      'JPY',
      '415000',
      '315400',
      '99600',
      1,
      1,
    ),
    row('P00901', null, 'non_member', 'JPY', '0', '12', '-12', 0, 1),
  ],
};

export const noProfitability: ProfitabilityResponse = {
  table: 'gold.product_profitability',
  snapshotId: null,
  committedAt: null,
  categories: [],
  currencies: [],
  rows: [],
};
