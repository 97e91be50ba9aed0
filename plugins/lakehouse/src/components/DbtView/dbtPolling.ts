/** Gold builds run every 10 minutes: 30 s keeps the dbt views current cheaply. */
export const DBT_POLL_MS = 30_000;
