import { Link } from '@backstage/core-components';
import { useDbtPaths } from './dbtPaths';

/** The empty states' hint: where gold builds come from. */
export function NoDbtBuildYet() {
  const paths = useDbtPaths();
  return (
    <>
      The gold job runs every 10 minutes, or trigger it from the{' '}
      <Link to={paths.jobs}>Jobs tab</Link>.
    </>
  );
}
