import type { LineageEdge } from '@medallion/plugin-lakehouse-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { LineageNodeView } from './lineageNodes';

const useStyles = makeStyles(theme => ({
  details: { marginTop: theme.spacing(1) },
  summary: { cursor: 'pointer' },
  list: { margin: theme.spacing(1, 0), columns: '22em' },
}));

function describe(view: LineageNodeView | undefined, id: string): string {
  if (!view) return id;
  const what = `${view.planned ? 'planned ' : ''}${view.kind}`;
  return `${view.node.label} (${
    view.status ? `${what}, ${view.status}` : what
  })`;
}

/** The graph's edges as text: the fallback for anyone the drawing does not serve. */
export function LineageEdgeList({
  views,
  edges,
}: {
  views: readonly LineageNodeView[];
  edges: readonly LineageEdge[];
}) {
  const classes = useStyles();
  const byId = new Map(views.map(v => [v.id, v]));
  const linked = new Set(edges.flatMap(e => [e.from, e.to]));
  const unconnected = views.filter(v => !linked.has(v.id));
  return (
    <details className={classes.details}>
      <summary className={classes.summary}>
        <Typography variant="body2" component="span">
          Lineage as text ({edges.length} edges)
        </Typography>
      </summary>
      <ul className={classes.list} aria-label="Lineage edges">
        {edges.map(e => (
          <li key={`${e.from}->${e.to}`}>
            <Typography variant="body2" component="span">
              {describe(byId.get(e.from), e.from)} →{' '}
              {describe(byId.get(e.to), e.to)}
            </Typography>
          </li>
        ))}
      </ul>
      {unconnected.length > 0 && (
        <Typography variant="body2">
          Not connected: {unconnected.map(v => describe(v, v.id)).join(', ')}
        </Typography>
      )}
    </details>
  );
}
