import type { LakehouseApi } from '../../../api';

/**
 * A LakehouseApi whose methods reject unless given: a view that calls something it
 * should not fails its test loudly.
 */
export function fakeLakehouseApi(methods: Partial<LakehouseApi>): LakehouseApi {
  return new Proxy(methods, {
    get: (target, name) =>
      (target as Record<string | symbol, unknown>)[name] ??
      (() => Promise.reject(new Error(`unexpected call ${String(name)}`))),
  }) as LakehouseApi;
}
