/**
 * How often the tab re-reads: the scorer writes purchases continuously, so the list and
 * the figures every 10 s; a model is retrained at most a few times a day.
 */
export const ANOMALIES_POLL_MS = 10_000;
export const STATS_POLL_MS = 10_000;
export const MODEL_POLL_MS = 60_000;
