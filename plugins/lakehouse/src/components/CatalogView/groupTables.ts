/** How the catalog list orders and filters tables: by namespace in pipeline order. */
import type {
  TableLayer,
  TableSummary,
} from '@medallion/plugin-lakehouse-common';

/** Pipeline order: data flows bronze → silver → gold; anything else comes last. */
export const LAYER_ORDER: readonly TableLayer[] = [
  'bronze',
  'silver',
  'gold',
  'other',
];

export interface NamespaceGroup {
  namespace: string;
  tables: TableSummary[];
}

const layerRank = (layer: TableLayer) => {
  const i = LAYER_ORDER.indexOf(layer);
  return i === -1 ? LAYER_ORDER.length : i;
};

/**
 * Whether a table matches a filter: every word of it (case-insensitive) occurs in the
 * table's id, layer or description, so "silver purch" finds silver.purchases.
 */
export function matchesFilter(table: TableSummary, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = [table.id, table.layer, table.description ?? '']
    .join(' ')
    .toLowerCase();
  return words.every(word => haystack.includes(word));
}

/**
 * The tables matching `filter`, grouped by namespace: namespaces in pipeline order (by
 * the earliest layer among their tables, then by name), tables by name within each.
 */
export function groupTables(
  tables: TableSummary[],
  filter = '',
): NamespaceGroup[] {
  const byNamespace = new Map<string, TableSummary[]>();
  for (const table of tables) {
    if (!matchesFilter(table, filter)) continue;
    const group = byNamespace.get(table.namespace) ?? [];
    group.push(table);
    byNamespace.set(table.namespace, group);
  }
  const rank = (group: TableSummary[]) =>
    Math.min(...group.map(t => layerRank(t.layer)));
  return [...byNamespace.entries()]
    .map(([namespace, group]) => ({
      namespace,
      tables: [...group].sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .sort(
      (a, b) =>
        rank(a.tables) - rank(b.tables) ||
        a.namespace.localeCompare(b.namespace),
    );
}
