import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  collect,
  describeFileIOContract,
} from './__testUtils__/fileIOContract';
import { LocalFileIO, toFileLocation } from './localFileIO';
import { SchemeFileIO } from './schemeFileIO';

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'medallion-fileio-'));
  return {
    dir,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

describeFileIOContract('LocalFileIO, file:// locations', async () => {
  const { dir, cleanup } = await tempDir();
  return { io: new LocalFileIO(), base: toFileLocation(dir), cleanup };
});

describeFileIOContract('LocalFileIO, plain absolute paths', async () => {
  const { dir, cleanup } = await tempDir();
  return { io: new LocalFileIO(), base: dir, cleanup };
});

describeFileIOContract(
  'SchemeFileIO on file:// locations (no AWS settings)',
  async () => {
    const { dir, cleanup } = await tempDir();
    return { io: new SchemeFileIO(), base: toFileLocation(dir), cleanup };
  },
);

describe('SchemeFileIO without AWS settings', () => {
  it('says how to configure AWS when it meets an S3 location', async () => {
    const io = new SchemeFileIO();
    for (const location of ['s3://bucket/t/x', 's3a://bucket/t/x'])
      await expect(io.read(location)).rejects.toThrow(
        /no AWS settings given\. Configure AWS \(at least the region/,
      );
    await expect(collect(io.list('s3n://bucket/t'))).rejects.toThrow(
      /no AWS settings/,
    );
  });

  it('refuses a scheme it cannot serve, naming the ones it can', async () => {
    await expect(new SchemeFileIO().read('gs://bucket/t/x')).rejects.toThrow(
      /unsupported location scheme "gs:".*file:, s3:, s3a:, s3n:/,
    );
  });
});
