/**
 * Fault injection for the reliability tests: named points in the write paths where a
 * process can be made to die exactly as `kill -9` would, so that the crash tests cover
 * instants a random external kill rarely hits (mid file write, between writing the data
 * files and the catalog commit).
 *
 * Armed only through the environment: `MEDALLION_CRASH_AT=<name>[:<nth hit>]` (default
 * the 1st hit). Unset, every call is one comparison against a constant. Before dying
 * the process writes one line to stderr, `medallion crash point: <name> hit <n>` plus
 * the files it leaves behind, so a test knows which crash it caused and which files
 * must never become part of a table.
 *
 * No project imports on purpose: the Iceberg writer calls into this module too, and it
 * must not pull the layers into the iceberg package.
 */
import { writeSync } from 'node:fs';

interface Armed {
  name: string;
  hit: number;
}

function parse(spec: string | undefined): Armed | undefined {
  if (!spec) return undefined;
  const match = /^([a-z0-9-]+)(?::(\d+))?$/.exec(spec.trim());
  if (!match || (match[2] !== undefined && Number(match[2]) < 1))
    throw new Error(
      `MEDALLION_CRASH_AT must be <name>[:<nth hit ≥ 1>], got "${spec}"`,
    );
  return { name: match[1]!, hit: Number(match[2] ?? 1) };
}

const armed = parse(process.env.MEDALLION_CRASH_AT);
let hits = 0;

/** True when this call is the armed point's nth hit (counting only the armed name). */
function due(name: string): boolean {
  if (armed === undefined || armed.name !== name) return false;
  hits++;
  return hits === armed.hit;
}

function die(name: string, files: readonly string[]): never {
  // Synchronous: the line must be out before the signal lands.
  writeSync(
    2,
    `\nmedallion crash point: ${name} hit ${hits}${files
      .map(f => `\n  left behind: ${f}`)
      .join('')}\n`,
  );
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL cannot be caught; this only satisfies the type checker.
  throw new Error(`crash point ${name}: SIGKILL did not end the process`);
}

/** Dies here (SIGKILL on itself) when armed for `name`; `files` are the ones left behind. */
export function crashPoint(
  name: string,
  files: ReadonlyArray<{ filePath: string }> = [],
): void {
  if (due(name))
    die(
      name,
      files.map(f => f.filePath),
    );
}

/**
 * Before a data file is written: when armed for `name`, writes only a prefix of the
 * bytes through the table's FileIO (a torn write, as a kill inside write() leaves it)
 * and dies. Unarmed it returns undefined without touching anything.
 */
export function crashMidWrite(
  name: string,
  io: { writeNew(location: string, bytes: Uint8Array): Promise<void> },
  location: string,
  bytes: Uint8Array,
): Promise<void> | undefined {
  if (!due(name)) return undefined;
  return io
    .writeNew(location, bytes.subarray(0, Math.floor(bytes.length / 2)))
    .then(() => die(name, [location]));
}
