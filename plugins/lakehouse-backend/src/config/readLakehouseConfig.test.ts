import { ConfigReader } from '@backstage/config';
import { readLakehouseConfig } from './readLakehouseConfig';

const read = (lakehouse: object | undefined, env: NodeJS.ProcessEnv = {}) =>
  readLakehouseConfig(new ConfigReader(lakehouse ? { lakehouse } : {}), env);

describe('readLakehouseConfig', () => {
  it('runs on the embedded defaults when nothing is configured', () => {
    const c = read(undefined, { MEDALLION_HOME: '/tmp/mh' });
    expect(c.pipeline.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(c.pipeline.lakehouse.catalogUri).toBe('sqlite:/tmp/mh/catalog.db');
    expect(c.pipeline.lakehouse.warehouse).toBe('file:///tmp/mh/warehouse');
    expect(c.jobs.producer.enabled).toBe(false);
    expect(c.jobs.bronze.enabled).toBe(true);
    expect(c.jobs.silver.schedule).toEqual({
      frequency: { seconds: 10 },
      timeout: { minutes: 30 },
      scope: 'global',
    });
    expect(c.openLineage).toEqual({
      url: null,
      apiKey: null,
      namespace: 'medallion',
      logFile: '/tmp/mh/openlineage/events.jsonl',
    });
    expect(c.runRetentionMs).toBe(30 * 86_400_000);
    expect(c.freshness.byLayer.bronze).toEqual({
      warnAfterSeconds: 120,
      errorAfterSeconds: 600,
    });
  });

  it('runs on AWS from the keys Terraform outputs', () => {
    const c = read({
      platform: 'aws',
      warehouse: 's3://acme-prod-gold/warehouse',
      aws: { region: 'eu-central-1' },
      catalog: { glue: { catalogId: '123456789012' } },
      queryEngine: {
        athena: {
          workgroup: 'acme-prod',
          outputLocation: 's3://acme-prod-athena-results/results/',
        },
      },
    });
    expect(c.pipeline.lakehouse).toMatchObject({
      platform: 'aws',
      catalog: 'glue',
      glueCatalogId: '123456789012',
      aws: { region: 'eu-central-1' },
      queryEngine: { type: 'athena', workgroup: 'acme-prod' },
    });
    expect(c.queryEngine).toBe('athena');
    expect(c.jobs.gold.enabled).toBe(false);
  });

  it('says why gold is off on Glue with DuckDB, and builds it on Athena or Trino', () => {
    const glue = {
      catalog: { type: 'glue' },
      aws: { region: 'eu-west-1' },
      dbt: { python: '/opt/dbt/bin/python' },
    };
    const c = read(glue, {});
    expect(c.jobs.gold.enabled).toBe(false);
    expect(c.jobs.gold.disabledReason).toMatch(
      /builds on Athena \(dbt-athena\) or Trino \(dbt-trino\): set lakehouse\.queryEngine\.type/,
    );
    for (const queryEngine of [
      { type: 'athena', athena: { workgroup: 'wg' } },
      { type: 'trino', trino: { server: 'https://trino.internal:8443' } },
    ]) {
      const on = read({ ...glue, queryEngine }, {});
      expect(on.jobs.gold).toMatchObject({
        enabled: true,
        disabledReason: null,
      });
      expect(on.queryEngine).toBe(queryEngine.type);
    }
  });

  it('maps app-config over the environment (app-config wins)', () => {
    const c = read(
      {
        home: '/srv/lake',
        kafka: {
          brokers: ['k1:9092', 'k2:9092'],
          topic: 'orders',
          sasl: { mechanism: 'plain', username: 'u', password: 'p' },
        },
        catalog: { uri: 'postgresql://u:p@db:5432/lake', name: 'prod' },
        warehouse: 's3://bucket/warehouse/',
        aws: { region: 'eu-west-1' },
        jobs: {
          silver: {
            schedule: { frequency: { cron: '*/1 * * * *' }, timeout: 'PT5M' },
            maxRowsPerRun: 1000,
          },
          producer: { enabled: true, rate: '250', schema: 'v2' },
        },
        runs: { retention: 'P7D' },
        openLineage: { url: 'http://marquez:5000/', logFile: false },
      },
      { KAFKA_BROKERS: 'env:9092', KAFKA_TOPIC: 'from-env' },
    );
    expect(c.pipeline.kafka.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(c.pipeline.kafka.topics.purchases).toBe('orders');
    expect(c.pipeline.kafka.sasl).toEqual({
      mechanism: 'plain',
      username: 'u',
      password: 'p',
    });
    expect(c.pipeline.lakehouse).toEqual({
      home: '/srv/lake',
      warehouse: 's3://bucket/warehouse',
      catalogUri: 'postgresql://u:p@db:5432/lake',
      catalogName: 'prod',
      platform: 'local',
      catalog: 'sql',
      aws: { region: 'eu-west-1' },
      queryEngine: { type: 'duckdb' },
    });
    expect(c.jobs.silver.maxRowsPerRun).toBe(1000);
    expect(c.jobs.silver.schedule.frequency).toEqual({ cron: '*/1 * * * *' });
    expect(c.jobs.silver.schedule.scope).toBe('global');
    expect(c.jobs.producer).toMatchObject({
      enabled: true,
      rate: 250,
      schema: 'v2',
    });
    expect(c.runRetentionMs).toBe(7 * 86_400_000);
    expect(c.openLineage.url).toBe('http://marquez:5000');
    expect(c.openLineage.logFile).toBeNull();
  });

  it('resolves freshness SLAs from ISO strings and duration objects', () => {
    const c = read({
      freshness: {
        default: { warnAfter: 'PT10M', errorAfter: { hours: 1 } },
        tables: [
          {
            table: 'gold.fct_purchases',
            warnAfter: { days: 1 },
            errorAfter: { days: 2 },
          },
        ],
      },
    });
    expect(c.freshness.default).toEqual({
      warnAfterSeconds: 600,
      errorAfterSeconds: 3600,
    });
    expect(c.freshness.byTable['gold.fct_purchases']).toEqual({
      warnAfterSeconds: 86_400,
      errorAfterSeconds: 172_800,
    });
  });

  it('enables gold only with a dbt environment, and says how to get one', () => {
    const without = read(undefined, {});
    expect(without.jobs.gold.enabled).toBe(false);
    expect(without.jobs.gold.disabledReason).toMatch(
      /scripts\/python-env\.sh dbt dbt\/requirements\.txt/,
    );
    const fromEnv = read(undefined, {
      MEDALLION_DBT_PYTHON: '/venv/bin/python',
    });
    expect(fromEnv.jobs.gold.enabled).toBe(true);
    expect(fromEnv.dbt.python).toBe('/venv/bin/python');
    const off = read(
      { jobs: { gold: { enabled: false } }, dbt: { python: '/p' } },
      {},
    );
    expect(off.jobs.gold).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/jobs\.gold\.enabled/),
    });
  });

  it('says which key is wrong', () => {
    expect(() =>
      read({
        freshness: {
          default: { warnAfter: { hours: 2 }, errorAfter: { hours: 1 } },
        },
      }),
    ).toThrow(/lakehouse.freshness.default: .*errorAfter at least warnAfter/);
    expect(() => read({ kafka: { brokers: ['no-port'] } })).toThrow(
      /"no-port" is not host:port/,
    );
    expect(() => read({ catalog: { uri: 'mysql://x' } })).toThrow(
      /must start with sqlite: or postgresql/,
    );
    expect(() => read({ jobs: { producer: { schema: 'v9' } } })).toThrow(
      /v1 or v2/,
    );
  });
});
