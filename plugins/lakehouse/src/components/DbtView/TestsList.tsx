import type { DbtTestLatest } from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import { DbtStatusChip } from './DbtStatusChip';
import { testStatusStyle } from './dbtStatusStyles';

/** Tests with their latest status; dbt's message (e.g. why it failed) on hover. */
export function TestsList({ tests }: { tests: DbtTestLatest[] }) {
  if (tests.length === 0) return <>—</>;
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {tests.map(t => (
        <Box
          component="li"
          key={t.uniqueId}
          mb={0.5}
          title={t.message ?? undefined}
        >
          <DbtStatusChip style={testStatusStyle(t.status)} label={t.name} />{' '}
          {t.name}
          {t.failures !== null &&
            t.failures > 0 &&
            ` (${t.failures} failing rows)`}
        </Box>
      ))}
    </Box>
  );
}
