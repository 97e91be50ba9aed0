import type { JobRun } from '@medallion/plugin-lakehouse-common';
import {
  loadSpecValidator,
  type SpecValidator,
} from './__testUtils__/openLineageSpec';
import { DEFAULT_PRODUCER } from './facets';
import type { OpenLineageRunEvent } from './openLineageTypes';
import { createOpenLineageRunListener } from './runListener';

const run: JobRun = {
  runId: '3d0c7a52-8f7e-4f55-9a1c-6c0f2b9e1d44',
  job: 'bronze',
  trigger: 'startup',
  triggeredBy: null,
  idempotencyKey: null,
  params: {},
  status: 'running',
  createdAt: '2026-11-27T08:00:00.000Z',
  startedAt: '2026-11-27T08:00:01.000Z',
  finishedAt: null,
  durationMs: null,
  progress: null,
  output: null,
  error: null,
  cancelRequested: false,
};

let spec: SpecValidator;
beforeAll(() => {
  spec = loadSpecValidator();
});

function setup() {
  const emitted: OpenLineageRunEvent[] = [];
  const logger = { warn: jest.fn(), info: jest.fn(), debug: jest.fn() };
  const listener = createOpenLineageRunListener({
    emitter: { emit: e => emitted.push(e) },
    context: {
      jobNamespace: 'medallion',
      producer: DEFAULT_PRODUCER,
      naming: {
        kafkaBrokers: ['127.0.0.1:9092'],
        tables: { catalog: 'sql', warehouse: 'file:///srv/warehouse' },
      },
    },
    topics: { purchases: 'purchases', labels: 'purchases.labels' },
    logger,
  });
  return { emitted, logger, listener };
}

describe('createOpenLineageRunListener', () => {
  it('emits a valid START when a run starts and its end when it finishes', () => {
    const { emitted, logger, listener } = setup();
    listener({ ...run, status: 'queued' });
    listener(run);
    listener({
      ...run,
      status: 'succeeded',
      finishedAt: '2026-11-27T09:00:00.000Z',
      output: {
        rows: { purchases: 100, labels: 100 },
        snapshots: [{ table: 'bronze.purchases_raw', snapshotId: '1' }],
        summary: 'stopped with the backend',
      },
    });
    expect(emitted.map(e => e.eventType)).toEqual(['START', 'COMPLETE']);
    for (const e of emitted) expect(spec.problems(e)).toEqual([]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('logs and skips a run record it cannot describe, never throwing', () => {
    const { emitted, logger, listener } = setup();
    expect(() => listener({ ...run, runId: 'not-a-uuid' })).not.toThrow();
    expect(emitted).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^OpenLineage: no event for bronze run not-a-uuid \(running\): invalid OpenLineage run event input: runId/,
      ),
    );
  });
});
