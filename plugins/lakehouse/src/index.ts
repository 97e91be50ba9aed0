/**
 * Backstage frontend plugin for the Medallion streaming lakehouse.
 *
 * The new frontend system lives under `@medallion/plugin-lakehouse/alpha`.
 *
 * @packageDocumentation
 */

export { lakehousePlugin, LakehousePage } from './plugin';
