import { InfoCard } from '@backstage/core-components';
import type { ReactNode } from 'react';

/**
 * A card in a labelled region whose title is a real heading (h2), so the tab's parts
 * can be found by heading or region, by screen reader users and end-to-end tests.
 */
export function AnomalySection(props: {
  title: string;
  subheader?: string;
  children: ReactNode;
}) {
  return (
    <section aria-label={props.title}>
      <InfoCard
        title={props.title}
        subheader={props.subheader}
        titleTypographyProps={{ component: 'h2' }}
      >
        {props.children}
      </InfoCard>
    </section>
  );
}
