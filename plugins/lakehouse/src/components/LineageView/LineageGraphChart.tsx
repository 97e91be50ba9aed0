import type { LineageEdge } from '@medallion/plugin-lakehouse-common';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { linkHorizontal } from 'd3';
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { FRESHNESS_COLOURS, OKABE_ITO } from '../shared';
import { layoutDag, type PositionedNode } from './lineageLayout';
import type { LineageNodeView } from './lineageNodes';

const NODE_HEIGHT = 44;
const MARGIN = 12;
const CHAR_WIDTH = 6.9;
/** Below this share of its natural size the graph scrolls rather than shrinks. */
const MIN_SCALE = 0.7;

/** Wide enough for the label in 13px type, within reason. */
const nodeWidth = (view: LineageNodeView) =>
  Math.min(
    260,
    Math.max(
      120,
      Math.max(view.node.label.length, view.detail.length) * CHAR_WIDTH + 24,
    ),
  );

const useStyles = makeStyles(theme => ({
  scroller: { overflowX: 'auto', paddingBottom: theme.spacing(1) },
  node: {
    cursor: 'default',
    outline: 'none',
    '&[href]': { cursor: 'pointer' },
    '&:focus-visible $shape, &:hover $shape': { strokeWidth: 3.5 },
    '&:focus-visible $focusRing': { visibility: 'visible' },
  },
  shape: {},
  focusRing: { visibility: 'hidden' },
  label: { fontSize: 13, fontWeight: 600 },
  detail: { fontSize: 11 },
  caption: { fontSize: 11, fontStyle: 'italic' },
}));

const hexagon = (w: number, h: number) => {
  const t = 10;
  return `${t},0 ${w - t},0 ${w},${h / 2} ${w - t},${h} ${t},${h} 0,${h / 2}`;
};

function NodeShape({
  view,
  width,
  height,
  className,
}: {
  view: LineageNodeView;
  width: number;
  height: number;
  className: string;
}) {
  const theme = useTheme();
  const neutral = theme.palette.text.secondary;
  const dash = view.planned ? '6 4' : undefined;
  if (view.kind === 'job')
    return (
      <polygon
        className={className}
        points={hexagon(width, height)}
        fill={theme.palette.background.default}
        stroke={view.planned ? neutral : theme.palette.text.primary}
        strokeWidth={2}
        strokeDasharray={dash}
      />
    );
  const colour =
    view.status && !view.planned ? FRESHNESS_COLOURS[view.status] : neutral;
  return (
    <rect
      className={className}
      width={width}
      height={height}
      // Topics are pills, tables are cards: a second cue next to the colour.
      rx={view.kind === 'topic' ? height / 2 : 6}
      fill={
        view.status && !view.planned ? colour : theme.palette.background.paper
      }
      fillOpacity={view.status && !view.planned ? 0.18 : 1}
      stroke={colour}
      strokeWidth={2}
      strokeDasharray={dash}
    />
  );
}

