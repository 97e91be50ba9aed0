/**
 * Jobs of the pipeline that later releases deliver (anomaly scoring):
 * listed so clients see the whole pipeline, refused with the reason when triggered.
 */
import { z } from 'zod';
import type { JobDefinition } from '../runs';

function planned(
  name: 'scoring',
  title: string,
  description: string,
): JobDefinition<Record<string, never>> {
  return {
    name,
    title,
    description,
    kind: 'scheduled',
    enabled: false,
    disabledReason: `the ${title.toLowerCase()} job is not part of this release yet`,
    paramsSchema: z.object({}).strict(),
    parameters: [],
    run: async () => {
      throw new Error(`the ${name} job is not available`);
    },
  };
}

export const plannedJobs = () => [
  planned(
    'scoring',
    'Anomaly scoring',
    'Scores new silver purchases with the Isolation Forest into gold.purchase_anomalies.',
  ),
];
