/**
 * One FileIO for every location a table can hold: `file:` and plain absolute paths go to
 * the local filesystem, `s3:`/`s3a:`/`s3n:` to S3. A catalog hands out whatever
 * locations its metadata names (a table registered from Spark may say `s3a://`), so the
 * choice is made per call, from the location itself. The S3 client is only built when
 * an S3 location is first met, so local setups never need AWS settings.
 */
import type { AwsSettings } from '../../aws/clientConfig';
import type { FileIO, FileInfo } from './fileIO';
import { LocalFileIO } from './localFileIO';
import { S3FileIO, type S3FileIOOptions } from './s3FileIO';
import { isS3Location } from './s3Location';

export interface SchemeFileIOOptions {
  /** Needed only for S3 locations. */
  aws?: AwsSettings;
  /** Multipart sizes or a ready client for the S3 FileIO. */
  s3?: Omit<S3FileIOOptions, 'aws'>;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

export class SchemeFileIO implements FileIO {
  private readonly local = new LocalFileIO();
  private s3IO: S3FileIO | undefined;

  constructor(private readonly options: SchemeFileIOOptions = {}) {}

  async read(location: string): Promise<Uint8Array> {
    return this.ioFor(location).read(location);
  }

  async writeNew(location: string, bytes: Uint8Array): Promise<void> {
    return this.ioFor(location).writeNew(location, bytes);
  }

  async exists(location: string): Promise<boolean> {
    return this.ioFor(location).exists(location);
  }

  async delete(location: string): Promise<void> {
    return this.ioFor(location).delete(location);
  }

  async *list(prefix: string): AsyncIterable<FileInfo> {
    yield* this.ioFor(prefix).list(prefix);
  }

  /** Closes the S3 client's connections, if one was built. */
  destroy(): void {
    this.s3IO?.destroy();
  }

  // Methods are async so that a bad location rejects like any other failure.
  private ioFor(location: string): FileIO {
    if (isS3Location(location)) return this.s3(location);
    const scheme = SCHEME.exec(location)?.[1];
    // Plain paths (and relative ones, which LocalFileIO refuses with its own message).
    if (scheme === undefined || scheme.toLowerCase() === 'file')
      return this.local;
    throw new Error(
      `unsupported location scheme "${scheme}:" in ${location}: expected file:, s3:, s3a:, s3n: or an absolute path`,
    );
  }

  private s3(location: string): S3FileIO {
    if (this.s3IO) return this.s3IO;
    const { aws, s3 } = this.options;
    if (!aws)
      throw new Error(
        `cannot access ${location}: no AWS settings given. Configure AWS (at least the region; endpoint and forcePathStyle for an S3-compatible store) to use s3:// locations; credentials come from the default AWS chain (environment, profile/SSO, task or instance role).`,
      );
    this.s3IO = new S3FileIO({ ...s3, aws });
    return this.s3IO;
  }
}
