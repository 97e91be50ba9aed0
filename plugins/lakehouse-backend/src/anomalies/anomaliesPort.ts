/** What the anomaly routes need; `AnomalyReader` satisfies it. */
import type {
  AnomaliesPage,
  AnomalyDetail,
  AnomalyModelResponse,
  AnomalyPatternFilter,
  AnomalyStats,
} from '@medallion/plugin-lakehouse-common';

export type AnomalyDecisionFilter = 'anomaly' | 'normal' | 'all';

export interface AnomalyListQuery {
  /** Only purchases whose event time is at or after this instant. */
  since?: Date;
  /** Only scores at or above this (0..1). */
  minScore?: number;
  /** A labelled pattern, or `unlabelled` for purchases without ground truth. */
  pattern?: AnomalyPatternFilter;
  decision: AnomalyDecisionFilter;
  limit: number;
  /** The `nextCursor` of the previous page (opaque; a bad one is an InputError). */
  cursor?: string;
}

export interface AnomalyStatsQuery {
  since?: Date;
  /** Equal-width bins over [0, 1]. */
  bins: number;
}

export interface AnomaliesPort {
  list(query: AnomalyListQuery): Promise<AnomaliesPage>;
  /** Throws NotFoundError when the purchase was not scored. */
  get(eventId: string): Promise<AnomalyDetail>;
  stats(query: AnomalyStatsQuery): Promise<AnomalyStats>;
  model(): Promise<AnomalyModelResponse>;
}
