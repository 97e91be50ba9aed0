/**
 * Seeded, labelled feature matrices for tests and benchmarks: events from the
 * project's generator (with injected anomalies and their ground truth) through the
 * real feature extractor, exactly as training computes them.
 */
import { PurchaseGenerator } from '../../events/generator';
import {
  buildFeatureReference,
  FEATURE_COUNT,
  FEATURES,
  FeatureExtractor,
  type ScoringPurchase,
} from '../features';

export interface LabelledFeatures {
  matrix: Float64Array;
  nRows: number;
  featureNames: string[];
  isAnomaly: Uint8Array;
  pattern: Array<string | null>;
  purchases: ScoringPurchase[];
}

export async function labelledFeatures(options: {
  seed: number;
  events: number;
  /** Share of injected anomalies (default 0.01, the demo producer's). */
  anomalyRate?: number;
  /** Mean events per second of event time (default 5). */
  rate?: number;
}): Promise<LabelledFeatures> {
  const generator = new PurchaseGenerator({
    seed: options.seed,
    schemaVersion: 2,
    rate: options.rate ?? 5,
    startMs: Date.UTC(2026, 0, 5),
    anomalyRate: options.anomalyRate ?? 0.01,
    malformedRate: 0,
  });
  const purchases: ScoringPurchase[] = [];
  const pattern: Array<string | null> = [];
  for (const r of generator.take(options.events)) {
    const e = r.event;
    purchases.push({
      eventId: e.event_id,
      eventMs: Date.parse(e.event_ts),
      customerId: e.customer_id,
      customerCountry: e.customer_country,
      orderCountry: e.order_country,
      membership: e.membership,
      productId: e.product_id,
      productCategory: e.product_category,
      currency: e.currency,
      unitPrice: e.unit_price,
      quantity: e.quantity,
    });
    pattern.push(r.label?.pattern ?? null);
  }
  const extractor = new FeatureExtractor(buildFeatureReference(purchases));
  const matrix = extractor.extractAll(purchases);
  return {
    matrix,
    nRows: purchases.length,
    featureNames: FEATURES.map(f => f.name),
    isAnomaly: Uint8Array.from(pattern, p => (p ? 1 : 0)),
    pattern,
    purchases,
  };
}

export { FEATURE_COUNT };
