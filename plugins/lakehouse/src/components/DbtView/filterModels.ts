import type { DbtModelSummary } from '@medallion/plugin-lakehouse-common';

/** Models whose name or description holds every word of the search, any case. */
export function filterModels(
  models: DbtModelSummary[],
  search: string,
): DbtModelSummary[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return models;
  return models.filter(m => {
    const text = `${m.name} ${m.description ?? ''}`.toLowerCase();
    return words.every(w => text.includes(w));
  });
}
