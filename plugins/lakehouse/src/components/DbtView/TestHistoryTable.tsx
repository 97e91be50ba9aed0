import { Link } from '@backstage/core-components';
import type { DbtTestRun } from '@medallion/plugin-lakehouse-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { formatTime } from '../shared';
import { RUN_STYLES, testStatusStyle } from './dbtStatusStyles';
import { shortRunId, useDbtPaths } from './dbtPaths';
import { testHistoryGrid, type TestHistoryCell } from './testHistoryGrid';

function cellLabel(test: string, run: DbtTestRun, cell: TestHistoryCell) {
  const where = `in gold run ${shortRunId(run.runId)}`;
  if (cell === null) return `${test}: not in the build ${where}`;
  const failing =
    cell.failures !== null && cell.failures > 0
      ? ` (${cell.failures} failing rows)`
      : '';
  return `${test}: ${testStatusStyle(cell.status).word}${failing} ${where}`;
}

function Cell(props: { test: string; run: DbtTestRun; cell: TestHistoryCell }) {
  const label = cellLabel(props.test, props.run, props.cell);
  const style = props.cell ? testStatusStyle(props.cell.status) : null;
  return (
    <TableCell align="center" padding="none">
      <span
        role="img"
        aria-label={label}
        title={label}
        style={{
          color: style?.colour,
          fontWeight: 700,
          fontSize: '1.1em',
        }}
      >
        {style?.symbol ?? '·'}
      </span>
    </TableCell>
  );
}

/**
 * The model's tests over the kept runs as a compact grid: a column per run (newest
 * left), a row per test, each cell a status symbol named for screen readers.
 */
export function TestHistoryTable({
  model,
  history,
}: {
  model: string;
  history: DbtTestRun[];
}) {
  const paths = useDbtPaths();
  const grid = useMemo(() => testHistoryGrid(history), [history]);
  if (grid.runs.length === 0)
    return <Typography>No kept run has built this model yet.</Typography>;
  if (grid.tests.length === 0)
    return (
      <Typography>
        The model has no tests in the last {grid.runs.length} runs.
      </Typography>
    );
  return (
    <Box overflow="auto">
      <Table size="small" aria-label={`Test history of ${model}`}>
        <TableHead>
          <TableRow>
            <TableCell>Test</TableCell>
            {grid.runs.map(run => {
              const runStyle = RUN_STYLES[run.status];
              return (
                <TableCell
                  key={run.runId}
                  align="center"
                  padding="none"
                  title={`${formatTime(run.startedAt)}: build ${runStyle.word}`}
                >
                  <Link to={paths.jobRun(run.runId)}>
                    {shortRunId(run.runId)}
                  </Link>
                  <div>
                    <span
                      role="img"
                      aria-label={`build ${runStyle.word}`}
                      style={{ color: runStyle.colour }}
                    >
                      {runStyle.symbol}
                    </span>
                  </div>
                </TableCell>
              );
            })}
          </TableRow>
        </TableHead>
        <TableBody>
          {grid.tests.map(test => (
            <TableRow key={test.uniqueId}>
              <TableCell component="th" scope="row" role="rowheader">
                {test.name}
              </TableCell>
              {test.cells.map((cell, i) => (
                <Cell
                  key={grid.runs[i]!.runId}
                  test={test.name}
                  run={grid.runs[i]!}
                  cell={cell}
                />
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" component="p">
        ✓ pass · ▲ warn · ✕ fail · ■ error · ⊘ skipped · “·” not in that build.
        Columns are gold runs, newest first.
      </Typography>
    </Box>
  );
}
