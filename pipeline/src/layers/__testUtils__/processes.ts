/**
 * The medallion CLI as long-running child processes the reliability tests can kill -9,
 * and the seeded randomness that decides when.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { Random } from '../../events/random';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'medallion.js');
const KEEP_CHARS = 20_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface MedallionProcess {
  readonly label: string;
  readonly child: ChildProcess;
  readonly startedAt: number;
  /** Resolves when the process has exited and its pipes are drained. */
  readonly exited: Promise<Exit>;
  /** The tail of its stderr (progress lines are carriage-return separated). */
  stderr(): string;
  /** Every `medallion crash point: …` report (with the files it left behind). */
  crashReports(): CrashReport[];
  signal(signal: NodeJS.Signals): void;
}

export interface CrashReport {
  point: string;
  hit: number;
  files: string[];
}

const running = new Set<ChildProcess>();

/** SIGKILLs every child still running (afterAll: a failed test must leave no process behind). */
export async function killAllMedallion(): Promise<void> {
  const waits = [...running].map(
    child =>
      new Promise<void>(resolve => {
        child.once('close', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(waits);
}

export function startMedallion(
  label: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): MedallionProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  child.once('close', () => running.delete(child));
  let tail = '';
  // Crash reports are kept whole, however much progress output follows them.
  let crashText = '';
  child.stderr!.on('data', (d: Buffer) => {
    const text = d.toString();
    tail = (tail + text).slice(-KEEP_CHARS);
    if (text.includes('crash point') || crashText) crashText += text;
  });
  const exited = new Promise<Exit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    label,
    child,
    startedAt: Date.now(),
    exited,
    stderr: () => tail,
    crashReports: () => parseCrashReports(crashText),
    signal: s => {
      if (child.exitCode === null && child.signalCode === null) child.kill(s);
    },
  };
}

export function parseCrashReports(text: string): CrashReport[] {
  const reports: CrashReport[] = [];
  let current: CrashReport | undefined;
  for (const line of text.split(/[\r\n]+/)) {
    const head = /medallion crash point: (\S+) hit (\d+)/.exec(line);
    const file = /^ {2}left behind: (\S+)$/.exec(line);
    if (head) {
      current = { point: head[1]!, hit: Number(head[2]), files: [] };
      reports.push(current);
    } else if (file && current) {
      current.files.push(file[1]!);
    }
  }
  return reports;
}

export const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/** Polls `check` until it returns a value (not undefined), or fails with `what`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * The seed of a test's random choices: MEDALLION_RELIABILITY_SEED to replay a failure,
 * else a fresh one per run (every CI run explores other kill points). Printed either way.
 */
export function testRandom(test: string): { seed: string; random: Random } {
  const seed =
    process.env.MEDALLION_RELIABILITY_SEED ?? String(randomInt(1, 2 ** 31));
  // eslint-disable-next-line no-console
  console.log(
    `${test}: seed ${seed} (replay with MEDALLION_RELIABILITY_SEED=${seed})`,
  );
  return { seed, random: new Random(`${seed}:${test}`) };
}

/** One planned life of a supervised process: armed with a crash point, or killed after a delay. */
export interface LifePlan {
  /** MEDALLION_CRASH_AT for this life (it dies there by itself). */
  crashAt?: string;
  /** SIGKILL from outside after this long (for an armed life: if it has not crashed yet). */
  killAfterMs: number;
}

export interface LifeRecord {
  life: number;
  plan: LifePlan | 'final';
  /** crash-point: died at its armed point; killed: SIGKILL by the test; stopped: SIGTERM at the end. */
  outcome: 'crash-point' | 'killed' | 'stopped' | 'exited';
  ms: number;
  exit: Exit;
  reports: CrashReport[];
  stderr: string;
}

export interface SuperviseOptions {
  label: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Lives to run in order; an armed life that missed its point is retried once more. */
  plans: LifePlan[];
  /** The last life runs until this holds, then gets SIGTERM (a clean stop must exit 0). */
  finished: () => Promise<boolean>;
  finishTimeoutMs: number;
  /** stderr text that shows the process is up (its signal handlers installed). */
  readyText: string;
  /** After every death, before the next start (e.g. evict dead group members). */
  afterDeath?: () => Promise<void>;
  log: (line: string) => void;
}

/** Runs, kills and restarts a CLI process through its planned lives; returns what happened. */
export async function superviseLives(
  o: SuperviseOptions,
): Promise<LifeRecord[]> {
  const records: LifeRecord[] = [];
  const queue = [...o.plans];
  const retried = new Set<string>();
  for (let life = 1; ; life++) {
    const plan: LifePlan | 'final' = queue.shift() ?? 'final';
    const env =
      plan !== 'final' && plan.crashAt
        ? { ...o.env, MEDALLION_CRASH_AT: plan.crashAt }
        : o.env;
    const proc = startMedallion(`${o.label}#${life}`, o.args, env);
    let outcome: LifeRecord['outcome'];
    if (plan === 'final') {
      // A SIGTERM before the CLI installed its handler would kill it, not stop it cleanly.
      await waitFor(
        `${o.label} to finish`,
        async () =>
          proc.stderr().includes(o.readyText) && (await o.finished())
            ? true
            : undefined,
        o.finishTimeoutMs,
      );
      proc.signal('SIGTERM');
      outcome = 'stopped';
    } else {
      const timer = sleep(plan.killAfterMs).then(() => 'timer' as const);
      const first = await Promise.race([proc.exited, timer]);
      if (first === 'timer') {
        proc.signal('SIGKILL');
        outcome = 'killed';
      } else {
        outcome = 'exited';
      }
    }
    const exit = await proc.exited;
    const reports = proc.crashReports();
    if (outcome === 'exited' && reports.length > 0 && exit.signal === 'SIGKILL')
      outcome = 'crash-point';
    const record: LifeRecord = {
      life,
      plan,
      outcome,
      ms: Date.now() - proc.startedAt,
      exit,
      reports,
      stderr: proc.stderr(),
    };
    records.push(record);
    o.log(
      `${o.label} life ${life} (${
        plan === 'final'
          ? 'final'
          : plan.crashAt ?? `kill after ${plan.killAfterMs} ms`
      }): ${outcome} after ${record.ms} ms${
        reports.length ? ` at ${reports[0]!.point} hit ${reports[0]!.hit}` : ''
      }`,
    );
    if (plan === 'final') return records;
    // An armed life killed before it reached its point: arm the next one the same way.
    if (
      plan.crashAt &&
      outcome !== 'crash-point' &&
      !retried.has(plan.crashAt)
    ) {
      retried.add(plan.crashAt);
      queue.unshift({ ...plan });
    }
    await o.afterDeath?.();
  }
}
