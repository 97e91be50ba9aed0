/**
 * The entity card and tab for Backstage's new frontend system, shown only on entities
 * with the lakehouse table annotation.
 */
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isLakehouseAvailable } from './annotation';

/**
 * The table card on entity overview pages (`entity-card:lakehouse/table`).
 *
 * @alpha
 */
export const lakehouseEntityCard = EntityCardBlueprint.make({
  name: 'table',
  params: {
    filter: isLakehouseAvailable,
    loader: () =>
      import('./LakehouseTableCard').then(m => <m.LakehouseTableCard />),
  },
});

/**
 * A "Lakehouse" tab on entity pages (`entity-content:lakehouse/table`).
 *
 * @alpha
 */
export const lakehouseEntityContent = EntityContentBlueprint.make({
  name: 'table',
  params: {
    path: '/lakehouse',
    title: 'Lakehouse',
    filter: isLakehouseAvailable,
    loader: () =>
      import('./LakehouseTableContent').then(m => <m.LakehouseTableContent />),
  },
});
