/**
 * The simulated shop: countries, categories, products and customers, all derived
 * from the seed. Numbers are chosen so that profitability per product and per
 * membership segment tells a story: categories differ in margin, members get a
 * discount but buy more often, and costs always stay below the price charged.
 */
import { Random, WeightedTable, zipfWeights } from './random';

export type Region =
  | 'europe'
  | 'north_america'
  | 'latin_america'
  | 'middle_east'
  | 'asia_pacific';

export interface Country {
  code: string;
  /** Fixed UTC offset in hours (DST ignored: the simulation needs a stable local hour). */
  utcOffsetHours: number;
  currency: string;
  /** Relative share of customers living here. */
  weight: number;
  region: Region;
}

export const COUNTRIES: readonly Country[] = [
  {
    code: 'DE',
    utcOffsetHours: 1,
    currency: 'EUR',
    weight: 18,
    region: 'europe',
  },
  {
    code: 'FR',
    utcOffsetHours: 1,
    currency: 'EUR',
    weight: 12,
    region: 'europe',
  },
  {
    code: 'GB',
    utcOffsetHours: 0,
    currency: 'GBP',
    weight: 12,
    region: 'europe',
  },
  {
    code: 'NL',
    utcOffsetHours: 1,
    currency: 'EUR',
    weight: 6,
    region: 'europe',
  },
  {
    code: 'ES',
    utcOffsetHours: 1,
    currency: 'EUR',
    weight: 6,
    region: 'europe',
  },
  {
    code: 'IT',
    utcOffsetHours: 1,
    currency: 'EUR',
    weight: 6,
    region: 'europe',
  },
  {
    code: 'SE',
    utcOffsetHours: 1,
    currency: 'SEK',
    weight: 3,
    region: 'europe',
  },
  {
    code: 'PL',
    utcOffsetHours: 1,
    currency: 'PLN',
    weight: 3,
    region: 'europe',
  },
  {
    code: 'IE',
    utcOffsetHours: 0,
    currency: 'EUR',
    weight: 2,
    region: 'europe',
  },
  {
    code: 'US',
    utcOffsetHours: -5,
    currency: 'USD',
    weight: 14,
    region: 'north_america',
  },
  {
    code: 'CA',
    utcOffsetHours: -5,
    currency: 'CAD',
    weight: 3,
    region: 'north_america',
  },
  {
    code: 'MX',
    utcOffsetHours: -6,
    currency: 'MXN',
    weight: 2,
    region: 'latin_america',
  },
  {
    code: 'BR',
    utcOffsetHours: -3,
    currency: 'BRL',
    weight: 3,
    region: 'latin_america',
  },
  {
    code: 'AE',
    utcOffsetHours: 4,
    currency: 'AED',
    weight: 1.5,
    region: 'middle_east',
  },
  {
    code: 'IN',
    utcOffsetHours: 5.5,
    currency: 'INR',
    weight: 3,
    region: 'asia_pacific',
  },
  {
    code: 'SG',
    utcOffsetHours: 8,
    currency: 'SGD',
    weight: 1.5,
    region: 'asia_pacific',
  },
  {
    code: 'JP',
    utcOffsetHours: 9,
    currency: 'JPY',
    weight: 3,
    region: 'asia_pacific',
  },
  {
    code: 'AU',
    utcOffsetHours: 10,
    currency: 'AUD',
    weight: 2.5,
    region: 'asia_pacific',
  },
  {
    code: 'NZ',
    utcOffsetHours: 12,
    currency: 'NZD',
    weight: 0.5,
    region: 'asia_pacific',
  },
];

/** Fixed reference rates (units of EUR per unit of currency) for converting catalog prices. */
export const EUR_PER_UNIT: Readonly<Record<string, number>> = {
  EUR: 1,
  GBP: 1.17,
  USD: 0.92,
  CAD: 0.68,
  MXN: 0.054,
  BRL: 0.17,
  SEK: 0.087,
  PLN: 0.23,
  AED: 0.25,
  INR: 0.011,
  SGD: 0.68,
  JPY: 0.0062,
  AUD: 0.61,
  NZD: 0.56,
};

/** Currencies without minor units are rounded to whole numbers. */
const ZERO_DECIMAL_CURRENCIES = new Set(['JPY']);

export function roundMoney(amount: number, currency: string): number {
  if (ZERO_DECIMAL_CURRENCIES.has(currency))
    return Math.max(1, Math.round(amount));
  return Math.max(0.01, Math.round(amount * 100) / 100);
}

export interface Category {
  slug: string;
  /** Median list price in EUR and the log-normal spread of prices around it. */
  medianPriceEur: number;
  priceSigma: number;
  /** Cost of goods as a fraction of list price: [min, max]. */
  costRatio: readonly [number, number];
  /** Discount members get in this category. */
  memberDiscount: number;
  /** Mean extra units beyond the first. */
  extraUnits: number;
}

