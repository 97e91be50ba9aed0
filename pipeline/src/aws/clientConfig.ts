/**
 * Settings every AWS client of the pipeline shares. Credentials are never configured
 * here: the SDK's default provider chain resolves them (environment, shared config and
 * SSO, ECS task role, EC2 instance metadata), so nothing secret is in our config or logs.
 */

export interface AwsSettings {
  region: string;
  /** An S3-compatible store or an emulator (e.g. http://127.0.0.1:5000); unset on AWS. */
  endpoint?: string;
  /** Path-style S3 addressing (`endpoint/bucket/key`), which most S3-compatible stores need. */
  forcePathStyle?: boolean;
  /** Attempts per request including the first (the SDK's standard retry with backoff). Default 5. */
  maxAttempts?: number;
}

export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'standard';
}

export function awsClientConfig(settings: AwsSettings): AwsClientConfig {
  return {
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    maxAttempts: settings.maxAttempts ?? 5,
    retryMode: 'standard',
  };
}
