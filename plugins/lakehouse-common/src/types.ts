/**
 * Response body of `GET /api/lakehouse/health`.
 *
 * @public
 */
export interface LakehouseHealth {
  status: 'ok';
  version: string;
}

/**
 * Every job the lakehouse backend hosts, in pipeline order.
 *
 * @public
 */
export const JOB_NAMES = [
  'producer',
  'bronze',
  'silver',
  'gold',
  'scoring',
  'training',
  'maintenance',
] as const;

/**
 * The name of a lakehouse job.
 *
 * @public
 */
export type JobName = (typeof JOB_NAMES)[number];

/**
 * Narrows an arbitrary value (for example a URL parameter) to a {@link JobName}.
 *
 * @public
 */
export function isJobName(value: unknown): value is JobName {
  return (
    typeof value === 'string' &&
    (JOB_NAMES as readonly string[]).includes(value)
  );
}
