/**
 * A left-to-right layered layout of a DAG, small enough to own: columns by longest
 * path from the sources, rows ordered by barycenter sweeps to reduce edge crossings.
 * Pure (no DOM, no React) so it can be tested on its own.
 */

export interface LayoutEdge {
  from: string;
  to: string;
}

export interface LayoutOptions<N> {
  /** Width of a node's box (columns take the width of their widest node). */
  nodeWidth: (node: N) => number;
  nodeHeight: number;
  /** Horizontal space between columns, where the links run. */
  columnGap: number;
  /** Vertical space between nodes in a column. */
  rowGap: number;
  /** Barycenter sweeps (each one down and one up); the best ordering seen wins. */
  sweeps?: number;
}

export interface PositionedNode<N> {
  node: N;
  /** Column: the longest path from any source to this node. */
  layer: number;
  /** Row within the column, from the top. */
  order: number;
  /** Top-left corner of the node's box. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PositionedEdge {
  from: string;
  to: string;
  /** Middle of the source's right side. */
  source: [number, number];
  /** Middle of the target's left side. */
  target: [number, number];
}

export interface DagLayout<N> {
  /** Nodes that have at least one edge, in columns. */
  nodes: PositionedNode<N>[];
  /** Nodes without any edge, in one row below the graph. */
  unconnected: PositionedNode<N>[];
  edges: PositionedEdge[];
  /** Number of columns of connected nodes. */
  layerCount: number;
  /** Edge crossings between adjacent columns in the final ordering. */
  crossings: number;
  width: number;
  height: number;
}

/**
 * Longest-path layering: sources are 0, every other node one more than its furthest
 * predecessor. Nodes on a cycle (not expected from a lineage graph, but the data comes
 * over the wire) are freed by dropping their remaining incoming edges, first node first.
 */
export function assignLayers(
  ids: readonly string[],
  edges: readonly LayoutEdge[],
): Map<string, number> {
  const known = new Set(ids);
  const incoming = new Map<string, Set<string>>(ids.map(id => [id, new Set()]));
  const outgoing = new Map<string, string[]>(ids.map(id => [id, []]));
  for (const { from, to } of edges) {
    if (!known.has(from) || !known.has(to) || from === to) continue;
    if (incoming.get(to)!.has(from)) continue;
    incoming.get(to)!.add(from);
    outgoing.get(from)!.push(to);
  }
  const layer = new Map<string, number>();
  const pending = new Map(ids.map(id => [id, incoming.get(id)!.size]));
  const ready = ids.filter(id => pending.get(id) === 0);
  while (layer.size < ids.length) {
    if (ready.length === 0) {
      // A cycle: start from the first node still waiting.
      ready.push(ids.find(id => !layer.has(id))!);
    }
    const id = ready.shift()!;
    if (layer.has(id)) continue;
    let depth = 0;
    for (const from of incoming.get(id)!) {
      const l = layer.get(from);
      if (l !== undefined) depth = Math.max(depth, l + 1);
    }
    layer.set(id, depth);
    for (const to of outgoing.get(id)!) {
      const left = pending.get(to)! - 1;
      pending.set(to, left);
      if (left === 0 && !layer.has(to)) ready.push(to);
    }
  }
  return layer;
}

/** Crossings between two adjacent columns, given each node's row. */
function crossingsBetween(
  pairs: ReadonlyArray<readonly [number, number]>,
): number {
  let count = 0;
  for (let i = 0; i < pairs.length; i++)
    for (let j = i + 1; j < pairs.length; j++) {
      const [a1, b1] = pairs[i];
      const [a2, b2] = pairs[j];
      if ((a1 - a2) * (b1 - b2) < 0) count++;
    }
  return count;
}

/** Edge crossings of an ordering, counting only edges between adjacent columns. */
export function countCrossings(
  columns: ReadonlyArray<readonly string[]>,
  edges: readonly LayoutEdge[],
): number {
  const where = new Map<string, [number, number]>();
  columns.forEach((column, l) =>
    column.forEach((id, row) => where.set(id, [l, row])),
  );
  const byGap = new Map<number, Array<[number, number]>>();
  for (const { from, to } of edges) {
    const a = where.get(from);
    const b = where.get(to);
    if (!a || !b || b[0] !== a[0] + 1) continue;
    const list = byGap.get(a[0]) ?? [];
    list.push([a[1], b[1]]);
    byGap.set(a[0], list);
  }
  let total = 0;
  for (const pairs of byGap.values()) total += crossingsBetween(pairs);
  return total;
}

/**
 * Reorders one column by the mean row of each node's neighbours in the columns already
 * placed (`neighbours`); a node without such neighbours keeps its row. Stable on ties.
 */
function reorderByBarycenter(
  column: readonly string[],
  neighbours: (id: string) => readonly string[],
  rowOf: Map<string, number>,
): string[] {
  const keyed = column.map((id, row) => {
    const rows = neighbours(id)
      .map(n => rowOf.get(n))
      .filter((r): r is number => r !== undefined);
    const center =
      rows.length > 0 ? rows.reduce((a, b) => a + b, 0) / rows.length : row;
    return { id, row, center };
  });
  keyed.sort((a, b) => a.center - b.center || a.row - b.row);
  return keyed.map(k => k.id);
}

