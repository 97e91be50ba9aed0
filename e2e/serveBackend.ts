/**
 * Serves the standalone lakehouse backend for tests written in other languages (the
 * Airflow DAG tests): starts it like the browser tests do, prints one JSON line
 * `{"backendUrl", "token", "home"}` once it answers, and stops it on SIGTERM or SIGINT.
 *
 *   node --import tsx e2e/serveBackend.ts --port 17107 --home /tmp/h --subject airflow \
 *     [--token T] [--config overrides.yaml]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startStack } from './stack';

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      home: { type: 'string' },
      subject: { type: 'string' },
      token: { type: 'string' },
      config: { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port ?? '17107');
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`--port must be a TCP port, got ${values.port}`);
  const stack = await startStack({
    backendPort: port,
    frontend: false,
    home: values.home,
    subject: values.subject,
    token: values.token,
    config: values.config ? readFileSync(values.config, 'utf8') : undefined,
  });
  const { backendUrl, token, home } = stack;
  process.stdout.write(`${JSON.stringify({ backendUrl, token, home })}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
