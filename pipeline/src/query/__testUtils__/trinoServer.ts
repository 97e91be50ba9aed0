/**
 * A real Trino server for tests. Athena engine v3 is built on Trino, and moto's Athena
 * runs no SQL, so the SQL our backend sends to Athena is proven on Trino 476 reading the
 * very Iceberg tables our pipeline writes to Glue + S3 on the AWS emulator.
 *
 * The install is the one `scripts/trino.sh fetch` prints, in MEDALLION_TRINO_HOME. Each
 * call writes a private etc/ and data dir in a temp folder, starts one coordinator that
 * is also its worker on a free port, with a single catalog `lakehouse` (Iceberg
 * connector, Glue catalog and native S3 file system on the emulator), and waits until
 * the server has started and can schedule queries.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { AwsSettings } from '../../aws/clientConfig';
import { freePort } from '../../__testUtils__/freePort';

export interface TrinoServer {
  /** http://127.0.0.1:<port> of the coordinator. */
  url: string;
  /** The Iceberg catalog on the emulator's Glue and S3: 'lakehouse'. */
  catalog: string;
  /** SIGTERM, SIGKILL after 20 s; removes the temp folder. Idempotent. */
  stop(): Promise<void>;
  /** The server's recent stdout and stderr. */
  log(): string;
}

export interface StartTrinoOptions {
  /** The emulator's settings (moto's endpoint and region). */
  aws: AwsSettings;
  /** Where `CREATE SCHEMA` without a location puts its tables. */
  warehouse?: string;
}

export const TRINO_CATALOG = 'lakehouse';
/** Trino 476 needs Java 24+. */
const DEFAULT_JAVA_HOME = '/usr/lib/jvm/temurin-25-jdk-amd64';
const START_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 20_000;
const LOG_LIMIT = 200_000;
/** moto accepts any key pair; these are its documented dummies. */
const EMULATOR_KEY = 'testing';

export function trinoHome(): string {
  const home = process.env.MEDALLION_TRINO_HOME;
  if (!home)
    throw new Error(
      'MEDALLION_TRINO_HOME is not set: run the suite with `npm test` (it fetches Trino), or export MEDALLION_TRINO_HOME=$(bash scripts/trino.sh fetch | tail -1)',
    );
  if (!existsSync(join(home, 'lib')) || !existsSync(join(home, 'plugin')))
    throw new Error(
      `MEDALLION_TRINO_HOME=${home} is not a Trino install (no lib/ or plugin/): rerun bash scripts/trino.sh fetch`,
    );
  return home;
}

function javaBinary(): string {
  const javaHome = process.env.TRINO_JAVA_HOME ?? DEFAULT_JAVA_HOME;
  const java = join(javaHome, 'bin', 'java');
  if (!existsSync(java))
    throw new Error(
      `no Java at ${java}: Trino 476 needs Java 24+; install Temurin 25 in ${DEFAULT_JAVA_HOME} or set TRINO_JAVA_HOME to a JDK 24+`,
    );
  return java;
}

