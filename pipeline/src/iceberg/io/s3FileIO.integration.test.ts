import {
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import {
  createServer,
  request,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startMotoServer,
  type MotoServer,
} from '../../aws/__testUtils__/motoServer';
import { awsClientConfig, type AwsSettings } from '../../aws/clientConfig';
import {
  collect,
  describeFileIOContract,
} from './__testUtils__/fileIOContract';
import { FileExistsError } from './fileIO';
import { toFileLocation } from './localFileIO';
import { S3FileIO } from './s3FileIO';
import {
  InvalidS3LocationError,
  formatS3Location,
  normalizeS3Location,
  parseS3Location,
  parseS3ObjectLocation,
} from './s3Location';
import { SchemeFileIO } from './schemeFileIO';

jest.setTimeout(60_000);

const MiB = 1024 * 1024;
const bucket = 'medallion-fileio-test';

let moto: MotoServer;
let aws: AwsSettings;
let admin: S3Client;
let prefixCount = 0;
/** A fresh key prefix per test, so tests share the bucket without seeing each other. */
const freshPrefix = (name: string) => `${name}-${++prefixCount}`;

beforeAll(async () => {
  moto = await startMotoServer();
  aws = {
    region: moto.region,
    endpoint: moto.endpoint,
    forcePathStyle: true,
  };
  admin = new S3Client({ ...awsClientConfig(aws), forcePathStyle: true });
  await moto.createBuckets(bucket);
});

afterAll(async () => {
  admin?.destroy();
  await moto?.stop();
});

async function openUploads(): Promise<number> {
  const res = await admin.send(
    new ListMultipartUploadsCommand({ Bucket: bucket }),
  );
  return res.Uploads?.length ?? 0;
}

describeFileIOContract('S3FileIO on moto', async () => {
  const io = new S3FileIO({ aws });
  return {
    io,
    base: `s3://${bucket}/${freshPrefix('contract')}`,
    cleanup: async () => io.destroy(),
  };
});

describeFileIOContract('SchemeFileIO on s3:// locations', async () => {
  const io = new SchemeFileIO({ aws });
  return {
    io,
    base: `s3://${bucket}/${freshPrefix('scheme')}`,
    cleanup: async () => io.destroy(),
  };
});

describe('S3FileIO multipart uploads', () => {
  let io: S3FileIO;
  beforeAll(() => {
    io = new S3FileIO({
      aws,
      multipartThresholdBytes: 5 * MiB,
      partSizeBytes: 5 * MiB,
    });
  });
  afterAll(() => io.destroy());

  it('uploads a file above the threshold in parts and reads it back byte-identical', async () => {
    const key = `${freshPrefix('multipart')}/data.parquet`;
    const bytes = randomBytes(12 * MiB);
    await io.writeNew(`s3://${bucket}/${key}`, bytes);
    const head = await admin.send(
      new HeadObjectCommand({ Bucket: bucket, Key: key }),
    );
    // A multipart object's ETag ends in -<parts>: 5 + 5 + 2 MiB.
    expect(head.ETag).toMatch(/-3"?$/);
    expect(head.ContentLength).toBe(bytes.byteLength);
    expect(
      Buffer.from(await io.read(`s3://${bucket}/${key}`)).equals(bytes),
    ).toBe(true);
    expect(await openUploads()).toBe(0);
  });

  it('refuses a multipart write over an existing file and leaves no upload open', async () => {
    const location = `s3://${bucket}/${freshPrefix('multipart')}/clash.parquet`;
    const first = randomBytes(6 * MiB);
    await io.writeNew(location, first);
    await expect(
      io.writeNew(location, randomBytes(12 * MiB)),
    ).rejects.toBeInstanceOf(FileExistsError);
    expect(await openUploads()).toBe(0);
    expect(Buffer.from(await io.read(location)).equals(first)).toBe(true);
  });

  it('writes a file at the threshold with a single PUT', async () => {
    const key = `${freshPrefix('multipart')}/small.parquet`;
    await io.writeNew(`s3://${bucket}/${key}`, randomBytes(5 * MiB));
    const head = await admin.send(
      new HeadObjectCommand({ Bucket: bucket, Key: key }),
    );
    expect(head.ETag).not.toMatch(/-\d+"?$/);
  });

  it('rejects a part size below S3 minimum of 5 MiB', () => {
    expect(() => new S3FileIO({ aws, partSizeBytes: 5 * MiB - 1 })).toThrow(
      /partSizeBytes must be an integer >= 5242880/,
    );
  });
});

describe('S3FileIO listing', () => {
  it('pages through more than 1000 keys', async () => {
    const prefix = freshPrefix('many');
    const count = 1005;
    const keys = Array.from(
      { length: count },
      (_, i) => `${prefix}/f-${String(i).padStart(4, '0')}`,
    );
    const put = (Key: string) =>
      admin.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'x' }));
    // Parallel puts in batches keep setup quick without flooding the emulator.
    for (let i = 0; i < keys.length; i += 50)
      await Promise.all(keys.slice(i, i + 50).map(put));
    // The premise: one ListObjectsV2 page does not hold them all.
    const firstPage = await admin.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}/` }),
    );
    expect(firstPage.IsTruncated).toBe(true);
    expect(firstPage.KeyCount).toBe(1000);

    const io = new S3FileIO({ aws });
    try {
      const listed = await collect(io.list(`s3://${bucket}/${prefix}`));
      expect(listed.map(f => f.location)).toEqual(
        keys.map(k => `s3://${bucket}/${k}`),
      );
      expect(listed.every(f => f.size === 1)).toBe(true);
    } finally {
      io.destroy();
    }
  });
});

