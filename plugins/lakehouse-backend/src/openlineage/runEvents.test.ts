import type { JobRun } from '@medallion/plugin-lakehouse-common';
import {
  loadSpecValidator,
  type SpecValidator,
} from './__testUtils__/openLineageSpec';
import {
  DEFAULT_PRODUCER,
  FACET_SCHEMA_URLS,
  ICEBERG_SNAPSHOT_FACET_SCHEMA_URL,
  RUN_EVENT_SCHEMA_URL,
} from './facets';
import { runEventInputFromJobRun } from './jobRunEvents';
import type { DatasetNamingContext } from './naming';
import type { OpenLineageRunEvent } from './openLineageTypes';
import {
  buildRunEvent,
  type RunEventContext,
  type RunEventInput,
} from './runEvents';

const localNaming: DatasetNamingContext = {
  kafkaBrokers: ['127.0.0.1:9092'],
  tables: { catalog: 'sql', warehouse: 'file:///srv/medallion/warehouse' },
};
const glueNaming: DatasetNamingContext = {
  kafkaBrokers: ['b-1.kafka.internal:9094', 'b-2.kafka.internal:9094'],
  tables: {
    catalog: 'glue',
    warehouse: 's3://medallion-lake/warehouse',
    region: 'eu-west-1',
    accountId: '123456789012',
  },
};
const context: RunEventContext = {
  jobNamespace: 'medallion',
  producer: DEFAULT_PRODUCER,
  naming: localNaming,
};

const RUN_ID = '0b6f8e0e-5d0c-4b61-9f3e-2f1d3c4b5a69';
const SNAPSHOT = '9007199254740993123'; // beyond 2^53: must stay a string

const silverRun = (
  status: RunEventInput['status'],
  extra: Partial<RunEventInput> = {},
): RunEventInput => ({
  runId: RUN_ID,
  job: 'silver',
  status,
  eventTime: '2026-11-27T10:00:05.123Z',
  inputs: [{ table: 'bronze.purchases_raw' }],
  outputs: [
    {
      dataset: { table: 'silver.purchases' },
      rowCount: 1200,
      sizeBytes: 48_213,
      fileCount: 2,
      snapshotId: SNAPSHOT,
    },
    { dataset: { table: 'silver.purchases_rejected' }, rowCount: 3 },
  ],
  ...extra,
});

let spec: SpecValidator;
beforeAll(() => {
  spec = loadSpecValidator();
});

function expectValid(event: OpenLineageRunEvent) {
  expect(spec.problems(event)).toEqual([]);
  // Every facet's schema URL names a schema the validator loaded (its exact version).
  const urls = JSON.stringify(event).match(/"_schemaURL":"[^"]+"/g) ?? [];
  for (const entry of urls) {
    const url = entry.slice('"_schemaURL":"'.length, -1);
    expect(spec.schemaIds).toContain(url.split('#')[0]);
  }
}

describe('the OpenLineage spec validator', () => {
  it('loads the official core schema and the facet schemas we emit', () => {
    expect(spec.schemaIds).toEqual(
      expect.arrayContaining([
        'https://openlineage.io/spec/2-0-2/OpenLineage.json',
        'https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json',
        'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json',
        'https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json',
        'https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json',
      ]),
    );
  });

  it('rejects events that break the spec or a facet schema', () => {
    const good = buildRunEvent(
      silverRun('failed', { errorMessage: 'boom' }),
      context,
    );
    const clone = () => JSON.parse(JSON.stringify(good));

    const noRunId = clone();
    delete noRunId.run.runId;
    expect(spec.problems(noRunId).join('\n')).toMatch(/runId/);

    const badUuid = clone();
    badUuid.run.runId = 'run-42';
    expect(spec.problems(badUuid).join('\n')).toMatch(/uuid/);

    const badType = clone();
    badType.eventType = 'DONE';
    expect(spec.problems(badType).join('\n')).toMatch(/allowed values/);

    const noLanguage = clone();
    delete noLanguage.run.facets.errorMessage.programmingLanguage;
    expect(spec.problems(noLanguage).join('\n')).toMatch(
      /run\.facets\.errorMessage.*programmingLanguage/,
    );

    const stringRows = clone();
    stringRows.outputs[0].outputFacets.outputStatistics.rowCount = '1200';
    expect(spec.problems(stringRows).join('\n')).toMatch(
      /outputStatistics\/rowCount must be integer|outputStatistics.*integer/,
    );

    const numericSnapshot = clone();
    numericSnapshot.outputs[0].outputFacets.medallion_icebergSnapshot.snapshotId = 42;
    expect(spec.problems(numericSnapshot).join('\n')).toMatch(
      /medallion_icebergSnapshot.*string/,
    );

    const wrongVersion = clone();
    wrongVersion.job.facets.jobType._schemaURL =
      'https://openlineage.io/spec/facets/9-9-9/JobTypeJobFacet.json#/$defs/JobTypeJobFacet';
    expect(spec.problems(wrongVersion).join('\n')).toMatch(/no schema loaded/);

    const renamed = clone();
    renamed.run.facets.error = renamed.run.facets.errorMessage;
    delete renamed.run.facets.errorMessage;
    expect(spec.problems(renamed).join('\n')).toMatch(
      /defines no facet named "error"/,
    );

    const noProducer = clone();
    delete noProducer.outputs[1].facets.symlinks._producer;
    expect(spec.problems(noProducer).join('\n')).toMatch(/_producer/);
  });
});

