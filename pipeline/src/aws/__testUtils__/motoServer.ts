/**
 * A local AWS emulator for tests: moto's server (PyPI, pinned in
 * interop/moto/requirements.txt; `npm test` builds its venv and sets
 * MEDALLION_MOTO_PYTHON) on a free port, one per test file. S3, Glue and Athena
 * answer on the same endpoint. Dummy credentials go through the environment, so the
 * clients under test resolve them with the SDK's default provider chain as in production.
 */
import {
  CreateBucketCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { awsClientConfig, type AwsSettings } from '../clientConfig';
import { freePort } from '../../__testUtils__/freePort';

export interface MotoServer {
  endpoint: string;
  region: string;
  /** Settings for our AWS clients pointed at this server. */
  aws: AwsSettings;
  /** Creates buckets in the server's region. */
  createBuckets(...names: string[]): Promise<void>;
  /** Clears every bucket, database and query (moto's reset API). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export function motoPython(): string {
  const py = process.env.MEDALLION_MOTO_PYTHON;
  if (!py)
    throw new Error(
      'MEDALLION_MOTO_PYTHON is not set: run the suite with `npm test` (it builds the emulator venv), or export MEDALLION_MOTO_PYTHON=$(bash scripts/python-env.sh moto interop/moto/requirements.txt | tail -1)',
    );
  return py;
}

async function waitUntilUp(
  endpoint: string,
  child: ChildProcess,
  log: () => string,
) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`moto_server exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`moto_server did not answer at ${endpoint}:\n${log()}`);
}

export async function startMotoServer(
  region = 'eu-west-1',
): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(
    join(dirname(motoPython()), 'moto_server'),
    ['-H', '127.0.0.1', '-p', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-10_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  process.env.AWS_REGION = region;
  delete process.env.AWS_PROFILE;
  await waitUntilUp(endpoint, child, () => output);
  const aws: AwsSettings = { region, endpoint, forcePathStyle: true };
  return {
    endpoint,
    region,
    aws,
    async createBuckets(...names) {
      const s3 = new S3Client({
        ...awsClientConfig(aws),
        forcePathStyle: true,
      });
      try {
        for (const Bucket of names)
          await s3.send(
            new CreateBucketCommand({
              Bucket,
              CreateBucketConfiguration: {
                LocationConstraint: region as BucketLocationConstraint,
              },
            }),
          );
      } finally {
        s3.destroy();
      }
    },
    async reset() {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset failed: ${res.status}`);
    },
    stop: () =>
      new Promise<void>(resolve => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
