import type { LakehouseApi } from '../../../api';

/**
 * A LakehouseApi whose every method is a jest mock: the given ones as implemented,
 * the others failing loudly, so a test notices a call it did not expect.
 */
export function fakeLakehouseApi(
  methods: Partial<LakehouseApi>,
): jest.Mocked<LakehouseApi> {
  const names: Array<keyof LakehouseApi> = [
    'getHealth',
    'listJobs',
    'triggerRun',
    'getRun',
    'cancelRun',
    'listRuns',
    'listTables',
    'getTable',
    'listSnapshots',
    'previewTable',
    'getFreshness',
    'getLineage',
    'getPipelineMetrics',
  ];
  const api: Record<string, jest.Mock> = {};
  for (const name of names) {
    const impl = methods[name] as ((...args: unknown[]) => unknown) | undefined;
    api[name] = jest.fn(
      impl ?? (() => Promise.reject(new Error(`unexpected call: ${name}`))),
    );
  }
  return api as unknown as jest.Mocked<LakehouseApi>;
}
