import { createBackend } from '@backstage/backend-defaults';

// Standalone development backend for the lakehouse plugin.
//
// Start it from this package with `npm start` (= `backstage-cli package start`);
// configuration comes from app-config.yaml at the repository root. Then:
//
//   curl http://localhost:7007/api/lakehouse/health
//
// Only /health is open; every other route needs a Backstage token, for example
// the static token configured under backend.auth.externalAccess:
//
//   curl -H "Authorization: Bearer $MEDALLION_API_TOKEN" http://localhost:7007/api/lakehouse/...

const backend = createBackend();

backend.add(import('../src'));

backend.start();
