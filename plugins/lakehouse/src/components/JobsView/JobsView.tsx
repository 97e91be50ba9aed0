import { InfoCard } from '@backstage/core-components';

/** Placeholder: replaced by the Jobs view. */
export const JobsView = () => <InfoCard title="Jobs">Coming up.</InfoCard>;
