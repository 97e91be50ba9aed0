/**
 * The catalog annotation that ties an entity (usually a Resource) to a lakehouse table:
 * `lakehouse.medallion.dev/table: <namespace>.<table>`.
 */
import type { Entity } from '@backstage/catalog-model';

/** @public */
export const LAKEHOUSE_TABLE_ANNOTATION = 'lakehouse.medallion.dev/table';

/** The annotation's value, trimmed; undefined when absent or blank. */
export function lakehouseTableOf(entity: Entity): string | undefined {
  const value = entity.metadata.annotations?.[LAKEHOUSE_TABLE_ANNOTATION];
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * True when the entity names a lakehouse table, e.g. to show the lakehouse card or tab
 * only on those entities.
 *
 * @public
 */
export function isLakehouseAvailable(entity: Entity): boolean {
  return lakehouseTableOf(entity) !== undefined;
}