const properties = (values: Record<string, string>) =>
  `${Object.entries(values)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;

/** Trino's catalog file; property names as in Trino 476's docs and config classes. */
export function lakehouseCatalogProperties(
  options: StartTrinoOptions,
): Record<string, string> {
  const { aws, warehouse } = options;
  if (!aws.endpoint)
    throw new Error('startTrino needs aws.endpoint (the emulator’s URL)');
  return {
    'connector.name': 'iceberg',
    'iceberg.catalog.type': 'glue',
    'hive.metastore.glue.region': aws.region,
    'hive.metastore.glue.endpoint-url': aws.endpoint,
    'hive.metastore.glue.aws-access-key': EMULATOR_KEY,
    'hive.metastore.glue.aws-secret-key': EMULATOR_KEY,
    ...(warehouse
      ? { 'hive.metastore.glue.default-warehouse-dir': warehouse }
      : {}),
    'fs.native-s3.enabled': 'true',
    's3.endpoint': aws.endpoint,
    's3.region': aws.region,
    's3.path-style-access': 'true',
    's3.aws-access-key': EMULATOR_KEY,
    's3.aws-secret-key': EMULATOR_KEY,
  };
}

/** JVM flags from Trino's recommended jvm.config, sized for a small test box. */
const JVM_FLAGS = [
  '-Xmx1G',
  '-XX:+UseG1GC',
  '-XX:+ExplicitGCInvokesConcurrent',
  '-XX:+ExitOnOutOfMemoryError',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:ReservedCodeCacheSize=256M',
  '-XX:PerMethodRecompilationCutoff=10000',
  '-XX:PerBytecodeRecompilationCutoff=10000',
  // Tests run small queries: C1 alone compiles far less, so start-up on 2 cores is quicker.
  '-XX:TieredStopAtLevel=1',
  '-Djdk.attach.allowAttachSelf=true',
  '-Djdk.nio.maxCachedBufferSize=2000000',
  '-XX:+EnableDynamicAgentLoading',
  '--enable-native-access=ALL-UNNAMED',
  '-Dfile.encoding=UTF-8',
];

const infoSchema = z.object({ starting: z.boolean() });
const statementSchema = z.object({
  nextUri: z.string().optional(),
  data: z.array(z.array(z.unknown())).optional(),
  error: z
    .object({ message: z.string(), errorName: z.string().optional() })
    .optional(),
});
const ACTIVE_NODES_SQL =
  "SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'";

const tail = (text: string, lines = 60) =>
  text.split('\n').slice(-lines).join('\n');

export async function startTrino(
  options: StartTrinoOptions,
): Promise<TrinoServer> {
  const home = trinoHome();
  const java = javaBinary();
  const catalog = lakehouseCatalogProperties(options);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  const dir = mkdtempSync(join(tmpdir(), 'medallion-trino-'));
  const etc = join(dir, 'etc');
  const plugins = join(dir, 'plugin');
  mkdirSync(join(etc, 'catalog'), { recursive: true });
  mkdirSync(join(dir, 'data'));
  mkdirSync(join(dir, 'tmp'));
  // Only the Iceberg connector: the server's other bundled plugins slow start-up.
  mkdirSync(plugins);
  symlinkSync(join(home, 'plugin', 'iceberg'), join(plugins, 'iceberg'));

  const node = {
    'node.environment': 'test',
    'node.id': randomUUID(),
    'node.data-dir': join(dir, 'data'),
    'node.internal-address': '127.0.0.1',
    'node.bind-ip': '127.0.0.1',
  };
  writeFileSync(join(etc, 'node.properties'), properties(node));
  writeFileSync(
    join(etc, 'config.properties'),
    properties({
      coordinator: 'true',
      'node-scheduler.include-coordinator': 'true',
      'http-server.http.port': String(port),
      'discovery.uri': url,
      'query.max-memory': '1GB',
      'query.max-memory-per-node': '512MB',
      'plugin.dir': plugins,
      // Dynamic management loads the same catalog files (file store, configured in
      // etc/catalog-store.properties under the working directory) but treats every
      // catalog as present on every active node. With static management the
      // coordinator learns a node's catalogs from its discovery announcements, and
      // its view lags start-up by seconds: scans then fail with NO_NODES_AVAILABLE.
      'catalog.management': 'dynamic',
      'catalog.store': 'file',
      'experimental.concurrent-startup': 'true',
      'web-ui.enabled': 'false',
    }),
  );
  writeFileSync(
    join(etc, 'catalog-store.properties'),
    properties({
      'catalog.config-dir': join(etc, 'catalog'),
      'catalog.read-only': 'true',
    }),
  );
  // Airlift's levels file: the empty logger name is the root logger.
  writeFileSync(join(etc, 'log.properties'), properties({ '': 'WARN' }));
  writeFileSync(
    join(etc, 'catalog', `${TRINO_CATALOG}.properties`),
    properties(catalog),
  );

  // What bin/launcher would run: node properties and file locations as system
  // properties. Spawned directly so the pid is the JVM's (the launcher also logs
  // the whole environment, which we do not want in test output).
  const args = [
    ...JVM_FLAGS,
    `-Djava.io.tmpdir=${join(dir, 'tmp')}`,
    ...Object.entries(node).map(([key, value]) => `-D${key}=${value}`),
    `-Dlog.levels-file=${join(etc, 'log.properties')}`,
    `-Dconfig=${join(etc, 'config.properties')}`,
    '-cp',
    `${join(home, 'lib')}/*`,
    'io.trino.server.TrinoServer',
  ];
  const child = spawn(java, args, {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-LOG_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const state = { ended: false };
  const exited = new Promise<void>(resolve => {
    child.once('exit', () => {
      state.ended = true;
      resolve();
    });
    child.once('error', error => {
      keep(Buffer.from(`\nspawn error: ${error.message}\n`));
      state.ended = true;
      resolve();
    });
  });

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= stopChild(child, state, exited).finally(() =>
      rmSync(dir, { recursive: true, force: true }),
    );
    return stopped;
  };
  try {
    await waitUntilStarted(url, child, state, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, catalog: TRINO_CATALOG, stop, log: () => output };
}

async function stopChild(
  child: ChildProcess,
  state: { ended: boolean },
  exited: Promise<void>,
) {
  if (state.ended) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'timeout'>(resolve => {
    timer = setTimeout(() => resolve('timeout'), STOP_GRACE_MS);
  });
  if ((await Promise.race([exited, grace])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

/**
 * One statement over the client protocol, for the readiness probe only: its rows, or
 * the error Trino answered with.
 */
async function probeQuery(url: string, sql: string): Promise<unknown[][]> {
  const headers = { 'X-Trino-User': 'medallion-probe' };
  const signal = AbortSignal.timeout(10_000);
  let res = await fetch(`${url}/v1/statement`, {
    method: 'POST',
    headers,
    body: sql,
    signal,
  });
  const rows: unknown[][] = [];
  for (;;) {
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const page = statementSchema.parse(await res.json());
    if (page.error)
      throw new Error(`${page.error.errorName ?? ''} ${page.error.message}`);
    rows.push(...(page.data ?? []));
    if (!page.nextUri) return rows;
    res = await fetch(page.nextUri, { headers, signal });
  }
}

/**
 * Ready = /v1/info no longer says starting AND the coordinator lists itself as an
 * active node. The second can lag by a few seconds (the node manager polls node
 * states every 5 s), and a query in between fails with NO_NODES_AVAILABLE.
 */
async function waitUntilStarted(
  url: string,
  child: ChildProcess,
  state: { ended: boolean },
  log: () => string,
) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = 'not listening yet';
  while (Date.now() < deadline) {
    if (state.ended)
      throw new Error(
        `Trino exited during start-up (${
          child.exitCode ?? child.signalCode
        }); last lines:\n${tail(log())}`,
      );
    try {
      const res = await fetch(`${url}/v1/info`, {
        signal: AbortSignal.timeout(5_000),
      });
      const info = infoSchema.parse(await res.json());
      if (info.starting) last = 'starting';
      else {
        const rows = await probeQuery(url, ACTIVE_NODES_SQL);
        if (rows.length === 1 && rows[0]?.[0] === 1) return;
        last = `active nodes: ${JSON.stringify(rows)}`;
      }
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `Trino did not become ready at ${url} within ${
      START_TIMEOUT_MS / 1000
    } s (last check: ${last}); last lines:\n${tail(log())}`,
  );
}
