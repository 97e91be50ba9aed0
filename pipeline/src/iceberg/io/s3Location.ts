/**
 * S3 object locations: `s3://bucket/key`. Tables written by Spark or Hive through
 * Hadoop's connectors name their files `s3a://` (or the older `s3n://`); both address
 * the same objects, so they are accepted on input, and `s3://` (what Iceberg's own
 * S3FileIO, PyIceberg and Athena write) is always what we produce.
 *
 * The key is taken verbatim, with no percent-decoding (as Iceberg's Java S3URI and
 * PyIceberg), and `?` and `#` are part of it (they strip them as a query or fragment,
 * but Iceberg writers never produce them): every key `list` yields reads back as is.
 */

export interface S3Location {
  bucket: string;
  /** The object key, or a key prefix; '' is the bucket's root. */
  key: string;
}

export const S3_SCHEMES: readonly string[] = ['s3', 's3a', 's3n'];

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
// Current rules are 3-63 lowercase letters, digits, dots and hyphens; buckets created
// in us-east-1 before 2018 may also hold uppercase letters and underscores (up to 255).
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]$/;

export class InvalidS3LocationError extends Error {
  constructor(readonly location: string, reason: string) {
    super(`invalid S3 location ${JSON.stringify(location)}: ${reason}`);
  }
}

/** True for `s3://`, `s3a://` and `s3n://` locations (any letter case in the scheme). */
export function isS3Location(location: string): boolean {
  const scheme = SCHEME.exec(location)?.[1];
  return scheme !== undefined && S3_SCHEMES.includes(scheme.toLowerCase());
}

/** Splits `s3://bucket/key` (or s3a/s3n) into bucket and key; throws InvalidS3LocationError. */
export function parseS3Location(location: string): S3Location {
  const scheme = SCHEME.exec(location);
  if (!scheme || !S3_SCHEMES.includes(scheme[1].toLowerCase()))
    throw new InvalidS3LocationError(
      location,
      'expected s3://bucket/key (s3a:// and s3n:// are accepted too)',
    );
  const rest = location.slice(scheme[0].length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const key = slash < 0 ? '' : rest.slice(slash + 1);
  if (!bucket) throw new InvalidS3LocationError(location, 'no bucket name');
  if (!BUCKET.test(bucket))
    throw new InvalidS3LocationError(
      location,
      `"${bucket}" is not a valid bucket name (3-63 lowercase letters, digits, dots and hyphens)`,
    );
  return { bucket, key };
}

/** Like parseS3Location, for an object rather than a prefix: a key, not ending in `/`. */
export function parseS3ObjectLocation(location: string): S3Location {
  const parsed = parseS3Location(location);
  if (!parsed.key || parsed.key.endsWith('/'))
    throw new InvalidS3LocationError(
      location,
      'names a bucket or a folder, not an object',
    );
  return parsed;
}

/** The canonical `s3://bucket/key` form. */
export function formatS3Location({ bucket, key }: S3Location): string {
  return `s3://${bucket}/${key}`;
}

/** Any accepted S3 location in its canonical `s3://` form (to compare locations). */
export function normalizeS3Location(location: string): string {
  return formatS3Location(parseS3Location(location));
}
