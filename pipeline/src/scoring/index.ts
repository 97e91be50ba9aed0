/** Anomaly detection: features, the Isolation Forest, training and stream scoring. */
export * from './anomaliesTable';
export * from './model';
export * from './features';
export * from './isolationForest';
export * from './labels';
export * from './quality';
export * from './scorer';
export * from './silverPurchases';
export * from './training';
