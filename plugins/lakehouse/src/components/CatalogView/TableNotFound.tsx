import { EmptyState, Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useCatalogPaths } from './catalogPaths';

export function TableNotFound({ id }: { id: string }) {
  const paths = useCatalogPaths();
  return (
    <EmptyState
      missing="data"
      title={`The table ${id} does not exist`}
      description="It may have been dropped or renamed, or the link is mistyped."
      action={
        <Typography variant="body1">
          <Link to={paths.list}>Back to all tables</Link>
        </Typography>
      }
    />
  );
}