describe('S3 locations', () => {
  it('splits bucket and key, taking s3a:// and s3n:// and producing s3://', () => {
    expect(parseS3Location('s3://bucket/db/t/data/f.parquet')).toEqual({
      bucket: 'bucket',
      key: 'db/t/data/f.parquet',
    });
    expect(parseS3Location('S3A://my.bucket-1/a//b/')).toEqual({
      bucket: 'my.bucket-1',
      key: 'a//b/',
    });
    expect(parseS3Location('s3n://bucket')).toEqual({
      bucket: 'bucket',
      key: '',
    });
    expect(normalizeS3Location('s3a://bucket/a%20b/c=1')).toBe(
      's3://bucket/a%20b/c=1',
    );
    expect(formatS3Location({ bucket: 'b12', key: 'k' })).toBe('s3://b12/k');
  });

  it.each([
    ['gs://bucket/key', /expected s3:\/\/bucket\/key/],
    ['/local/path', /expected s3:\/\/bucket\/key/],
    ['s3:/bucket/key', /expected s3:\/\/bucket\/key/],
    ['s3:///key', /no bucket name/],
    ['s3://b/key', /"b" is not a valid bucket name/],
    ['s3://bad bucket/key', /not a valid bucket name/],
  ])('refuses %s', (location, message) => {
    expect(() => parseS3Location(location)).toThrow(InvalidS3LocationError);
    expect(() => parseS3Location(location)).toThrow(message);
  });

  it('refuses a bucket or folder where an object is needed', async () => {
    expect(() => parseS3ObjectLocation('s3://bucket')).toThrow(
      /names a bucket or a folder, not an object/,
    );
    const io = new S3FileIO({ aws });
    try {
      await expect(io.read(`s3://${bucket}/folder/`)).rejects.toBeInstanceOf(
        InvalidS3LocationError,
      );
    } finally {
      io.destroy();
    }
  });
});