function GraphNode({
  placed,
  active,
  onActivate,
}: {
  placed: PositionedNode<LineageNodeView>;
  active: boolean;
  onActivate: (id: string | undefined) => void;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const { node: view, x, y, width, height } = placed;
  const body = (
    <>
      <title>{view.ariaLabel}</title>
      <rect
        className={classes.focusRing}
        x={-4}
        y={-4}
        width={width + 8}
        height={height + 8}
        rx={8}
        fill="none"
        stroke={OKABE_ITO.blue}
        strokeWidth={2}
      />
      <NodeShape
        view={view}
        width={width}
        height={height}
        className={classes.shape}
      />
      <text
        className={classes.label}
        x={width / 2}
        y={18}
        textAnchor="middle"
        fill={theme.palette.text.primary}
        fontWeight={active ? 700 : undefined}
      >
        {view.node.label}
      </text>
      <text
        className={classes.detail}
        x={width / 2}
        y={34}
        textAnchor="middle"
        fill={theme.palette.text.secondary}
      >
        {view.detail}
      </text>
    </>
  );
  const events = {
    onMouseEnter: () => onActivate(view.id),
    onMouseLeave: () => onActivate(undefined),
    onFocus: () => onActivate(view.id),
    onBlur: () => onActivate(undefined),
  };
  // Every node takes focus; those with somewhere to go are real links.
  return (
    <g transform={`translate(${x},${y})`}>
      {view.href ? (
        <Link
          to={view.href}
          className={classes.node}
          aria-label={view.ariaLabel}
          {...events}
        >
          {body}
        </Link>
      ) : (
        <g
          className={classes.node}
          tabIndex={0}
          role="img"
          aria-label={view.ariaLabel}
          {...events}
        >
          {body}
        </g>
      )}
    </g>
  );
}

/**
 * The lineage DAG, left to right, with curved links and arrowheads. A `group` rather
 * than an `img`: an image role would hide the node links from assistive technology.
 */
export function LineageGraphChart({
  views,
  edges,
  summary,
}: {
  views: readonly LineageNodeView[];
  edges: readonly LineageEdge[];
  summary: string;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const ids = useId().replace(/:/g, '');
  const [active, setActive] = useState<string | undefined>();
  const layout = useMemo(
    () =>
      layoutDag(views, edges, {
        nodeWidth,
        nodeHeight: NODE_HEIGHT,
        columnGap: 48,
        rowGap: 20,
      }),
    [views, edges],
  );
  const link = useMemo(() => linkHorizontal(), []);
  const width = layout.width + MARGIN * 2 + 8;
  const height = layout.height + MARGIN * 2;
  const arrow = `${ids}-arrow`;
  const arrowActive = `${ids}-arrow-active`;
  const edgeColour = theme.palette.text.secondary;
  const firstUnconnected = layout.unconnected[0];

  return (
    <div className={classes.scroller}>
      <svg
        role="group"
        aria-label="Lineage graph"
        aria-describedby={`${ids}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        // Fits the card down to MIN_SCALE, then scrolls sideways.
        style={{
          width: '100%',
          maxWidth: width,
          minWidth: width * MIN_SCALE,
          height: 'auto',
        }}
      >
        <title>Lineage graph</title>
        <desc id={`${ids}-desc`}>{summary}</desc>
        <defs>
          {[
            [arrow, edgeColour],
            [arrowActive, OKABE_ITO.blue],
          ].map(([id, fill]) => (
            <marker
              key={id}
              id={id}
              viewBox="0 0 10 10"
              refX={10}
              refY={5}
              markerWidth={7}
              markerHeight={7}
              orient="auto"
            >
              <path d="M0,0L10,5L0,10z" fill={fill} />
            </marker>
          ))}
        </defs>
        <g transform={`translate(${MARGIN},${MARGIN})`}>
          <g aria-hidden="true">
            {layout.edges.map(e => {
              const lit =
                active !== undefined && (e.from === active || e.to === active);
              return (
                <path
                  key={`${e.from}->${e.to}`}
                  d={link({ source: e.source, target: e.target }) ?? ''}
                  fill="none"
                  stroke={lit ? OKABE_ITO.blue : edgeColour}
                  strokeOpacity={lit ? 1 : 0.7}
                  strokeWidth={lit ? 2.5 : 1.5}
                  markerEnd={`url(#${lit ? arrowActive : arrow})`}
                />
              );
            })}
          </g>
          {firstUnconnected && (
            <text
              className={classes.caption}
              x={0}
              y={firstUnconnected.y - 8}
              fill={theme.palette.text.secondary}
            >
              Not connected to the pipeline:
            </text>
          )}
          {[...layout.nodes, ...layout.unconnected].map(placed => (
            <GraphNode
              key={placed.node.id}
              placed={placed}
              active={placed.node.id === active}
              onActivate={setActive}
            />
          ))}
        </g>
      </svg>
    </div>
  );
}
