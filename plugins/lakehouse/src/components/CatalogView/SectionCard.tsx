import { InfoCard } from '@backstage/core-components';
import type { ReactNode } from 'react';

/**
 * A card whose title is a real heading (h2), so the sections can be found by heading,
 * by people navigating with a screen reader and by the end-to-end tests.
 */
export function SectionCard(props: {
  title: string;
  subheader?: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <InfoCard
      title={props.title}
      subheader={props.subheader}
      action={props.action}
      titleTypographyProps={{ component: 'h2' }}
    >
      {props.children}
    </InfoCard>
  );
}