describe('buildRunEvent', () => {
  it('builds a START event for the streaming bronze ingester', () => {
    const event = buildRunEvent(
      {
        runId: RUN_ID,
        job: 'bronze',
        status: 'running',
        eventTime: '2026-11-27T10:00:00Z',
        inputs: [{ topic: 'purchases' }, { topic: 'purchases.labels' }],
        outputs: [
          { dataset: { table: 'bronze.purchases_raw' } },
          { dataset: { table: 'bronze.purchase_labels' } },
        ],
      },
      context,
    );
    expectValid(event);
    expect(event).toEqual({
      eventType: 'START',
      eventTime: '2026-11-27T10:00:00.000Z',
      producer: DEFAULT_PRODUCER,
      schemaURL: RUN_EVENT_SCHEMA_URL,
      run: { runId: RUN_ID },
      job: {
        namespace: 'medallion',
        name: 'lakehouse.bronze_ingester',
        facets: {
          jobType: {
            _producer: DEFAULT_PRODUCER,
            _schemaURL: FACET_SCHEMA_URLS.jobType,
            processingType: 'STREAMING',
            integration: 'MEDALLION',
            jobType: 'JOB',
          },
        },
      },
      inputs: [
        { namespace: 'kafka://127.0.0.1:9092', name: 'purchases' },
        { namespace: 'kafka://127.0.0.1:9092', name: 'purchases.labels' },
      ],
      outputs: [
        {
          namespace: 'file',
          name: '/srv/medallion/warehouse/bronze/purchases_raw',
          facets: {
            symlinks: {
              _producer: DEFAULT_PRODUCER,
              _schemaURL: FACET_SCHEMA_URLS.symlinks,
              identifiers: [
                {
                  namespace: 'file:/srv/medallion/warehouse',
                  name: 'bronze.purchases_raw',
                  type: 'TABLE',
                },
              ],
            },
          },
        },
        expect.objectContaining({
          name: '/srv/medallion/warehouse/bronze/purchase_labels',
        }),
      ],
    });
  });

  it('reports statistics only at the end of a run, never at its start', () => {
    const start = buildRunEvent(silverRun('running'), context);
    expectValid(start);
    expect(start.eventType).toBe('START');
    expect(start.outputs.every(o => o.outputFacets === undefined)).toBe(true);
    expect(start.job.facets?.jobType?.processingType).toBe('BATCH');
  });

  it('builds COMPLETE with output statistics and the Iceberg snapshot facet', () => {
    const event = buildRunEvent(silverRun('succeeded'), context);
    expectValid(event);
    expect(event.eventType).toBe('COMPLETE');
    expect(event.run).toEqual({ runId: RUN_ID });
    expect(event.outputs[0]!.outputFacets).toEqual({
      outputStatistics: {
        _producer: DEFAULT_PRODUCER,
        _schemaURL: FACET_SCHEMA_URLS.outputStatistics,
        rowCount: 1200,
        size: 48_213,
        fileCount: 2,
      },
      medallion_icebergSnapshot: {
        _producer: DEFAULT_PRODUCER,
        _schemaURL: ICEBERG_SNAPSHOT_FACET_SCHEMA_URL,
        table: 'silver.purchases',
        snapshotId: SNAPSHOT,
      },
    });
    // Only what is known: the rejected table has a row count and nothing else.
    expect(event.outputs[1]!.outputFacets).toEqual({
      outputStatistics: {
        _producer: DEFAULT_PRODUCER,
        _schemaURL: FACET_SCHEMA_URLS.outputStatistics,
        rowCount: 3,
      },
    });
    // The snapshot id survives serialisation exactly.
    expect(JSON.stringify(event)).toContain(`"snapshotId":"${SNAPSHOT}"`);
  });

  it('builds FAIL with the errorMessage run facet and no stack trace', () => {
    const event = buildRunEvent(
      silverRun('failed', {
        errorMessage: 'commit conflict on silver.purchases',
      }),
      context,
    );
    expectValid(event);
    expect(event.eventType).toBe('FAIL');
    expect(event.run.facets).toEqual({
      errorMessage: {
        _producer: DEFAULT_PRODUCER,
        _schemaURL: FACET_SCHEMA_URLS.errorMessage,
        message: 'commit conflict on silver.purchases',
        programmingLanguage: 'TypeScript',
      },
    });
  });

  it('builds ABORT for a cancelled run', () => {
    const event = buildRunEvent(
      silverRun('cancelled', { outputs: [] }),
      context,
    );
    expectValid(event);
    expect(event.eventType).toBe('ABORT');
    expect(event.outputs).toEqual([]);
    expect(event.run.facets).toBeUndefined();
  });

  it('names tables by S3 location with a Glue symlink on AWS', () => {
    const event = buildRunEvent(silverRun('succeeded'), {
      ...context,
      jobNamespace: 'medallion-prod',
      naming: glueNaming,
    });
    expectValid(event);
    expect(event.job.namespace).toBe('medallion-prod');
    expect(event.inputs).toEqual([
      {
        namespace: 's3://medallion-lake',
        name: 'warehouse/bronze/purchases_raw',
        facets: {
          symlinks: expect.objectContaining({
            identifiers: [
              {
                namespace: 'arn:aws:glue:eu-west-1:123456789012',
                name: 'table/bronze/purchases_raw',
                type: 'TABLE',
              },
            ],
          }),
        },
      },
    ]);
  });

  it('refuses input that cannot make a valid event', () => {
    expect(() =>
      buildRunEvent(silverRun('succeeded', { runId: 'not-a-uuid' }), context),
    ).toThrow(/runId/);
    expect(() =>
      buildRunEvent(
        silverRun('succeeded', {
          outputs: [
            { dataset: { table: 'silver.purchases' }, snapshotId: '12a' },
          ],
        }),
        context,
      ),
    ).toThrow(/snapshotId/);
    expect(() =>
      buildRunEvent(
        { ...silverRun('succeeded'), status: 'queued' } as never,
        context,
      ),
    ).toThrow(/status/);
  });
});

