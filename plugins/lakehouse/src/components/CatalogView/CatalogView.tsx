import { InfoCard } from '@backstage/core-components';

/** Placeholder: replaced by the Catalog view. */
export const CatalogView = () => (
  <InfoCard title="Catalog">Coming up.</InfoCard>
);
