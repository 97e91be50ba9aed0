import { ConfigError, loadConfig } from './config';

describe('loadConfig: local and AWS', () => {
  it('runs on the local defaults: SQL catalog, DuckDB, no AWS', () => {
    const { lakehouse } = loadConfig({ MEDALLION_HOME: '/tmp/mh' });
    expect(lakehouse).toMatchObject({
      platform: 'local',
      catalog: 'sql',
      queryEngine: { type: 'duckdb' },
    });
    expect(lakehouse.aws).toBeUndefined();
  });

  it('switches catalog and query engine with one setting, platform=aws', () => {
    const { lakehouse } = loadConfig({
      MEDALLION_PLATFORM: 'aws',
      MEDALLION_WAREHOUSE: 's3://acme-prod-gold/warehouse',
      MEDALLION_AWS_REGION: 'eu-west-1',
      MEDALLION_GLUE_CATALOG_ID: '123456789012',
      MEDALLION_ATHENA_WORKGROUP: 'acme-prod',
      MEDALLION_ATHENA_OUTPUT_LOCATION:
        's3://acme-prod-athena-results/results/',
    });
    expect(lakehouse).toMatchObject({
      platform: 'aws',
      warehouse: 's3://acme-prod-gold/warehouse',
      catalog: 'glue',
      glueCatalogId: '123456789012',
      aws: { region: 'eu-west-1' },
      queryEngine: {
        type: 'athena',
        workgroup: 'acme-prod',
        outputLocation: 's3://acme-prod-athena-results/results/',
      },
    });
  });

  it('lets each component be chosen on its own: S3 files with the SQL catalog and DuckDB', () => {
    const { lakehouse } = loadConfig({
      MEDALLION_WAREHOUSE: 's3://lake/warehouse',
      AWS_REGION: 'us-east-1',
      MEDALLION_AWS_ENDPOINT: 'http://127.0.0.1:9000',
      MEDALLION_S3_FORCE_PATH_STYLE: 'true',
    });
    expect(lakehouse).toMatchObject({
      platform: 'local',
      catalog: 'sql',
      queryEngine: { type: 'duckdb' },
      aws: {
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9000',
        forcePathStyle: true,
      },
    });
  });

  it.each([
    [
      'a local warehouse on platform=aws',
      { MEDALLION_PLATFORM: 'aws', AWS_REGION: 'eu-west-1' },
      /needs an s3:\/\/ warehouse/,
    ],
    [
      'no region for Glue',
      { MEDALLION_CATALOG: 'glue' },
      /AWS region is required \(Glue catalog\)/,
    ],
    [
      'Athena without a workgroup',
      { MEDALLION_QUERY_ENGINE: 'athena', AWS_REGION: 'eu-west-1' },
      /needs a workgroup/,
    ],
    [
      'a catalog id that is not an account id',
      { MEDALLION_GLUE_CATALOG_ID: 'prod' },
      /MEDALLION_GLUE_CATALOG_ID: an AWS account id/,
    ],
  ])('refuses %s with what to set', (_what, env, message) => {
    expect(() => loadConfig({ MEDALLION_HOME: '/tmp/mh', ...env })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ MEDALLION_HOME: '/tmp/mh', ...env })).toThrow(
      message,
    );
  });
});
