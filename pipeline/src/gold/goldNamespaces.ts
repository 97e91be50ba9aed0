/** Where gold lives, and where Athena and Trino builds stage it until their tests pass. */
export const GOLD_NAMESPACE = 'gold';
export const GOLD_STAGING_NAMESPACE = 'gold_staging';
