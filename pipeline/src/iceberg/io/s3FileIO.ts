/**
 * FileIO on Amazon S3 (or an S3-compatible store). Iceberg files are never replaced, so
 * `writeNew` is a conditional create (`If-None-Match: *`, which S3 enforces atomically
 * since 2024): of two writers racing for one name exactly one wins, the other gets
 * FileExistsError. Large files go up as a multipart upload, completed with the same
 * condition and aborted on any failure, so no orphaned parts stay billed.
 *
 * Retries are the SDK's standard mode (exponential backoff with jitter on throttling,
 * 5xx and network errors), `maxAttempts` from AwsSettings.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { awsClientConfig, type AwsSettings } from '../../aws/clientConfig';
import {
  FileExistsError,
  NotFoundError,
  type FileIO,
  type FileInfo,
} from './fileIO';
import {
  formatS3Location,
  parseS3Location,
  parseS3ObjectLocation,
  type S3Location,
} from './s3Location';

const MiB = 1024 * 1024;
/** S3's smallest part (every part but the last) and most parts per upload. */
const MIN_PART_BYTES = 5 * MiB;
const MAX_PARTS = 10_000;
/** Parts in flight at once: enough to fill a link, few enough to stay polite. */
const PART_CONCURRENCY = 4;

export interface S3FileIOOptions {
  aws: AwsSettings;
  /** Files larger than this go up as multipart uploads. Default 64 MiB. */
  multipartThresholdBytes?: number;
  /** Part size of multipart uploads, at least 5 MiB. Default 16 MiB. */
  partSizeBytes?: number;
  /** A ready client (tests, custom middleware); by default one is built from `aws`. */
  client?: S3Client;
}

interface SdkErrorFields {
  name?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

const sdkError = (error: unknown): SdkErrorFields =>
  typeof error === 'object' && error !== null ? (error as SdkErrorFields) : {};

/** 412: the key exists; 409 ConditionalRequestConflict: another write to it is in flight. */
function isPreconditionFailure(error: unknown): boolean {
  const { name, $metadata } = sdkError(error);
  return (
    $metadata?.httpStatusCode === 412 ||
    name === 'PreconditionFailed' ||
    name === 'ConditionalRequestConflict'
  );
}

/** True when the SDK sent the request more than once (an earlier attempt may have landed). */
const wasRetried = (error: unknown) =>
  (sdkError(error).$metadata?.attempts ?? 1) > 1;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

function integerAtLeast(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min)
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

export class S3FileIO implements FileIO {
  readonly client: S3Client;
  private readonly ownsClient: boolean;
  private readonly multipartThresholdBytes: number;
  private readonly partSizeBytes: number;

  constructor(options: S3FileIOOptions) {
    this.multipartThresholdBytes = integerAtLeast(
      'multipartThresholdBytes',
      options.multipartThresholdBytes ?? 64 * MiB,
      0,
    );
    this.partSizeBytes = integerAtLeast(
      'partSizeBytes',
      options.partSizeBytes ?? 16 * MiB,
      MIN_PART_BYTES,
    );
    this.ownsClient = !options.client;
    this.client =
      options.client ??
      new S3Client({
        ...awsClientConfig(options.aws),
        forcePathStyle: options.aws.forcePathStyle ?? false,
      });
  }