/** Rows of every node across columns, by position in its column. */
function rowsOf(columns: ReadonlyArray<readonly string[]>) {
  const rows = new Map<string, number>();
  for (const column of columns) column.forEach((id, row) => rows.set(id, row));
  return rows;
}

/**
 * Barycenter ordering: sweeps down (each column by its predecessors) and up (by its
 * successors), keeping the ordering with the fewest crossings; the input order is the
 * starting point, so an already tidy graph stays as it is.
 */
export function orderColumns(
  initial: ReadonlyArray<readonly string[]>,
  edges: readonly LayoutEdge[],
  sweeps = 4,
): string[][] {
  const preds = new Map<string, string[]>();
  const succs = new Map<string, string[]>();
  for (const { from, to } of edges) {
    preds.set(to, [...(preds.get(to) ?? []), from]);
    succs.set(from, [...(succs.get(from) ?? []), to]);
  }
  const columns = initial.map(c => [...c]);
  let best = columns.map(c => [...c]);
  let bestCrossings = countCrossings(best, edges);
  for (let s = 0; s < sweeps && bestCrossings > 0; s++) {
    for (let l = 1; l < columns.length; l++)
      columns[l] = reorderByBarycenter(
        columns[l],
        id => preds.get(id) ?? [],
        rowsOf(columns.slice(0, l)),
      );
    for (let l = columns.length - 2; l >= 0; l--)
      columns[l] = reorderByBarycenter(
        columns[l],
        id => succs.get(id) ?? [],
        rowsOf(columns.slice(l + 1)),
      );
    const crossings = countCrossings(columns, edges);
    if (crossings < bestCrossings) {
      bestCrossings = crossings;
      best = columns.map(c => [...c]);
    }
  }
  return best;
}

/**
 * Lays out `nodes` (in the order given, e.g. pipeline order) left to right. Edges to
 * unknown ids are ignored. Columns are vertically centred on the tallest one.
 */
export function layoutDag<N extends { id: string }>(
  nodes: readonly N[],
  edges: readonly LayoutEdge[],
  options: LayoutOptions<N>,
): DagLayout<N> {
  const { nodeHeight, columnGap, rowGap } = options;
  const byId = new Map(nodes.map(n => [n.id, n]));
  const validEdges = edges.filter(
    e => byId.has(e.from) && byId.has(e.to) && e.from !== e.to,
  );
  const linked = new Set(validEdges.flatMap(e => [e.from, e.to]));
  const connectedIds = nodes.map(n => n.id).filter(id => linked.has(id));
  const layerOf = assignLayers(connectedIds, validEdges);

  const layerCount =
    connectedIds.length > 0 ? Math.max(...layerOf.values()) + 1 : 0;
  const initial: string[][] = Array.from({ length: layerCount }, () => []);
  for (const id of connectedIds) initial[layerOf.get(id)!].push(id);
  const columns = orderColumns(initial, validEdges, options.sweeps);

  const columnWidths = columns.map(c =>
    Math.max(...c.map(id => options.nodeWidth(byId.get(id)!))),
  );
  const columnX: number[] = [];
  let x = 0;
  for (const w of columnWidths) {
    columnX.push(x);
    x += w + columnGap;
  }
  const graphWidth = Math.max(0, x - columnGap);
  const tallest = Math.max(0, ...columns.map(c => c.length));
  const columnHeight = (n: number) =>
    n > 0 ? n * nodeHeight + (n - 1) * rowGap : 0;
  const graphHeight = columnHeight(tallest);

  const placed: PositionedNode<N>[] = [];
  const position = new Map<string, PositionedNode<N>>();
  columns.forEach((column, layer) => {
    const top = (graphHeight - columnHeight(column.length)) / 2;
    column.forEach((id, order) => {
      const node = byId.get(id)!;
      const p: PositionedNode<N> = {
        node,
        layer,
        order,
        x: columnX[layer] + (columnWidths[layer] - options.nodeWidth(node)) / 2,
        y: top + order * (nodeHeight + rowGap),
        width: options.nodeWidth(node),
        height: nodeHeight,
      };
      placed.push(p);
      position.set(id, p);
    });
  });

  const positionedEdges: PositionedEdge[] = validEdges.map(({ from, to }) => {
    const a = position.get(from)!;
    const b = position.get(to)!;
    return {
      from,
      to,
      source: [a.x + a.width, a.y + a.height / 2],
      target: [b.x, b.y + b.height / 2],
    };
  });

  // Unconnected nodes (a job without edges, tables the pipeline does not know) go in one
  // row under the graph, so they neither pretend to be sources nor disappear.
  const unconnectedTop = graphHeight > 0 ? graphHeight + rowGap * 2 : 0;
  let ux = 0;
  const unconnected: PositionedNode<N>[] = nodes
    .filter(n => !linked.has(n.id))
    .map((node, order) => {
      const width = options.nodeWidth(node);
      const p = {
        node,
        layer: -1,
        order,
        x: ux,
        y: unconnectedTop,
        width,
        height: nodeHeight,
      };
      ux += width + rowGap;
      return p;
    });
  const unconnectedWidth = Math.max(0, ux - rowGap);

  return {
    nodes: placed,
    unconnected,
    edges: positionedEdges,
    layerCount,
    crossings: countCrossings(columns, validEdges),
    width: Math.max(graphWidth, unconnectedWidth),
    height: unconnected.length > 0 ? unconnectedTop + nodeHeight : graphHeight,
  };
}
