import { Link } from '@backstage/core-components';
import type { DbtNodeRef } from '@medallion/plugin-lakehouse-common';
import Typography from '@material-ui/core/Typography';
import { tableOfNodeName, useDbtPaths } from './dbtPaths';

function NodeLink({ node }: { node: DbtNodeRef }) {
  const paths = useDbtPaths();
  if (node.resourceType === 'model')
    return <Link to={paths.model(node.name)}>{node.name}</Link>;
  const table = tableOfNodeName(node.name);
  if (table)
    return (
      <Link to={paths.catalogTable(table.namespace, table.table)}>
        {node.name}
      </Link>
    );
  return <>{node.name}</>;
}

/**
 * Upstream or downstream nodes: models link to their dbt page, sources (tables such
 * as `silver.purchases`) to the Catalog tab.
 */
export function NodeLinks({
  title,
  nodes,
}: {
  title: string;
  nodes: DbtNodeRef[];
}) {
  return (
    <>
      <Typography variant="h6" component="h3">
        {title}
      </Typography>
      {nodes.length === 0 ? (
        <Typography variant="body2">none</Typography>
      ) : (
        <ul aria-label={title}>
          {nodes.map(n => (
            <li key={n.uniqueId}>
              <NodeLink node={n} /> ({n.resourceType})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
