/**
 * The real stack for the browser tests: the standalone lakehouse backend (with the demo
 * producer streaming into the test broker) and the frontend dev app, each on its own
 * port, over a temporary MEDALLION_HOME; both stopped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..');

export interface Stack {
  appUrl: string;
  backendUrl: string;
  token: string;
  home: string;
  stop(): Promise<void>;
}

function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
) {
  const child = spawn(command, args, {
    ...options,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: stop() ends the dev server's children too
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, child, log: () => log };
}

async function waitFor(
  what: string,
  url: string,
  proc: { child: ChildProcess; log: () => string },
  timeoutMs: number,
  headers: Record<string, string> = {},
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null)
      throw new Error(
        `${what} exited (${proc.child.exitCode}):\n${proc.log()}`,
      );
    try {
      const res = await fetch(url, { headers });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `${what} did not answer at ${url} within ${
      timeoutMs / 1000
    } s:\n${proc.log()}`,
  );
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise(done => {
    if (child.exitCode !== null || !child.pid) {
      done();
      return;
    }
    const kill = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone already
      }
    }, 20_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    try {
      process.kill(-child.pid, 'SIGINT');
    } catch {
      done();
    }
  });
}

export async function startStack(
  options: {
    backendPort?: number;
    appPort?: number;
    /** Start the frontend dev app too (default true; benchmarks need only the backend). */
    frontend?: boolean;
    /**
     * State root to use and keep (a restarted backend picks up where it stopped);
     * default a fresh temporary one, deleted by stop().
     */
    home?: string;
    /** The static token and the service subject runs triggered with it record. */
    token?: string;
    subject?: string;
    /** YAML merged over the stack's configuration (e.g. job schedules). */
    config?: string;
  } = {},
): Promise<Stack> {
  const backendPort = options.backendPort ?? 17007;
  const appPort = options.appPort ?? 13000;
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'medallion-e2e-'));
  mkdirSync(home, { recursive: true });
  const token = options.token ?? `e2e-${Date.now()}-token`;
  // Topic and consumer group stay with the home: a restart resumes the same stream.
  const streamId = options.home
    ? createHash('sha256').update(resolve(home)).digest('hex').slice(0, 12)
    : String(Date.now());
  const appUrl = `http://localhost:${appPort}`;
  const backendUrl = `http://localhost:${backendPort}`;
  const config = join(home, 'app-config.e2e.yaml');
  writeFileSync(
    config,
    `app:
  baseUrl: ${appUrl}
backend:
  baseUrl: ${backendUrl}
  listen: { port: ${backendPort}, host: 127.0.0.1 }
  cors: { origin: ${appUrl}, methods: [GET, HEAD, PATCH, POST, PUT, DELETE], credentials: true }
  database: { client: better-sqlite3, connection: { directory: ${join(
    home,
    'db',
  )} } }
  auth:
    externalAccess:
      - type: static
        options: { token: ${token}, subject: ${options.subject ?? 'e2e'} }
        accessRestrictions: [{ plugin: lakehouse }]
lakehouse:
  devToken: ${token}
  home: ${home}
  kafka:
    topic: purchases-e2e-${streamId}
    labelsTopic: purchases-e2e-${streamId}.labels
    consumerGroup: e2e-${streamId}
  jobs:
    producer: { enabled: true, startOnBoot: true, rate: 200, durationSeconds: 3600, malformedRate: 0.02 }
    silver: { schedule: { frequency: { seconds: 3 } } }
    # gold is built from the UI by the test; no scheduled build in between
    gold: { schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } } }
`,
  );
  const configArgs = [
    '--config',
    join(REPO_ROOT, 'app-config.yaml'),
    '--config',
    config,
  ];
  if (options.config) {
    const overrides = join(home, 'app-config.overrides.yaml');
    writeFileSync(overrides, options.config);
    configArgs.push('--config', overrides);
  }
  const env = { ...process.env, BROWSER: 'none', NODE_ENV: undefined };
  const backend = startProcess(
    'backend',
    process.execPath,
    [
      '--import',
      'tsx',
      'plugins/lakehouse-backend/dev/index.ts',
      ...configArgs,
    ],
    { cwd: REPO_ROOT, env },
  );
  const frontend =
    options.frontend === false
      ? undefined
      : startProcess(
          'frontend',
          'npx',
          ['backstage-cli', 'package', 'start', ...configArgs],
          { cwd: join(REPO_ROOT, 'plugins/lakehouse'), env },
        );
  const stop = async () => {
    await Promise.all([
      frontend && stopProcess(frontend.child),
      stopProcess(backend.child),
    ]);
    if (!options.home) rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'the backend',
      `${backendUrl}/api/lakehouse/health`,
      backend,
      120_000,
    );
    if (frontend)
      await waitFor(
        'the frontend dev app',
        `${appUrl}/lakehouse`,
        frontend,
        240_000,
      );
  } catch (error) {
    await stop();
    throw error;
  }
  return { appUrl, backendUrl, token, home, stop };
}
