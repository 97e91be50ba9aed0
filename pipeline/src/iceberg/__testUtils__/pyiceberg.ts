/**
 * Real PyIceberg (interop/pyiceberg/oracle.py in the pinned venv that `npm test`
 * prepares), called as a subprocess with JSON in and out.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { parseJson } from '../json';

const ORACLE = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'interop',
  'pyiceberg',
  'oracle.py',
);

export function pyicebergPython(): string {
  const py = process.env.MEDALLION_PYICEBERG_PYTHON;
  if (!py) {
    throw new Error(
      'MEDALLION_PYICEBERG_PYTHON is not set: run the suite with `npm test` (it builds the PyIceberg venv), or export MEDALLION_PYICEBERG_PYTHON=$(bash scripts/python-env.sh pyiceberg interop/pyiceberg/requirements.txt | tail -1)',
    );
  }
  return py;
}

export interface OracleCatalog {
  /** SQLAlchemy URI (sqlite:////abs/catalog.db, postgresql://…) or `glue`. */
  uri: string;
  warehouse: string;
  /** Extra catalog properties, e.g. glue.endpoint, s3.endpoint, s3.region. */
  props?: Record<string, string>;
}

export function oracle<T = Record<string, unknown>>(
  catalog: OracleCatalog,
  args: string[],
  input?: unknown,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      pyicebergPython(),
      [
        ORACLE,
        '--uri',
        catalog.uri,
        '--warehouse',
        catalog.warehouse,
        ...Object.entries(catalog.props ?? {}).flatMap(([k, v]) => [
          '--prop',
          `${k}=${v}`,
        ]),
        ...args,
      ],
      { maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `oracle ${args.join(' ')} failed: ${stderr
                .trim()
                .split('\n')
                .pop()}`,
            ),
          );
          return;
        }
        // 64-bit ids (snapshot ids) must survive: parse with bigint support.
        resolve(parseJson(stdout) as T);
      },
    );
    if (input !== undefined) child.stdin?.end(JSON.stringify(input));
    else child.stdin?.end();
  });
}

export const sqliteUri = (path: string) => `sqlite:///${path}`;

/** PyIceberg's GlueCatalog on an AWS emulator (S3 files through the same endpoint). */
export function glueOracleCatalog(
  emulator: { endpoint: string; region: string },
  warehouse: string,
): OracleCatalog {
  // jest's process.env is not the child's: the emulator's dummy keys go as properties.
  const keys = { 'access-key-id': 'testing', 'secret-access-key': 'testing' };
  const props: Record<string, string> = {};
  for (const service of ['glue', 's3']) {
    props[`${service}.endpoint`] = emulator.endpoint;
    props[`${service}.region`] = emulator.region;
    for (const [k, v] of Object.entries(keys)) props[`${service}.${k}`] = v;
  }
  return { uri: 'glue', warehouse, props };
}
