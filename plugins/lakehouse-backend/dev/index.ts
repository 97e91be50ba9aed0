import { createBackend } from '@backstage/backend-defaults';

// The standalone lakehouse backend: what `npm start` runs (after starting Kafka), and what
// `backstage-cli package start` runs from this package. Configuration comes from
// app-config.yaml at the repository root (plus app-config.local.yaml, or --config files).
//
// Only /health is open; every other route needs a Backstage token, for example the
// static token configured under backend.auth.externalAccess (as Airflow uses it):
//
//   curl -H "Authorization: Bearer $MEDALLION_API_TOKEN" http://localhost:7007/api/lakehouse/tables

const backend = createBackend();

backend.add(import('../src'));

backend.start().then(() => {
  const token = process.env.MEDALLION_API_TOKEN
    ? '$MEDALLION_API_TOKEN'
    : 'medallion-local-dev-token';
  process.stderr.write(
    [
      '',
      'lakehouse backend ready on http://127.0.0.1:7007/api/lakehouse',
      `  curl -H "Authorization: Bearer ${token}" http://127.0.0.1:7007/api/lakehouse/tables`,
      '  (also /jobs, /runs, /freshness, /lineage, /metrics/pipeline; Ctrl-C stops)',
      '',
    ].join('\n'),
  );
});
