/** Source freshness as `dbt source freshness` measured it (sources.json). */
import type { DbtSourceFreshness } from '@medallion/plugin-lakehouse-common';
import type { SourcesArtifact } from './artifactSchemas';
import { isoTime } from './artifactStore';
import { freshnessStatus, nameOfUniqueId } from './runOutcome';

export function sourceFreshness(
  sources: SourcesArtifact,
): DbtSourceFreshness[] {
  return sources.results
    .map(r => ({
      source: nameOfUniqueId(r.unique_id),
      uniqueId: r.unique_id,
      status: freshnessStatus(r.status),
      maxLoadedAt: isoTime(r.max_loaded_at),
      snapshottedAt: isoTime(r.snapshotted_at),
      ageSeconds: r.max_loaded_at_time_ago_in_s,
      warnAfter: r.criteria?.warn_after ?? null,
      errorAfter: r.criteria?.error_after ?? null,
      // A runtime error carries its reason in `message` (older dbt: `error`).
      message: r.message ?? r.error,
    }))
    .sort((a, b) => (a.source < b.source ? -1 : 1));
}