export const CATEGORIES: readonly Category[] = [
  {
    slug: 'electronics',
    medianPriceEur: 220,
    priceSigma: 0.8,
    costRatio: [0.68, 0.82],
    memberDiscount: 0.05,
    extraUnits: 0.15,
  },
  {
    slug: 'home',
    medianPriceEur: 55,
    priceSigma: 0.7,
    costRatio: [0.45, 0.62],
    memberDiscount: 0.1,
    extraUnits: 0.4,
  },
  {
    slug: 'fashion',
    medianPriceEur: 45,
    priceSigma: 0.6,
    costRatio: [0.3, 0.5],
    memberDiscount: 0.15,
    extraUnits: 0.5,
  },
  {
    slug: 'beauty',
    medianPriceEur: 24,
    priceSigma: 0.5,
    costRatio: [0.3, 0.5],
    memberDiscount: 0.1,
    extraUnits: 0.7,
  },
  {
    slug: 'grocery',
    medianPriceEur: 7,
    priceSigma: 0.5,
    costRatio: [0.6, 0.78],
    memberDiscount: 0.05,
    extraUnits: 2.2,
  },
  {
    slug: 'toys',
    medianPriceEur: 30,
    priceSigma: 0.6,
    costRatio: [0.45, 0.6],
    memberDiscount: 0.1,
    extraUnits: 0.4,
  },
  {
    slug: 'sports',
    medianPriceEur: 65,
    priceSigma: 0.7,
    costRatio: [0.5, 0.65],
    memberDiscount: 0.1,
    extraUnits: 0.3,
  },
  {
    slug: 'books',
    medianPriceEur: 17,
    priceSigma: 0.4,
    costRatio: [0.55, 0.7],
    memberDiscount: 0.05,
    extraUnits: 0.4,
  },
  {
    slug: 'digital',
    medianPriceEur: 6,
    priceSigma: 0.6,
    costRatio: [0.1, 0.3],
    memberDiscount: 0.1,
    extraUnits: 0.1,
  },
];

export interface Product {
  id: string;
  category: Category;
  listPriceEur: number;
  costRatio: number;
}

export interface Customer {
  id: string;
  country: Country;
  member: boolean;
  favouriteCategory: Category;
  preferredPayment: string;
  preferredChannel: string;
  activity: number;
}

export interface Catalog {
  products: readonly Product[];
  productTable: WeightedTable<Product>;
  /** The cheapest products, used by card-testing fraud. */
  cheapProducts: readonly Product[];
  productsByCategory: ReadonlyMap<string, WeightedTable<Product>>;
  customers: readonly Customer[];
  customersByCountry: ReadonlyMap<string, WeightedTable<Customer>>;
  countryTable: WeightedTable<Country>;
}

export interface CatalogOptions {
  products: number;
  customers: number;
  memberShare: number;
}

export const DEFAULT_CATALOG: CatalogOptions = {
  products: 500,
  customers: 20_000,
  memberShare: 0.3,
};

const PAYMENT_BY_REGION: Record<Region, readonly string[]> = {
  europe: [
    'card',
    'card',
    'paypal',
    'paypal',
    'bank_transfer',
    'apple_pay',
    'google_pay',
    'gift_card',
  ],
  north_america: [
    'card',
    'card',
    'card',
    'paypal',
    'apple_pay',
    'google_pay',
    'gift_card',
  ],
  latin_america: ['card', 'card', 'paypal', 'bank_transfer', 'google_pay'],
  middle_east: ['card', 'card', 'apple_pay', 'paypal'],
  asia_pacific: [
    'card',
    'card',
    'paypal',
    'google_pay',
    'apple_pay',
    'bank_transfer',
  ],
};
const CHANNEL_CHOICES = [
  'web',
  'web',
  'web',
  'mobile_app',
  'mobile_app',
  'marketplace',
  'store',
];

/** Fisher-Yates, so the most popular ids are not simply the lowest ones. */
function shuffled<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

export function buildCatalog(
  seed: string | number,
  options: CatalogOptions = DEFAULT_CATALOG,
): Catalog {
  const random = new Random(`${seed}:catalog`);
  const categoryTable = new WeightedTable(
    CATEGORIES,
    [14, 16, 20, 12, 10, 8, 9, 7, 4],
  );

  const products: Product[] = [];
  for (let i = 0; i < options.products; i++) {
    const category = categoryTable.sample(random);
    products.push({
      id: `P${String(i + 1).padStart(5, '0')}`,
      category,
      listPriceEur: Math.max(
        0.99,
        category.medianPriceEur * random.logNormal(0, category.priceSigma),
      ),
      costRatio: random.uniform(category.costRatio[0], category.costRatio[1]),
    });
  }
  const productTable = new WeightedTable(
    shuffled([...products], random),
    zipfWeights(products.length, 1.05),
  );
  const byCategory = new Map<string, WeightedTable<Product>>();
  for (const category of CATEGORIES) {
    const members = products.filter(p => p.category === category);
    if (members.length > 0)
      byCategory.set(
        category.slug,
        new WeightedTable(members, zipfWeights(members.length, 1)),
      );
  }
  const cheapProducts = [...products]
    .sort((a, b) => a.listPriceEur - b.listPriceEur)
    .slice(0, Math.max(3, Math.ceil(products.length / 50)));

  const countryTable = new WeightedTable(
    COUNTRIES,
    COUNTRIES.map(c => c.weight),
  );
  const customers: Customer[] = [];
  for (let i = 0; i < options.customers; i++) {
    const country = countryTable.sample(random);
    const member = random.chance(options.memberShare);
    customers.push({
      id: `C${String(i + 1).padStart(7, '0')}`,
      country,
      member,
      favouriteCategory: categoryTable.sample(random),
      preferredPayment: random.pick(PAYMENT_BY_REGION[country.region]),
      preferredChannel: random.pick(CHANNEL_CHOICES),
      // Members come back more often; activity is otherwise heavy-tailed.
      activity: (member ? 2.2 : 1) * random.logNormal(0, 1),
    });
  }
  const customersByCountry = new Map<string, WeightedTable<Customer>>();
  for (const country of COUNTRIES) {
    const local = customers.filter(c => c.country === country);
    if (local.length > 0)
      customersByCountry.set(
        country.code,
        new WeightedTable(
          local,
          local.map(c => c.activity),
        ),
      );
  }
  return {
    products,
    productTable,
    cheapProducts,
    productsByCategory: byCategory,
    customers,
    customersByCountry,
    countryTable,
  };
}

export function paymentChoices(region: Region): readonly string[] {
  return PAYMENT_BY_REGION[region];
}
