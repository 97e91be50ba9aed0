import { InfoCard } from '@backstage/core-components';

/** Placeholder: replaced by the Lineage view. */
export const LineageView = () => (
  <InfoCard title="Lineage">Coming up.</InfoCard>
);