describe('runEventInputFromJobRun', () => {
  const topics = { purchases: 'purchases', labels: 'purchases.labels' };
  const baseRun: JobRun = {
    runId: RUN_ID,
    job: 'silver',
    trigger: 'schedule',
    triggeredBy: null,
    idempotencyKey: null,
    params: {},
    status: 'running',
    createdAt: '2026-11-27T09:59:59.000Z',
    startedAt: '2026-11-27T10:00:00.000Z',
    finishedAt: null,
    durationMs: null,
    progress: null,
    output: null,
    error: null,
    cancelRequested: false,
  };
  const events = (run: JobRun) => {
    const input = runEventInputFromJobRun(run, topics);
    if (!input) throw new Error('expected an event input');
    const event = buildRunEvent(input, context);
    expectValid(event);
    return event;
  };

  it('maps each run status onto its event, all valid', () => {
    expect(
      runEventInputFromJobRun({ ...baseRun, status: 'queued' }, topics),
    ).toBeUndefined();
    const start = events(baseRun);
    expect(start.eventType).toBe('START');
    expect(start.eventTime).toBe('2026-11-27T10:00:00.000Z');
    expect(start.outputs.map(o => o.name)).toEqual([
      '/srv/medallion/warehouse/silver/purchases',
      '/srv/medallion/warehouse/silver/purchases_rejected',
    ]);

    const done = events({
      ...baseRun,
      status: 'succeeded',
      finishedAt: '2026-11-27T10:00:07.000Z',
      output: {
        rows: { accepted: 1200, rejected: 3 },
        snapshots: [
          { table: 'silver.purchases', snapshotId: SNAPSHOT },
          { table: 'silver.purchases_rejected', snapshotId: '77' },
        ],
        summary: null,
      },
    });
    expect(done.eventType).toBe('COMPLETE');
    expect(done.eventTime).toBe('2026-11-27T10:00:07.000Z');
    expect(
      done.outputs.map(o => [
        o.outputFacets?.outputStatistics?.rowCount,
        o.outputFacets?.medallion_icebergSnapshot?.snapshotId,
      ]),
    ).toEqual([
      [1200, SNAPSHOT],
      [3, '77'],
    ]);

    const failed = events({
      ...baseRun,
      status: 'failed',
      finishedAt: '2026-11-27T10:00:07.000Z',
      error: 'bronze.purchases_raw does not exist',
    });
    expect(failed.eventType).toBe('FAIL');
    expect(failed.run.facets?.errorMessage?.message).toBe(
      'bronze.purchases_raw does not exist',
    );

    const cancelled = events({
      ...baseRun,
      status: 'cancelled',
      finishedAt: '2026-11-27T10:00:07.000Z',
      cancelRequested: true,
    });
    expect(cancelled.eventType).toBe('ABORT');
  });

  it('uses the producer and bronze row keys and the configured topic names', () => {
    const producer = events({
      ...baseRun,
      job: 'producer',
      status: 'succeeded',
      finishedAt: '2026-11-27T10:05:00.000Z',
      output: {
        rows: { sent: 5000, labels: 5000, malformed: 4 },
        snapshots: [],
        summary: null,
      },
    });
    expect(
      producer.outputs.map(o => [
        o.name,
        o.outputFacets?.outputStatistics?.rowCount,
      ]),
    ).toEqual([
      ['purchases', 5000],
      ['purchases.labels', 5000],
    ]);
    const bronze = runEventInputFromJobRun(
      {
        ...baseRun,
        job: 'bronze',
        status: 'succeeded',
        finishedAt: '2026-11-27T11:00:00.000Z',
        output: {
          rows: { purchases: 10, labels: 9 },
          snapshots: [{ table: 'bronze.purchases_raw', snapshotId: '5' }],
          summary: null,
        },
      },
      { purchases: 'shop.purchases', labels: 'shop.labels' },
    );
    expect(bronze?.inputs).toEqual([
      { topic: 'shop.purchases' },
      { topic: 'shop.labels' },
    ]);
    expect(bronze?.outputs).toEqual([
      {
        dataset: { table: 'bronze.purchases_raw' },
        rowCount: 10,
        snapshotId: '5',
      },
      { dataset: { table: 'bronze.purchase_labels' }, rowCount: 9 },
    ]);
  });

  it('takes gold outputs and maintained tables from the committed snapshots', () => {
    const gold = events({
      ...baseRun,
      job: 'gold',
      status: 'succeeded',
      finishedAt: '2026-11-27T12:00:00.000Z',
      output: {
        rows: { 'gold.fct_purchases': 1200, 'gold.dim_customers': -1 },
        snapshots: [
          { table: 'gold.fct_purchases', snapshotId: '11' },
          { table: 'gold.dim_customers', snapshotId: '12' },
        ],
        summary: null,
      },
    });
    expect(gold.job.name).toBe('lakehouse.gold_dbt_build');
    expect(gold.inputs.map(i => i.name)).toEqual([
      '/srv/medallion/warehouse/silver/purchases',
    ]);
    expect(
      gold.outputs.map(o => [
        o.name,
        o.outputFacets?.outputStatistics?.rowCount,
        o.outputFacets?.medallion_icebergSnapshot?.snapshotId,
      ]),
    ).toEqual([
      ['/srv/medallion/warehouse/gold/dim_customers', undefined, '12'],
      ['/srv/medallion/warehouse/gold/fct_purchases', 1200, '11'],
    ]);

    const maintenance = events({
      ...baseRun,
      job: 'maintenance',
      status: 'succeeded',
      finishedAt: '2026-11-27T12:05:00.000Z',
      output: {
        rows: { compactedFiles: 12, expiredSnapshots: 40, orphanFiles: 0 },
        snapshots: [
          { table: 'silver.purchases', snapshotId: '21' },
          { table: 'bronze.purchases_raw', snapshotId: '20' },
        ],
        summary: null,
      },
    });
    const maintained = [
      '/srv/medallion/warehouse/bronze/purchases_raw',
      '/srv/medallion/warehouse/silver/purchases',
    ];
    expect(maintenance.inputs.map(i => i.name)).toEqual(maintained);
    expect(maintenance.outputs.map(o => o.name)).toEqual(maintained);
    expect(
      maintenance.outputs.every(
        o => o.outputFacets?.outputStatistics === undefined,
      ),
    ).toBe(true);
  });
});
