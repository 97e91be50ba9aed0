export { CatalogView } from './CatalogView';
