import { InfoCard } from '@backstage/core-components';

/** Placeholder: replaced by the Overview view. */
export const OverviewView = () => (
  <InfoCard title="Overview">Coming up.</InfoCard>
);
