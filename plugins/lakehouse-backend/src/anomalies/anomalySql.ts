/**
 * The SQL of the anomaly views, over one snapshot of gold.purchase_anomalies and one of
 * bronze.purchase_labels: DuckDB reads their Parquet files, Trino and Athena the
 * tables at those snapshots. One query serves every engine; the few pieces that
 * differ come from the engine's dialect. Counting, binning and the
 * ROC AUC happen in SQL so the answers cost the same memory for a thousand scored
 * purchases as for millions. Every value spliced in here was validated before (numbers
 * are finite, ids match UUID_PATTERN, patterns are enumerated), and strings are quoted
 * anyway.
 */
import { quoteSqlString as quote, type SqlDialect } from '@medallion/pipeline';
import { ANOMALY_PATTERN_NAMES } from '@medallion/plugin-lakehouse-common';
import { labelFieldsSql } from './anomalyLabelSql';
import type { AnomalyCursor } from './anomalyCursor';
import type { AnomalyListQuery } from './anomaliesPort';

/** The two tables as SQL selects of the engine's dialect, at the snapshots read. */
export interface AnomalySources {
  anomalies: string;
  labels: string;
  dialect: SqlDialect;
}

function finite(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not finite: ${value}`);
  return String(value);
}

/** zod's `z.uuid()` (what `purchaseLabel` accepts): RFC 9562 versions, nil and max. */
const UUID_REGEX =
  '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff';

/**
 * `purchases`: every scored purchase with its ground truth (`label_pattern`,
 * `label_incident`; null without one). A label record counts when its value is what
 * the pipeline's `purchaseLabel` schema accepts (see anomalyLabelSql.ts); malformed
 * records are ignored and, for an event labelled twice, the first one ingested wins.
 */
export function withPurchases(sources: AnomalySources): string {
  const { dialect } = sources;
  const patterns = ANOMALY_PATTERN_NAMES.map(quote).join(', ');
  return `WITH anomalies AS (${sources.anomalies}),
${labelFieldsSql(dialect, sources.labels)},
labels AS (
  SELECT event_id, pattern, incident_id
  FROM (
    SELECT TRY_CAST(event_text AS UUID) AS event_id, pattern, incident_id,
      row_number() OVER (
        PARTITION BY lower(event_text)
        ORDER BY ingest_ts, kafka_topic, kafka_partition, kafka_offset
      ) AS nth
    FROM label_fields
    WHERE ${dialect.fullMatch('event_text', UUID_REGEX)}
      AND pattern IN (${patterns})
      AND length(incident_id) > 0
  ) AS ranked
  WHERE nth = 1
),
purchases AS (
  SELECT a.*, l.pattern AS label_pattern, l.incident_id AS label_incident
  FROM anomalies AS a LEFT JOIN labels AS l ON l.event_id = a.event_id
)`;
}

/** The columns of a scored purchase, times as µs and money as exact text. */
const purchaseColumns = (
  dialect: SqlDialect,
) => `CAST(event_id AS VARCHAR) AS event_id,
  ${dialect.epochMicros('event_ts')} AS event_us, customer_id, customer_country,
  order_country, membership, product_id, product_category, currency,
  CAST(amount AS VARCHAR) AS amount, score, decision, top_features,
  model_version, ${dialect.epochMicros(
    'scored_at',
  )} AS scored_us, label_pattern,
  label_incident`;

/** Newest first by (event time, event id); one row more than `limit` tells of a next page. */
export function listSql(
  sources: AnomalySources,
  query: Omit<AnomalyListQuery, 'cursor'>,
  cursor: AnomalyCursor | undefined,
): string {
  const { dialect } = sources;
  const where: string[] = [];
  if (query.since)
    where.push(
      `event_ts >= ${dialect.timestampFromMicros(sinceMicros(query))}`,
    );
  if (query.minScore !== undefined)
    where.push(`score >= ${finite(query.minScore)}`);
  if (query.pattern === 'unlabelled') where.push('label_pattern IS NULL');
  else if (query.pattern) where.push(`label_pattern = ${quote(query.pattern)}`);
  if (query.decision !== 'all')
    where.push(`decision = ${quote(query.decision)}`);
  if (cursor) {
    const ts = dialect.timestampFromMicros(cursor.eventMicros);
    where.push(
      `(event_ts < ${ts} OR (event_ts = ${ts} AND CAST(event_id AS VARCHAR) < ${quote(
        cursor.eventId,
      )}))`,
    );
  }
  return `${withPurchases(sources)}
SELECT ${purchaseColumns(dialect)} FROM purchases
${where.length ? `WHERE ${where.join('\n  AND ')}` : ''}
ORDER BY event_ts DESC, CAST(event_id AS VARCHAR) DESC
LIMIT ${finite(query.limit + 1)}`;
}

/** The purchase with its feature values and contributions (newest scoring first). */
export function detailSql(sources: AnomalySources, eventId: string): string {
  return `${withPurchases(sources)}
SELECT ${purchaseColumns(
    sources.dialect,
  )}, features, contributions FROM purchases
WHERE event_id = CAST(${quote(eventId)} AS UUID)
ORDER BY scored_at DESC
LIMIT 1`;
}

function sinceMicros(query: { since?: Date }): number {
  return query.since ? query.since.getTime() * 1000 : 0;
}

/** `window`: the purchases the statistics cover, with `pattern` '' when unlabelled. */
function withWindow(sources: AnomalySources, since: Date | undefined): string {
  const where = since
    ? `WHERE event_ts >= ${sources.dialect.timestampFromMicros(
        sinceMicros({ since }),
      )}`
    : '';
  return `${withPurchases(sources)},
window_rows AS (
  SELECT score, decision, coalesce(label_pattern, '') AS pattern, event_ts
  FROM purchases ${where}
)`;
}

/**
 * Per histogram bin: purchases, labelled ones, flagged ones and the newest event time.
 * Bin i holds [i/bins, (i+1)/bins), the last one also 1. floor(score × bins) can land
 * one bin off where the product rounds across a boundary, so the bin is corrected
 * against the same i/bins the response reports.
 */
export function histogramSql(
  sources: AnomalySources,
  since: Date | undefined,
  bins: number,
): string {
  const n = finite(bins);
  return `${withWindow(sources, since)},
first_guess AS (
  SELECT *, CASE
      WHEN score >= 1 THEN ${n} - 1
      WHEN score IS NULL OR score < 0 THEN 0
      ELSE least(greatest(CAST(floor(score * ${n}) AS BIGINT), 0), ${n} - 1)
    END AS b0
  FROM window_rows
),
binned AS (
  SELECT *, CASE
      WHEN b0 > 0 AND score < CAST(b0 AS DOUBLE) / ${n} THEN b0 - 1
      WHEN b0 < ${n} - 1 AND score >= CAST(b0 + 1 AS DOUBLE) / ${n} THEN b0 + 1
      ELSE b0
    END AS bin
  FROM first_guess
)
SELECT bin,
  count(*) AS scored,
  count(*) FILTER (WHERE pattern <> '') AS labelled,
  count(*) FILTER (WHERE decision = 'anomaly') AS flagged,
  ${sources.dialect.epochMicros('max(event_ts)')} AS latest_us
FROM binned GROUP BY bin ORDER BY bin`;
}

/**
 * Per labelled pattern: purchases, flagged ones, and twice the Mann–Whitney U of the
 * score against the unlabelled purchases: each labelled purchase counts the unlabelled
 * ones scored lower, plus half of those scored the same (doubled to stay in integers).
 * Summed over scores (not purchases) so the window runs over distinct scores only.
 */
export function qualitySql(
  sources: AnomalySources,
  since: Date | undefined,
): string {
  return `${withWindow(sources, since)},
by_score AS (
  SELECT score, pattern, count(*) AS n,
    count(*) FILTER (WHERE decision = 'anomaly') AS flagged
  FROM window_rows GROUP BY score, pattern
),
negatives AS (
  SELECT score, coalesce(sum(n) FILTER (WHERE pattern = ''), 0) AS neg_equal
  FROM by_score GROUP BY score
),
below AS (
  SELECT score, neg_equal, coalesce(sum(neg_equal) OVER (
      ORDER BY score ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
    AS neg_below
  FROM negatives
)
SELECT s.pattern,
  CAST(sum(s.n) AS BIGINT) AS labelled,
  CAST(sum(s.flagged) AS BIGINT) AS detected,
  CAST(sum(s.n * (2 * b.neg_below + b.neg_equal)) AS BIGINT) AS wins2
FROM by_score AS s JOIN below AS b ON b.score = s.score
WHERE s.pattern <> ''
GROUP BY s.pattern ORDER BY s.pattern`;
}

/**
 * Precision among the k highest scores, k = the labelled purchases: the score group
 * the k-th purchase falls in, with the purchases ranked above it. Ties at the cut
 * count by expectation (the share of the group's labelled purchases that fits),
 * so the order of equal scores cannot change the figure.
 */
const ABOVE =
  'ORDER BY score DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING';

export function precisionAtKSql(
  sources: AnomalySources,
  since: Date | undefined,
): string {
  return `${withWindow(sources, since)},
k AS (SELECT count(*) FILTER (WHERE pattern <> '') AS k FROM window_rows),
by_score AS (
  SELECT score, count(*) AS n, count(*) FILTER (WHERE pattern <> '') AS nl
  FROM window_rows GROUP BY score
),
ranked AS (
  SELECT n, nl,
    coalesce(sum(n) OVER (${ABOVE}), 0) AS before_n,
    coalesce(sum(nl) OVER (${ABOVE}), 0) AS before_nl
  FROM by_score
)
SELECT k.k,
  CAST(r.before_n AS BIGINT) AS before_n,
  CAST(r.before_nl AS BIGINT) AS before_nl,
  r.n, r.nl
FROM ranked AS r, k
WHERE k.k > 0 AND r.before_n < k.k AND k.k <= r.before_n + r.n`;
}
