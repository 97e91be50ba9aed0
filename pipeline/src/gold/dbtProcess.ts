/** Runs one Python program (dbt, the gold commit) and streams its output line by line. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** The last stderr lines, for error messages. */
  stderrTail: string[];
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Keep stdout in the result (the commit script prints JSON); default false. */
  captureStdout?: boolean;
}

const TAIL = 40;

export function runPython(
  python: string,
  args: string[],
  options: RunOptions,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
    });
    const out: string[] = [];
    const tail: string[] = [];
    let pending = 2;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null =
      null;
    const finish = () => {
      if (pending > 0 || exit === null) return;
      resolve({
        ...exit,
        stdout: out.join('\n'),
        stderrTail: tail,
      });
    };
    const follow = (stream: 'stdout' | 'stderr') => {
      const lines = createInterface({ input: child[stream] });
      lines.on('line', line => {
        if (stream === 'stdout' && options.captureStdout) out.push(line);
        if (stream === 'stderr') {
          tail.push(line);
          if (tail.length > TAIL) tail.shift();
        }
        options.onLine?.(line, stream);
      });
      lines.on('close', () => {
        pending--;
        finish();
      });
    };
    follow('stdout');
    follow('stderr');
    child.on('error', error => {
      const aborted = options.signal?.aborted;
      reject(
        aborted
          ? new Error('gold build aborted')
          : new Error(`cannot run ${python}: ${error.message}`),
      );
    });
    child.on('close', (code, signal) => {
      exit = { code, signal };
      finish();
    });
  });
}
