import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';

/**
 * The lakehouse page's path, or undefined when the app has not mounted the page: an
 * entity card must still render in an app that only installs the card.
 */
export function useLakehouseRoot(): string | undefined {
  // useRouteRef runs all its hooks before it throws for an unmounted route, so the
  // hook order stays the same whichever way it ends.
  try {
    return useRouteRef(rootRouteRef)();
  } catch {
    return undefined;
  }
}
