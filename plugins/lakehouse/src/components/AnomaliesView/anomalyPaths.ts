import { useRouteRef } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import { rootRouteRef } from '../../routes';

/** Paths the Anomalies tab links to, under wherever the lakehouse page is mounted. */
export interface AnomalyPaths {
  overview: string;
  purchase: (eventId: string) => string;
  jobs: string;
}

export function anomalyPaths(pageRoot: string): AnomalyPaths {
  // The root is "/" when the page is mounted at the app's root: no "//" links.
  const root = pageRoot.replace(/\/+$/, '');
  return {
    overview: `${root}/anomalies`,
    purchase: eventId => `${root}/anomalies/${encodeURIComponent(eventId)}`,
    jobs: `${root}/jobs`,
  };
}

export function useAnomalyPaths(): AnomalyPaths {
  const root = useRouteRef(rootRouteRef)();
  return useMemo(() => anomalyPaths(root), [root]);
}