describe('S3 locations written by Spark and Hive (s3a://, s3n://)', () => {
  it('reads, lists and deletes through s3a:// and s3n://, listing as s3://', async () => {
    const prefix = freshPrefix('hadoop');
    const io = new SchemeFileIO({ aws });
    try {
      const bytes = randomBytes(1000);
      await io.writeNew(`s3a://${bucket}/${prefix}/data/f.parquet`, bytes);
      for (const scheme of ['s3', 's3a', 's3n'])
        expect(
          Buffer.from(
            await io.read(`${scheme}://${bucket}/${prefix}/data/f.parquet`),
          ).equals(bytes),
        ).toBe(true);
      expect(await io.exists(`s3n://${bucket}/${prefix}/data/f.parquet`)).toBe(
        true,
      );
      expect(
        (await collect(io.list(`s3a://${bucket}/${prefix}`))).map(
          f => f.location,
        ),
      ).toEqual([`s3://${bucket}/${prefix}/data/f.parquet`]);
      await expect(
        io.writeNew(`s3://${bucket}/${prefix}/data/f.parquet`, bytes),
      ).rejects.toBeInstanceOf(FileExistsError);
      await io.delete(`s3n://${bucket}/${prefix}/data/f.parquet`);
      expect(await io.exists(`s3://${bucket}/${prefix}/data/f.parquet`)).toBe(
        false,
      );
    } finally {
      io.destroy();
    }
  });

  it('serves local and S3 locations from one SchemeFileIO', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'medallion-scheme-'));
    const io = new SchemeFileIO({ aws });
    try {
      const local = toFileLocation(join(dir, 'a.txt'));
      const remote = `s3://${bucket}/${freshPrefix('mixed')}/a.txt`;
      await io.writeNew(local, new TextEncoder().encode('local'));
      await io.writeNew(remote, new TextEncoder().encode('remote'));
      expect(new TextDecoder().decode(await io.read(local))).toBe('local');
      expect(new TextDecoder().decode(await io.read(remote))).toBe('remote');
    } finally {
      io.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * A fault-injecting HTTP proxy in front of moto: it decides per request to forward it,
 * to answer 503 without forwarding ('fail'), or to forward it and then answer 503 anyway
 * ('lose-response': the write landed but the client never hears so).
 */
type Fault = 'forward' | 'fail' | 'lose-response';

interface FaultyProxy {
  endpoint: string;
  requests: { method: string; url: string }[];
  stop(): Promise<void>;
}

const SERVICE_UNAVAILABLE =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable</Code><Message>injected fault</Message></Error>';

function answer503(res: ServerResponse) {
  res.writeHead(503, { 'content-type': 'application/xml' });
  res.end(SERVICE_UNAVAILABLE);
}

async function startFaultyProxy(
  target: string,
  decide: (req: IncomingMessage, index: number) => Fault,
): Promise<FaultyProxy> {
  const upstream = new URL(target);
  const requests: FaultyProxy['requests'] = [];
  const server = createServer((req, res) => {
    const fault = decide(req, requests.length);
    requests.push({ method: req.method ?? '', url: req.url ?? '' });
    if (fault === 'fail') {
      req.resume();
      req.on('end', () => answer503(res));
      return;
    }
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      up => {
        if (fault === 'lose-response') {
          up.resume();
          up.on('end', () => answer503(res));
          return;
        }
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forwarded.on('error', error => res.destroy(error));
    req.pipe(forwarded);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('S3FileIO retries (the SDK standard mode, through a faulty proxy)', () => {
  let proxy: FaultyProxy | undefined;
  let io: S3FileIO | undefined;
  afterEach(async () => {
    io?.destroy();
    await proxy?.stop();
    io = undefined;
    proxy = undefined;
  });

  async function seed(bytes: Uint8Array): Promise<string> {
    const key = `${freshPrefix('retry')}/f.bin`;
    await admin.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes }),
    );
    return `s3://${bucket}/${key}`;
  }

  it('retries 503 answers and then reads the file', async () => {
    const bytes = randomBytes(2048);
    const location = await seed(bytes);
    proxy = await startFaultyProxy(moto.endpoint, (_req, i) =>
      i < 2 ? 'fail' : 'forward',
    );
    io = new S3FileIO({
      aws: { ...aws, endpoint: proxy.endpoint, maxAttempts: 3 },
    });
    expect(Buffer.from(await io.read(location)).equals(bytes)).toBe(true);
    expect(proxy.requests.map(r => r.method)).toEqual(['GET', 'GET', 'GET']);
  });

  it('makes 5 attempts by default', async () => {
    const location = await seed(randomBytes(16));
    proxy = await startFaultyProxy(moto.endpoint, (_req, i) =>
      i < 4 ? 'fail' : 'forward',
    );
    io = new S3FileIO({ aws: { ...aws, endpoint: proxy.endpoint } });
    expect((await io.read(location)).byteLength).toBe(16);
    expect(proxy.requests).toHaveLength(5);
  });

  it('surfaces the fault when maxAttempts is 1', async () => {
    const location = await seed(randomBytes(16));
    proxy = await startFaultyProxy(moto.endpoint, (_req, i) =>
      i < 1 ? 'fail' : 'forward',
    );
    io = new S3FileIO({
      aws: { ...aws, endpoint: proxy.endpoint, maxAttempts: 1 },
    });
    await expect(io.read(location)).rejects.toMatchObject({
      $metadata: { httpStatusCode: 503, attempts: 1 },
    });
    expect(proxy.requests).toHaveLength(1);
    // The same read once the fault is over: the failure above was the injected one.
    expect((await io.read(location)).byteLength).toBe(16);
  });

  it('does not report its own retried write as a collision', async () => {
    const location = `s3://${bucket}/${freshPrefix('retry')}/lost.json`;
    proxy = await startFaultyProxy(moto.endpoint, (req, i) =>
      req.method === 'PUT' && i === 0 ? 'lose-response' : 'forward',
    );
    io = new S3FileIO({ aws: { ...aws, endpoint: proxy.endpoint } });
    const bytes = new TextEncoder().encode('{"format-version":2}');
    await io.writeNew(location, bytes);
    // The first PUT landed, its retry met its own object (412), and writeNew saw it was ours.
    expect(proxy.requests.filter(r => r.method === 'PUT')).toHaveLength(2);
    expect(Buffer.from(await io.read(location)).equals(bytes)).toBe(true);
  });

  it('still reports a real collision met on a retry', async () => {
    const location = await seed(new TextEncoder().encode('theirs'));
    proxy = await startFaultyProxy(moto.endpoint, (req, i) =>
      req.method === 'PUT' && i === 0 ? 'fail' : 'forward',
    );
    io = new S3FileIO({ aws: { ...aws, endpoint: proxy.endpoint } });
    await expect(
      io.writeNew(location, new TextEncoder().encode('ours')),
    ).rejects.toBeInstanceOf(FileExistsError);
    expect(proxy.requests.filter(r => r.method === 'PUT')).toHaveLength(2);
  });

  it('aborts a multipart upload whose part keeps failing', async () => {
    const location = `s3://${bucket}/${freshPrefix('retry')}/big.parquet`;
    proxy = await startFaultyProxy(moto.endpoint, req =>
      /[?&]partNumber=2(&|$)/.test(req.url ?? '') ? 'fail' : 'forward',
    );
    io = new S3FileIO({
      aws: { ...aws, endpoint: proxy.endpoint, maxAttempts: 2 },
      multipartThresholdBytes: 5 * MiB,
      partSizeBytes: 5 * MiB,
    });
    await expect(
      io.writeNew(location, randomBytes(12 * MiB)),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } });
    expect(
      proxy.requests.filter(r => /[?&]partNumber=2(&|$)/.test(r.url)),
    ).toHaveLength(2);
    expect(proxy.requests.some(r => r.method === 'DELETE')).toBe(true);
    expect(await openUploads()).toBe(0);
    expect(await io.exists(location)).toBe(false);
  });
});
