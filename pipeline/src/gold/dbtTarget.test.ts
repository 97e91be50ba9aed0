import { dbtTarget } from './dbtTarget';

describe('dbtTarget', () => {
  it('builds locally with DuckDB, into gold', () => {
    expect(dbtTarget({ warehouse: '/lake/warehouse' })).toEqual({
      target: 'local',
      env: { MEDALLION_GOLD_SCHEMA: 'gold' },
    });
    expect(
      dbtTarget({ warehouse: '/w', queryEngine: { type: 'duckdb' } }).target,
    ).toBe('local');
  });

  it('builds on Trino into gold_staging, its server taken apart for dbt-trino', () => {
    const trino = (server: string) =>
      dbtTarget({
        warehouse: 's3://lake/w',
        queryEngine: {
          type: 'trino',
          server,
          catalog: 'lakehouse',
          user: 'etl',
          password: 'never passed on',
        },
      });
    expect(trino('https://trino.internal:8443/')).toEqual({
      target: 'trino',
      env: {
        MEDALLION_TRINO_HOST: 'trino.internal',
        MEDALLION_TRINO_PORT: '8443',
        MEDALLION_TRINO_SCHEME: 'https',
        MEDALLION_TRINO_USER: 'etl',
        MEDALLION_TRINO_CATALOG: 'lakehouse',
        MEDALLION_GOLD_SCHEMA: 'gold_staging',
      },
    });
    expect(trino('http://127.0.0.1').env.MEDALLION_TRINO_PORT).toBe('80');
    expect(trino('https://trino').env.MEDALLION_TRINO_PORT).toBe('443');
  });

  it('builds on Athena into gold_staging, results in the workgroup location or the warehouse', () => {
    const athena = (outputLocation?: string) =>
      dbtTarget({
        warehouse: 's3://acme-gold/warehouse/',
        aws: { region: 'eu-west-1' },
        queryEngine: {
          type: 'athena',
          workgroup: 'acme',
          ...(outputLocation ? { outputLocation } : {}),
        },
      });
    expect(athena()).toEqual({
      target: 'aws',
      env: {
        MEDALLION_ATHENA_WORKGROUP: 'acme',
        MEDALLION_ATHENA_S3_STAGING: 's3://acme-gold/warehouse/_athena/',
        MEDALLION_ATHENA_S3_DATA: 's3://acme-gold/warehouse/',
        MEDALLION_GOLD_SCHEMA: 'gold_staging',
        AWS_REGION: 'eu-west-1',
      },
    });
    expect(athena('s3://acme-results/q/').env.MEDALLION_ATHENA_S3_STAGING).toBe(
      's3://acme-results/q/',
    );
  });
});