  async read(location: string): Promise<Uint8Array> {
    const { bucket, key } = parseS3ObjectLocation(location);
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key }),
      );
      if (!res.Body) return new Uint8Array(0);
      return await res.Body.transformToByteArray();
    } catch (error) {
      // Only a missing key: a missing bucket (NoSuchBucket, also 404) is a configuration error.
      if (sdkError(error).name === 'NoSuchKey')
        throw new NotFoundError(location);
      throw error;
    }
  }

  async writeNew(location: string, bytes: Uint8Array): Promise<void> {
    const target = parseS3ObjectLocation(location);
    try {
      if (bytes.byteLength > this.multipartThresholdBytes)
        await this.putMultipart(target, bytes);
      else
        await this.client.send(
          new PutObjectCommand({
            Bucket: target.bucket,
            Key: target.key,
            Body: bytes,
            IfNoneMatch: '*',
          }),
        );
    } catch (error) {
      if (!isPreconditionFailure(error)) throw error;
      // A retried request whose first attempt did land (its response was lost) fails its
      // own precondition: that is our write having succeeded, not a collision.
      if (wasRetried(error) && (await this.holds(location, bytes))) return;
      throw new FileExistsError(location);
    }
  }

  async exists(location: string): Promise<boolean> {
    const { bucket, key } = parseS3ObjectLocation(location);
    try {
      await this.client.send(
        new HeadObjectCommand({ Bucket: bucket, Key: key }),
      );
      return true;
    } catch (error) {
      // HEAD answers carry no error body, so a missing bucket looks the same (404).
      if (sdkError(error).$metadata?.httpStatusCode === 404) return false;
      throw error;
    }
  }

  async delete(location: string): Promise<void> {
    const { bucket, key } = parseS3ObjectLocation(location);
    // S3 answers 204 for a missing key too.
    await this.client.send(
      new DeleteObjectCommand({ Bucket: bucket, Key: key }),
    );
  }

  /**
   * Every object under a prefix, treated as a folder (like the local FileIO): `…/tbl`
   * lists `…/tbl/*`, never `…/tbl2/*`. Locations are always `s3://`, whatever the
   * prefix's scheme; folder marker objects (keys ending in `/`) are skipped.
   */
  async *list(prefix: string): AsyncIterable<FileInfo> {
    const { bucket, key } = parseS3Location(prefix);
    const folder = key === '' || key.endsWith('/') ? key : `${key}/`;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: folder,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith('/')) continue;
        yield {
          location: formatS3Location({ bucket, key: object.Key }),
          size: object.Size ?? 0,
          modifiedMs: object.LastModified?.getTime() ?? 0,
        };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Closes the client's connections when this FileIO built the client. */
  destroy(): void {
    if (this.ownsClient) this.client.destroy();
  }

  private async holds(location: string, bytes: Uint8Array): Promise<boolean> {
    try {
      return sameBytes(await this.read(location), bytes);
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  private async putMultipart(
    { bucket, key }: S3Location,
    bytes: Uint8Array,
  ): Promise<void> {
    const partSize = Math.max(
      this.partSizeBytes,
      Math.ceil(bytes.byteLength / MAX_PARTS),
    );
    // CRC32 declared on create, sent with every part and listed on complete: the one
    // combination S3 accepts whatever the SDK's default checksum behaviour.
    const { UploadId: uploadId } = await this.client.send(
      new CreateMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        ChecksumAlgorithm: 'CRC32',
      }),
    );
    if (!uploadId)
      throw new Error(`CreateMultipartUpload returned no UploadId for ${key}`);
    try {
      const parts = await this.uploadParts(
        { bucket, key },
        uploadId,
        bytes,
        partSize,
      );
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
          IfNoneMatch: '*',
        }),
      );
    } catch (error) {
      await this.abortQuietly({ bucket, key }, uploadId);
      throw error;
    }
  }

  private async uploadParts(
    { bucket, key }: S3Location,
    uploadId: string,
    bytes: Uint8Array,
    partSize: number,
  ): Promise<CompletedPart[]> {
    const count = Math.ceil(bytes.byteLength / partSize);
    const parts = new Array<CompletedPart>(count);
    const state = { next: 0, failed: false };
    const worker = async () => {
      while (!state.failed && state.next < count) {
        const index = state.next++;
        try {
          const res = await this.client.send(
            new UploadPartCommand({
              Bucket: bucket,
              Key: key,
              UploadId: uploadId,
              PartNumber: index + 1,
              Body: bytes.subarray(index * partSize, (index + 1) * partSize),
              ChecksumAlgorithm: 'CRC32',
            }),
          );
          parts[index] = {
            PartNumber: index + 1,
            ETag: res.ETag,
            ChecksumCRC32: res.ChecksumCRC32,
          };
        } catch (error) {
          state.failed = true;
          throw error;
        }
      }
    };
    // Settle every worker before reporting a failure: aborting while a part is still in
    // flight could leave that part behind.
    const results = await Promise.allSettled(
      Array.from({ length: Math.min(PART_CONCURRENCY, count) }, worker),
    );
    const failure = results.find(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    );
    if (failure) throw failure.reason;
    return parts;
  }

  private async abortQuietly(
    { bucket, key }: S3Location,
    uploadId: string,
  ): Promise<void> {
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
        }),
      );
    } catch {
      // Already completed or aborted (NoSuchUpload), or S3 unreachable: the caller gets
      // the original error; a bucket lifecycle rule on incomplete uploads is the backstop.
    }
  }
}
