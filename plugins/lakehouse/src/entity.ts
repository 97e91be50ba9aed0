/**
 * The lakehouse on catalog entity pages: the annotation that names a table, the legacy
 * card, and the card and tab extensions for the new frontend system.
 */
import { createComponentExtension } from '@backstage/core-plugin-api';
import { lakehousePlugin } from './plugin';

export {
  LAKEHOUSE_TABLE_ANNOTATION,
  isLakehouseAvailable,
} from './components/EntityLakehouseCard/annotation';
export {
  lakehouseEntityCard,
  lakehouseEntityContent,
} from './components/EntityLakehouseCard/entityExtensions';

/**
 * The lakehouse table named by the entity's `lakehouse.medallion.dev/table`
 * annotation (legacy frontend system), e.g. on a Resource's overview page:
 * `<EntitySwitch.Case if={isLakehouseAvailable}><EntityLakehouseTableCard /></EntitySwitch.Case>`.
 *
 * @public
 */
export const EntityLakehouseTableCard = lakehousePlugin.provide(
  createComponentExtension({
    name: 'EntityLakehouseTableCard',
    component: {
      lazy: () =>
        import('./components/EntityLakehouseCard/LakehouseTableCard').then(
          m => m.LakehouseTableCard,
        ),
    },
  }),
);
