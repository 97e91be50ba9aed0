/**
 * Paths from the Overview into the other tabs, relative to the page's mount point
 * (`useRouteRef(rootRouteRef)()`), so the plugin works wherever the app mounts it.
 */

/** Joins the root with path segments, encoding each (table and run ids are data). */
function under(root: string, ...segments: string[]): string {
  const base = root.endsWith('/') ? root.slice(0, -1) : root;
  return [base, ...segments.map(encodeURIComponent)].join('/');
}

/**
 * Splits a table id (`namespace.table`) into its parts. The table name is the part
 * after the last dot: Iceberg namespaces may be nested (`a.b.table`), names may not.
 */
export function splitTableId(id: string): { namespace: string; table: string } {
  const dot = id.lastIndexOf('.');
  if (dot <= 0 || dot === id.length - 1) return { namespace: '', table: id };
  return { namespace: id.slice(0, dot), table: id.slice(dot + 1) };
}

/** `<root>/catalog/<namespace>/<table>`, or the catalog itself for an odd id. */
export function catalogTablePath(root: string, tableId: string): string {
  const { namespace, table } = splitTableId(tableId);
  return namespace
    ? under(root, 'catalog', namespace, table)
    : under(root, 'catalog');
}

/** `<root>/jobs/runs/<runId>` */
export const runPath = (root: string, runId: string) =>
  under(root, 'jobs', 'runs', runId);

/** `<root>/jobs` */
export const jobsPath = (root: string) => under(root, 'jobs');
