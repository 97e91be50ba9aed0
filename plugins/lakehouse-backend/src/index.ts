/**
 * Backstage backend plugin for the Medallion streaming lakehouse.
 *
 * @packageDocumentation
 */

export { lakehousePlugin as default } from './plugin';
