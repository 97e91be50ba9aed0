import type { DbtTestCounts } from '@medallion/plugin-lakehouse-common';
import { useTheme } from '@material-ui/core/styles';
import { testStatusStyle, type StatusStyle } from './dbtStatusStyles';

const PARTS: Array<{ key: keyof DbtTestCounts; style: StatusStyle }> = [
  { key: 'passed', style: { ...testStatusStyle('pass'), word: 'passed' } },
  { key: 'failed', style: { ...testStatusStyle('fail'), word: 'failed' } },
  { key: 'warned', style: { ...testStatusStyle('warn'), word: 'warned' } },
  { key: 'notRun', style: testStatusStyle(null) },
];

/** "✓ 13 passed ✕ 1 failed ▲ 1 warned ○ 0 not run"; zero counts recede. */
export function TestCountsSummary({ tests }: { tests: DbtTestCounts }) {
  const muted = useTheme().palette.text.disabled;
  if (tests.total === 0) return <span>no tests</span>;
  return (
    <span
      aria-label={`Tests: ${PARTS.map(
        p => `${tests[p.key]} ${p.style.word}`,
      ).join(', ')}`}
      style={{ display: 'inline-flex', flexWrap: 'wrap', gap: '0 10px' }}
    >
      {PARTS.map(({ key, style }) => (
        <span
          key={key}
          aria-hidden="true"
          style={{
            color: tests[key] > 0 ? style.colour : muted,
            fontWeight: tests[key] > 0 && key !== 'passed' ? 600 : 400,
            whiteSpace: 'nowrap',
          }}
        >
          {style.symbol} {tests[key]} {style.word}
        </span>
      ))}
    </span>
  );
}
