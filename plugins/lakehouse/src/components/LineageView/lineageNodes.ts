/**
 * What each lineage node shows: its kind (table, topic, other dataset, job), whether it
 * is planned, the freshness of tables, a short text line and an accessible label.
 */
import type {
  FreshnessStatus,
  LineageGraph,
  LineageNode,
  TableFreshness,
} from '@medallion/plugin-lakehouse-common';
import { formatAge, STATUS_SYMBOLS } from '../shared';
import { nodeHref } from './lineageLinks';

export type NodeKind = 'table' | 'topic' | 'dataset' | 'job';

export interface LineageNodeView {
  /** The node's id (`dataset:…`, `job:…`), as the layout needs it. */
  id: string;
  node: LineageNode;
  kind: NodeKind;
  /** Announced by the backend but not there yet (`exists: false`). */
  planned: boolean;
  /** Freshness of an existing table (`unknown` when the check does not list it). */
  status: FreshnessStatus | null;
  freshness: TableFreshness | null;
  href: string | undefined;
  /** The second line of the node, e.g. "▲ warn · 6 min ago". */
  detail: string;
  /** Stable accessible name: label, kind, and status where there is one. */
  ariaLabel: string;
}

/** Shapes paired with each freshness colour (the same as the status chips). */
export const FRESHNESS_SYMBOLS: Record<FreshnessStatus, string> = {
  fresh: STATUS_SYMBOLS.fresh,
  warn: STATUS_SYMBOLS.warn,
  error: STATUS_SYMBOLS.error,
  unknown: STATUS_SYMBOLS.unknown,
};

const KIND_NAMES: Record<NodeKind, string> = {
  table: 'table',
  topic: 'Kafka topic',
  dataset: 'dataset',
  job: 'job',
};

function kindOf(node: LineageNode): NodeKind {
  if (node.type === 'job') return 'job';
  if (node.table !== null) return 'table';
  return node.namespace.startsWith('kafka://') ? 'topic' : 'dataset';
}

function detailOf(
  kind: NodeKind,
  planned: boolean,
  freshness: TableFreshness | null,
): string {
  if (planned) return `planned ${KIND_NAMES[kind]}`;
  if (kind !== 'table') return KIND_NAMES[kind];
  const status = freshness?.status ?? 'unknown';
  const age = freshness ? ` · ${formatAge(freshness.ageSeconds)}` : '';
  return `${FRESHNESS_SYMBOLS[status]} ${status}${age}`;
}

function ariaLabelOf(view: Omit<LineageNodeView, 'ariaLabel'>): string {
  const { node, kind, planned, status, href } = view;
  const parts = [
    `${node.label}: ${planned ? 'planned ' : ''}${KIND_NAMES[kind]}`,
  ];
  if (status) parts.push(`freshness ${status}`);
  if (href) parts.push(kind === 'job' ? 'open its runs' : 'open in catalog');
  return parts.join(', ');
}

/** Views of every node, in the graph's order, with freshness matched by table id. */
export function describeLineageNodes(
  graph: LineageGraph,
  freshness: readonly TableFreshness[] | undefined,
  root: string,
): LineageNodeView[] {
  const byTable = new Map((freshness ?? []).map(f => [f.table, f]));
  return graph.nodes.map(node => {
    const kind = kindOf(node);
    const planned = !node.exists;
    const tableFreshness =
      kind === 'table' && !planned && node.table
        ? byTable.get(node.table) ?? null
        : null;
    const status =
      kind === 'table' && !planned ? tableFreshness?.status ?? 'unknown' : null;
    const view = {
      id: node.id,
      node,
      kind,
      planned,
      status,
      freshness: tableFreshness,
      href: nodeHref(node, root),
      detail: detailOf(kind, planned, tableFreshness),
    };
    return { ...view, ariaLabel: ariaLabelOf(view) };
  });
}

/** One sentence on the graph and its freshness, for screen readers and the caption. */
export function summarizeLineage(
  views: readonly LineageNodeView[],
  edgeCount: number,
): string {
  const count = (kind: NodeKind) => views.filter(v => v.kind === kind).length;
  const datasets = count('table') + count('topic') + count('dataset');
  const planned = views.filter(v => v.planned).length;
  const statuses = (['fresh', 'warn', 'error', 'unknown'] as const)
    .map(s => [s, views.filter(v => v.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const stale = views
    .filter(v => v.status === 'warn' || v.status === 'error')
    .map(v => `${v.node.label} (${v.status})`);
  const plannedNote = planned > 0 ? `; ${planned} planned` : '';
  return [
    `${datasets} datasets and ${count(
      'job',
    )} jobs, ${edgeCount} edges${plannedNote}.`,
    statuses.length > 0 ? `Table freshness: ${statuses.join(', ')}.` : '',
    stale.length > 0 ? `Needs attention: ${stale.join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
