import {
  assignLayers,
  countCrossings,
  layoutDag,
  orderColumns,
  type LayoutOptions,
} from './lineageLayout';
import { lineage } from './__testUtils__/lineageFixtures';

type N = { id: string };
const nodes = (...ids: string[]): N[] => ids.map(id => ({ id }));
const e = (spec: string) =>
  spec.split(' ').map(pair => {
    const [from, to] = pair.split('>');
    return { from, to };
  });
const options: LayoutOptions<N> = {
  nodeWidth: () => 100,
  nodeHeight: 40,
  columnGap: 50,
  rowGap: 10,
};

describe('assignLayers', () => {
  it('puts every node one column after its furthest predecessor', () => {
    // a → b → c and a → c: c is two steps from a by the longest path.
    const layers = assignLayers(['a', 'b', 'c', 'd'], e('a>b b>c a>c d>c'));
    expect(Object.fromEntries(layers)).toEqual({ a: 0, b: 1, c: 2, d: 0 });
  });

  it('survives a cycle and edges to unknown nodes', () => {
    const layers = assignLayers(['a', 'b', 'c'], e('a>b b>c c>b b>x'));
    expect([...layers.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(layers.get('a')).toBe(0);
    expect(layers.get('b')).toBeGreaterThan(0);
  });
});

describe('countCrossings', () => {
  it('counts pairs of edges that cross between adjacent columns', () => {
    expect(
      countCrossings(
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
        e('a>c b>d'),
      ),
    ).toBe(0);
    expect(
      countCrossings(
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
        e('a>d b>c'),
      ),
    ).toBe(1);
    // Edges that share an end never cross.
    expect(
      countCrossings(
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
        e('a>c a>d'),
      ),
    ).toBe(0);
  });
});

describe('orderColumns', () => {
  it('untangles crossings with barycenter sweeps', () => {
    const columns = [
      ['a', 'b', 'c'],
      ['z', 'y', 'x'],
    ];
    const edges = e('a>x b>y c>z');
    expect(countCrossings(columns, edges)).toBe(3);
    const ordered = orderColumns(columns, edges);
    expect(countCrossings(ordered, edges)).toBe(0);
    expect(ordered[0]).toEqual(['a', 'b', 'c']);
    expect(ordered[1]).toEqual(['x', 'y', 'z']);
  });

  it('keeps an ordering without crossings as it is', () => {
    const columns = [['a', 'b'], ['c', 'd'], ['e']];
    const edges = e('a>c b>d c>e d>e');
    expect(orderColumns(columns, edges)).toEqual(columns);
  });
});

describe('layoutDag', () => {
  it('lays a chain out left to right and centres short columns', () => {
    const layout = layoutDag(
      nodes('a', 'b', 'c', 'd'),
      e('a>b a>c b>d c>d'),
      options,
    );
    const at = Object.fromEntries(
      layout.nodes.map(p => [p.node.id, [p.layer, p.x, p.y]]),
    );
    expect(at).toEqual({
      a: [0, 0, 25],
      b: [1, 150, 0],
      c: [1, 150, 50],
      d: [2, 300, 25],
    });
    expect(layout.width).toBe(400);
    expect(layout.height).toBe(90);
    expect(layout.edges[0]).toEqual({
      from: 'a',
      to: 'b',
      source: [100, 45],
      target: [150, 20],
    });
  });

  it('sizes each column by its widest node', () => {
    const layout = layoutDag(
      [{ id: 'a' }, { id: 'b', w: 60 }, { id: 'c', w: 120 }, { id: 'd' }],
      e('a>b a>c b>d c>d'),
      { ...options, nodeWidth: n => ('w' in n ? (n.w as number) : 100) },
    );
    const x = Object.fromEntries(layout.nodes.map(p => [p.node.id, p.x]));
    // Column 1 is 120 wide; the 60-wide node is centred in it.
    expect(x).toEqual({ a: 0, b: 180, c: 150, d: 320 });
  });

  it('puts nodes without edges in a row of their own below the graph', () => {
    const layout = layoutDag(
      nodes('a', 'lonely', 'b', 'alone'),
      e('a>b'),
      options,
    );
    expect(layout.nodes.map(p => p.node.id)).toEqual(['a', 'b']);
    expect(layout.unconnected.map(p => [p.node.id, p.x, p.y])).toEqual([
      ['lonely', 0, 60],
      ['alone', 110, 60],
    ]);
    expect(layout.height).toBe(100);
  });

  it('ignores edges to unknown nodes and copes with an empty graph', () => {
    const layout = layoutDag(nodes('a', 'b'), e('a>b a>ghost'), options);
    expect(layout.edges).toHaveLength(1);
    const empty = layoutDag([], [], options);
    expect(empty).toMatchObject({ nodes: [], edges: [], width: 0, height: 0 });
  });

  it('lays out the pipeline in eight columns without crossings', () => {
    const layout = layoutDag(lineage.nodes, lineage.edges, options);
    expect(layout.layerCount).toBe(8);
    expect(layout.crossings).toBe(0);
    const columns = Array.from({ length: 8 }, (_, l) =>
      layout.nodes.filter(p => p.layer === l).map(p => p.node.label),
    );
    expect(columns).toEqual([
      ['event producer'],
      ['purchases', 'purchases.labels'],
      ['bronze ingester'],
      ['bronze.purchases_raw', 'bronze.purchase_labels'],
      ['silver processor'],
      ['silver.purchases', 'silver.purchases_rejected'],
      ['dbt build (gold)', 'anomaly scoring'],
      ['gold.fct_purchases', 'gold.purchase_anomalies'],
    ]);
    expect(layout.unconnected.map(p => p.node.label)).toEqual([
      'table maintenance',
      'scratch.tmp_import',
    ]);
    // Every edge runs left to right.
    for (const edge of layout.edges)
      expect(edge.target[0]).toBeGreaterThan(edge.source[0]);
  });
});
