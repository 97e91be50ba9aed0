export * from './schema';
export * from './validate';
export * from './generator';
export * from './malformed';
export {
  COUNTRIES,
  CATEGORIES,
  EUR_PER_UNIT,
  buildCatalog,
  type Country,
  type Category,
} from './catalog';
export { localHour, isNightIn, rateFactorAt } from './seasonality';
export { Random, seedFrom } from './random';
export { renderJsonSchema, JSON_SCHEMA_FILES } from './jsonSchema';
