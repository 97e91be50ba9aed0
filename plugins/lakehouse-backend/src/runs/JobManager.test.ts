import { mockServices } from '@backstage/backend-test-utils';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { JobRun } from '@medallion/plugin-lakehouse-common';
import type { Knex } from 'knex';
import { JobManager, type JobManagerOptions } from './JobManager';
import { applyDatabaseMigrations } from './migrations';
import { STOPPED_WITH_BACKEND } from './runOutcome';
import { RunStore } from './RunStore';
import {
  RUN_DATABASE_IDS,
  setupRunDatabases,
  waitFor,
} from './__testUtils__/runDatabases';
import { controlledJob, output } from './__testUtils__/testJobs';

jest.setTimeout(60_000);

const databases = setupRunDatabases();

describe.each(RUN_DATABASE_IDS)('JobManager on %s', id => {
  let knex: Knex;
  let connectAgain: () => Knex;
  let store: RunStore;
  let managers: JobManager[];

  beforeEach(async () => {
    ({ knex, connectAgain } = await databases.create(id));
    await applyDatabaseMigrations(knex);
    store = new RunStore(knex);
    managers = [];
  });

  afterEach(async () => {
    await Promise.all(managers.map(m => m.shutdown()));
  });

  function manager(
    options: Partial<JobManagerOptions> = {},
  ): JobManager & { logger: ReturnType<typeof mockServices.logger.mock> } {
    const logger = mockServices.logger.mock();
    const created = new JobManager({
      store,
      logger,
      heartbeatIntervalMs: 50,
      staleAfterMs: 5_000,
      progressIntervalMs: 200,
      shutdownTimeoutMs: 2_000,
      ...options,
    });
    managers.push(created);
    return Object.assign(created, { logger });
  }

  /** Another backend instance: its own store and connection pool. */
  function otherInstance(options: Partial<JobManagerOptions> = {}) {
    return manager({ store: new RunStore(connectAgain()), ...options });
  }

  const finished = (runId: string) =>
    waitFor(`run ${runId} to finish`, async () => {
      const run = await store.get(runId);
      return ['succeeded', 'failed', 'cancelled'].includes(run.status)
        ? run
        : undefined;
    });

  const running = (runId: string) =>
    waitFor(`run ${runId} to run`, async () => {
      const run = await store.get(runId);
      return run.status === 'running' ? run : undefined;
    });

  it('records a triggered run as queued, runs it and records its output', async () => {
    const m = manager();
    const job = controlledJob('gold');
    m.register(job.definition);
    const events: string[] = [];
    m.onRunStarted(run => {
      events.push(`started ${run.status}`);
    });
    m.onRunFinished(async run => {
      events.push(`finished ${run.status}`);
    });

    const { run, existing } = await m.trigger('gold', {
      params: { label: 'a' },
      trigger: 'user',
      triggeredBy: 'user:default/ada',
    });
    expect(existing).toBe(false);
    expect(run).toMatchObject({
      job: 'gold',
      status: 'queued',
      trigger: 'user',
      triggeredBy: 'user:default/ada',
      params: { rate: 1, label: 'a' },
    });

    const ctx = await job.started();
    expect(ctx.runId).toBe(run.runId);
    expect(ctx.params).toEqual({ rate: 1, label: 'a' });
    expect(ctx.signal.aborted).toBe(false);
    expect(await m.getRun(run.runId)).toMatchObject({ status: 'running' });

    job.release(output('built 3 models'));
    const done = await finished(run.runId);
    expect(done).toMatchObject({
      status: 'succeeded',
      output: {
        rows: { accepted: 3 },
        snapshots: [],
        summary: 'built 3 models',
      },
      error: null,
      durationMs: expect.any(Number),
    });
    await waitFor('the finished listener', () =>
      events.length === 2 ? true : undefined,
    );
    expect(events).toEqual(['started running', 'finished succeeded']);
    expect((await m.listRuns()).items.map(r => r.runId)).toEqual([run.runId]);
  });

  it('refuses unknown jobs, disabled jobs and bad params with a reason', async () => {
    const m = manager();
    m.register(controlledJob('gold').definition);
    m.register(
      controlledJob('scoring', {
        enabled: false,
        disabledReason: 'arrives with a later release',
      }).definition,
    );

    const unknown = m.trigger('nope', { trigger: 'user' });
    await expect(unknown).rejects.toThrow(NotFoundError);
    await expect(unknown).rejects.toThrow(
      "Unknown job 'nope' (jobs: gold, scoring)",
    );
    await expect(m.trigger('silver', { trigger: 'user' })).rejects.toThrow(
      NotFoundError,
    );

    const disabled = m.trigger('scoring', { trigger: 'user' });
    await expect(disabled).rejects.toThrow(ConflictError);
    await expect(disabled).rejects.toThrow(
      'Job scoring is disabled: arrives with a later release',
    );

    const bad = m.trigger('gold', {
      trigger: 'service',
      params: { rate: -2, label: 'far too long', extra: true },
    });
    await expect(bad).rejects.toThrow(InputError);
    await expect(bad).rejects.toThrow(
      'Invalid params for job gold: params.rate: Too small: expected number to be >0; params.label: Too big: expected string to have <=5 characters; params.extra: not a parameter of job gold (accepted: rate, label)',
    );
    await expect(
      m.trigger('gold', { trigger: 'user', params: [1, 2] }),
    ).rejects.toThrow(
      'Invalid params for job gold: params: Invalid input: expected object, received array',
    );
    await expect(
      m.trigger('gold', { trigger: 'user', idempotencyKey: 'k'.repeat(256) }),
    ).rejects.toThrow(InputError);
    expect((await m.listRuns()).items).toEqual([]);
  });

  describe('idempotency', () => {
    it('returns the existing run for a repeated key, even after it finished', async () => {
      const m = manager();
      const job = controlledJob('gold');
      m.register(job.definition);
      const first = await m.trigger('gold', {
        trigger: 'service',
        triggeredBy: 'external:airflow',
        idempotencyKey: 'dag-run-1',
        params: { rate: 2 },
      });
      const again = await m.trigger('gold', {
        trigger: 'service',
        idempotencyKey: 'dag-run-1',
        params: { rate: 2 },
      });
      expect(again.existing).toBe(true);
      expect(again.run.runId).toBe(first.run.runId);

      job.release();
      await finished(first.run.runId);
      const afterwards = await m.trigger('gold', {
        trigger: 'service',
        idempotencyKey: 'dag-run-1',
        params: { rate: 2 },
      });
      expect(afterwards).toMatchObject({
        existing: true,
        run: { runId: first.run.runId, status: 'succeeded' },
      });
      // The job ran once.
      expect(job.contexts).toHaveLength(1);

      const other = m.trigger('gold', {
        trigger: 'service',
        idempotencyKey: 'dag-run-1',
        params: { rate: 3 },
      });
      await expect(other).rejects.toThrow(ConflictError);
      await expect(other).rejects.toThrow(
        `Idempotency key 'dag-run-1' was already used for run ${first.run.runId} of job gold with other params`,
      );
    });

    it('records one run for concurrent triggers with the same key, across instances', async () => {
      const a = manager();
      const b = otherInstance();
      const job = controlledJob('gold');
      a.register(job.definition);
      b.register(job.definition);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? a : b).trigger('gold', {
            trigger: 'service',
            idempotencyKey: 'same',
          }),
        ),
      );
      expect(new Set(results.map(r => r.run.runId)).size).toBe(1);
      expect(results.filter(r => !r.existing)).toHaveLength(1);
      await job.started();
      job.release();
      await finished(results[0]!.run.runId);
      expect(job.contexts).toHaveLength(1);
      expect((await store.list()).items).toHaveLength(1);
    });
  });

  it('allows one active run per job under concurrent triggers on two instances', async () => {
    const a = manager();
    const b = otherInstance();
    const job = controlledJob('gold');
    a.register(job.definition);
    b.register(job.definition);

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).trigger('gold', { trigger: 'user' }),
      ),
    );
    const won = results.flatMap(r =>
      r.status === 'fulfilled' ? [r.value] : [],
    );
    const lost = results.flatMap(r =>
      r.status === 'rejected' ? [r.reason] : [],
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    const runId = won[0]!.run.runId;
    for (const error of lost) {
      expect(error).toBeInstanceOf(ConflictError);
      expect(String(error.message)).toContain(
        `Job gold already has an active run ${runId}`,
      );
    }

    await job.started();
    // Still refused while it runs, on either instance.
    await expect(b.trigger('gold', { trigger: 'user' })).rejects.toThrow(
      `Job gold already has an active run ${runId} (running)`,
    );
    job.release();
    await finished(runId);
    // Free again once it ended.
    await expect(b.trigger('gold', { trigger: 'user' })).resolves.toMatchObject(
      { existing: false },
    );
  });

  it('persists progress at most about once per interval, and always at the end', async () => {
    const m = manager({ progressIntervalMs: 200 });
    const writes = jest.spyOn(store, 'updateProgress');
    let calls = 0;
    m.register({
      ...controlledJob('maintenance').definition,
      async run({ progress }) {
        const start = Date.now();
        while (Date.now() - start < 1_000) {
          calls++;
          progress({
            message: `step ${calls}`,
            fraction: calls / 1000,
            counters: { steps: calls },
          });
          await new Promise(resolve => setTimeout(resolve, 2));
        }
        progress({ message: 'done', fraction: 1, counters: { steps: calls } });
        return output();
      },
    });
    const { run } = await m.trigger('maintenance', { trigger: 'user' });
    const mid = await waitFor('progress while running', async () => {
      const current = await store.get(run.runId);
      return current.status === 'running' && current.progress
        ? current
        : undefined;
    });
    expect(mid.progress!.message).toMatch(/^step \d+$/);

    const done = await finished(run.runId);
    expect(calls).toBeGreaterThan(100);
    // ~1 s of reports at one write per 200 ms: about 5 writes, never one per call.
    expect(writes.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(writes.mock.calls.length).toBeLessThanOrEqual(8);
    expect(done.progress).toEqual({
      message: 'done',
      fraction: 1,
      counters: { steps: calls },
      updatedAt: expect.any(String),
    });
  });

  describe('cancellation', () => {
    it('aborts a running run through its signal and records it cancelled', async () => {
      const m = manager();
      const job = controlledJob('gold');
      m.register(job.definition);
      const { run } = await m.trigger('gold', { trigger: 'user' });
      const ctx = await job.started();
      await running(run.runId);

      const requested = await m.cancel(run.runId, 'user:default/ada');
      expect(requested).toMatchObject({
        runId: run.runId,
        cancelRequested: true,
      });
      expect(ctx.signal.aborted).toBe(true);
      expect(await finished(run.runId)).toMatchObject({
        status: 'cancelled',
        cancelRequested: true,
        error: null,
      });
    });

    it('records a run that stops cleanly on cancel as cancelled, keeping its output', async () => {
      const m = manager();
      const job = controlledJob('gold', { onAbort: 'resolve' });
      m.register(job.definition);
      const { run } = await m.trigger('gold', { trigger: 'user' });
      await job.started();
      await m.cancel(run.runId, 'user:default/ada');
      expect(await finished(run.runId)).toMatchObject({
        status: 'cancelled',
        output: { summary: 'stopped cleanly' },
      });
    });

    it('refuses to cancel a finished run', async () => {
      const m = manager();
      const job = controlledJob('gold');
      m.register(job.definition);
      job.release();
      const { run } = await m.trigger('gold', { trigger: 'user' });
      await finished(run.runId);
      const attempt = m.cancel(run.runId, 'user:default/ada');
      await expect(attempt).rejects.toThrow(ConflictError);
      await expect(attempt).rejects.toThrow(
        `Run ${run.runId} of job gold already succeeded`,
      );
      await expect(m.cancel('no-such-run', null)).rejects.toThrow(
        NotFoundError,
      );
    });

    it('cancels a run executing on another instance', async () => {
      const a = manager();
      const b = otherInstance();
      const job = controlledJob('gold');
      a.register(job.definition);
      b.register(job.definition);
      const { run } = await a.trigger('gold', { trigger: 'user' });
      const ctx = await job.started();
      await running(run.runId);

      await b.cancel(run.runId, 'user:default/ada');
      await waitFor('the abort on the executing instance', () =>
        ctx.signal.aborted ? true : undefined,
      );
      expect(await finished(run.runId)).toMatchObject({ status: 'cancelled' });
    });
  });

  it('fails stale runs of stopped instances at start, then runs the job again', async () => {
    const past = new RunStore(knex, { now: () => Date.now() - 10 * 60_000 });
    const { run: orphan } = await past.create({
      job: 'gold',
      trigger: 'schedule',
      triggeredBy: null,
      idempotencyKey: null,
      params: {},
      instanceId: 'crashed-instance',
    });
    await past.markRunning(orphan.runId, 'crashed-instance');

    const m = manager();
    const job = controlledJob('gold');
    m.register(job.definition);
    const finishedRuns: JobRun[] = [];
    m.onRunFinished(run => {
      finishedRuns.push(run);
    });
    await m.start();

    const failed = await store.get(orphan.runId);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(
      /^The backend instance running it \(crashed-instance\) stopped \(no heartbeat since \d{4}-\d\d-\d\dT[\d:.]+Z\); trigger the job again$/,
    );
    expect(finishedRuns.map(r => r.runId)).toEqual([orphan.runId]);
    job.release();
    const { run } = await m.trigger('gold', { trigger: 'user' });
    expect(await finished(run.runId)).toMatchObject({ status: 'succeeded' });
  });

  it('stops a run that another instance failed as stale', async () => {
    const m = manager();
    const job = controlledJob('gold');
    m.register(job.definition);
    const { run } = await m.trigger('gold', { trigger: 'user' });
    const ctx = await job.started();
    await running(run.runId);
    await store.failStaleRuns(new Date(Date.now() + 60_000));
    await waitFor('the lost run to be aborted', () =>
      ctx.signal.aborted ? true : undefined,
    );
    // The stale verdict stays.
    expect(await store.get(run.runId)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('stopped (no heartbeat since'),
    });
  });

  describe('scheduled runs', () => {
    it('records a schedule run and awaits it; skips while another run is active', async () => {
      const m = manager();
      const job = controlledJob('silver', { kind: 'scheduled' });
      m.register(job.definition);

      const tick = m.runScheduled('silver', new AbortController().signal);
      const ctx = await job.started();
      expect(await store.get(ctx.runId)).toMatchObject({
        trigger: 'schedule',
        triggeredBy: null,
        params: { rate: 1 },
      });
      // The next tick finds the run active and records nothing.
      await m.runScheduled('silver', new AbortController().signal);
      expect((await store.list()).items).toHaveLength(1);

      let tickDone = false;
      void tick.then(() => {
        tickDone = true;
      });
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(tickDone).toBe(false);
      job.release();
      await tick;
      expect(await store.get(ctx.runId)).toMatchObject({
        status: 'succeeded',
      });
    });

    it("fails a run aborted by the scheduler's signal", async () => {
      const m = manager();
      const job = controlledJob('silver', { kind: 'scheduled' });
      m.register(job.definition);
      const scheduler = new AbortController();
      const tick = m.runScheduled('silver', scheduler.signal);
      const ctx = await job.started();
      scheduler.abort();
      await tick;
      expect(ctx.signal.aborted).toBe(true);
      expect(await store.get(ctx.runId)).toMatchObject({
        status: 'failed',
        error:
          'Aborted by the scheduler (task timeout or shutdown): the scheduler aborted the task (timeout or shutdown)',
      });
    });

    it('does nothing for a disabled job', async () => {
      const m = manager();
      const job = controlledJob('silver', { enabled: false });
      m.register(job.definition);
      await m.runScheduled('silver');
      expect((await store.list()).items).toEqual([]);
    });
  });

  describe('failures', () => {
    it.each([
      [
        'an Error (no stack in the record)',
        Object.assign(new Error('disk full'), {
          stack: 'Error: x\n at y.ts:1',
        }),
        'disk full',
      ],
      ['a string', 'plain text failure', 'plain text failure'],
      [
        'an object with a message',
        { message: 'from an object' },
        'from an object',
      ],
      ['an object without one', { code: 42 }, '{"code":42}'],
      [
        'undefined',
        undefined,
        'the job failed without an error (it threw undefined)',
      ],
    ])('records the message of %s', async (_what, thrown, message) => {
      const m = manager();
      const job = controlledJob('gold');
      m.register(job.definition);
      job.fail(thrown);
      const { run } = await m.trigger('gold', { trigger: 'user' });
      const done = await finished(run.runId);
      expect(done).toMatchObject({ status: 'failed', error: message });
      expect(done.error).not.toMatch(/\n\s*at /);
    });

    it('keeps running when listeners throw, and logs them', async () => {
      const m = manager();
      const job = controlledJob('gold');
      m.register(job.definition);
      m.onRunStarted(() => {
        throw new Error('lineage endpoint down');
      });
      m.onRunFinished(() => Promise.reject(new Error('audit down')));
      const later: string[] = [];
      m.onRunFinished(run => {
        later.push(run.status);
      });
      job.release();
      const { run } = await m.trigger('gold', { trigger: 'user' });
      expect(await finished(run.runId)).toMatchObject({ status: 'succeeded' });
      await waitFor('the last listener', () =>
        later.length ? true : undefined,
      );
      expect(later).toEqual(['succeeded']);
      const warnings = m.logger.warn.mock.calls.map(c => c[0]);
      expect(warnings).toEqual(
        expect.arrayContaining([
          `A run listener failed for run ${run.runId} of job gold: lineage endpoint down`,
          `A run listener failed for run ${run.runId} of job gold: audit down`,
        ]),
      );
    });
  });

  describe('long-running jobs and shutdown', () => {
    it('records a long-running run stopped by shutdown as succeeded', async () => {
      const m = manager();
      const job = controlledJob('bronze', {
        kind: 'long-running',
        onAbort: 'throw', // rethrows the signal's reason: still a clean stop
      });
      m.register(job.definition);
      const run = await m.startLongRunning('bronze');
      expect(run).toMatchObject({ trigger: 'startup', status: 'queued' });
      const ctx = await job.started();
      await running(run!.runId);

      await m.shutdown();
      expect(ctx.signal.aborted).toBe(true);
      expect(await store.get(run!.runId)).toMatchObject({
        status: 'succeeded',
        output: { summary: STOPPED_WITH_BACKEND },
        error: null,
      });
      await expect(m.trigger('bronze', { trigger: 'user' })).rejects.toThrow(
        ServiceUnavailableError,
      );
    });

    it('waits for the runs of every kind and records how each ended', async () => {
      const m = manager({ shutdownTimeoutMs: 1_000 });
      const bronze = controlledJob('bronze', {
        kind: 'long-running',
        onAbort: 'resolve',
      });
      const silver = controlledJob('silver', { kind: 'scheduled' });
      const gold = controlledJob('gold', { onAbort: 'ignore' });
      m.register(bronze.definition);
      m.register(silver.definition);
      m.register(gold.definition);
      const b = await m.startLongRunning('bronze');
      const tick = m.runScheduled('silver');
      const g = await m.trigger('gold', { trigger: 'user' });
      await Promise.all([bronze.started(), silver.started(), gold.started()]);
      const s = silver.contexts[0]!.runId;

      await m.shutdown();
      await tick;
      expect(await store.get(b!.runId)).toMatchObject({
        status: 'succeeded',
        output: { summary: `stopped cleanly; ${STOPPED_WITH_BACKEND}` },
      });
      expect(await store.get(s)).toMatchObject({
        status: 'failed',
        error:
          'Stopped with the backend before it finished: the backend is shutting down',
      });
      // gold ignores its signal: failed once the shutdown stops waiting.
      expect(await store.get(g.run.runId)).toMatchObject({
        status: 'failed',
        error:
          'The backend stopped before the run finished (it did not stop within 1 s); trigger the job again',
      });
      gold.release();
    });

    it('starts a long-running job on a second instance when the first stops with it', async () => {
      const a = manager();
      const b = otherInstance();
      const job = controlledJob('bronze', {
        kind: 'long-running',
        onAbort: 'resolve',
      });
      a.register(job.definition);
      b.register(job.definition);

      const first = await a.startLongRunning('bronze');
      await job.started(1);
      expect(await b.startLongRunning('bronze')).toBeNull();

      await a.shutdown();
      const second = await job.started(2);
      expect(second.runId).not.toBe(first!.runId);
      expect(await store.get(second.runId)).toMatchObject({
        trigger: 'startup',
        status: 'running',
      });
    });

    it('does not restart a long-running job elsewhere after a cancel', async () => {
      const a = manager();
      const b = otherInstance();
      const job = controlledJob('bronze', { kind: 'long-running' });
      a.register(job.definition);
      b.register(job.definition);
      const first = await a.startLongRunning('bronze');
      await job.started(1);
      expect(await b.startLongRunning('bronze')).toBeNull();
      await a.cancel(first!.runId, 'user:default/ada');
      await finished(first!.runId);
      await new Promise(resolve => setTimeout(resolve, 300));
      expect(job.contexts).toHaveLength(1);
      expect(await store.activeRun('bronze')).toBeNull();
    });
  });

  it('lists jobs with their active and last runs from the database', async () => {
    const a = manager();
    const b = otherInstance();
    const gold = controlledJob('gold');
    const silver = controlledJob('silver', {
      kind: 'scheduled',
      enabled: false,
      disabledReason: 'silver processing is off',
    });
    for (const m of [a, b]) {
      m.register(gold.definition);
      m.register({
        ...silver.definition,
        schedule: { frequency: 'PT10S', scope: 'global' },
      });
    }
    gold.fail(new Error('first fails'));
    const { run: first } = await b.trigger('gold', { trigger: 'user' });
    await finished(first.runId);

    const waiting = controlledJob('gold');
    const c = otherInstance();
    c.register(waiting.definition);
    const { run: second } = await c.trigger('gold', { trigger: 'user' });
    await waiting.started();

    const jobs = await a.listJobs();
    expect(jobs).toEqual([
      {
        name: 'gold',
        title: 'Test job gold',
        description: 'A job the test controls',
        kind: 'on-demand',
        enabled: true,
        disabledReason: null,
        schedule: null,
        parameters: gold.definition.parameters,
        activeRun: expect.objectContaining({
          runId: second.runId,
          status: 'running',
        }),
        lastRun: expect.objectContaining({
          runId: first.runId,
          status: 'failed',
          error: 'first fails',
        }),
      },
      expect.objectContaining({
        name: 'silver',
        enabled: false,
        disabledReason: 'silver processing is off',
        schedule: { frequency: 'PT10S', scope: 'global' },
        activeRun: null,
        lastRun: null,
      }),
    ]);
    waiting.release();
    await finished(second.runId);
  });

  it('refuses a job registered twice and a stale window shorter than two heartbeats', () => {
    const m = manager();
    m.register(controlledJob('gold').definition);
    expect(() => m.register(controlledJob('gold').definition)).toThrow(
      'Job gold is registered twice',
    );
    expect(
      () =>
        new JobManager({
          store,
          logger: mockServices.logger.mock(),
          heartbeatIntervalMs: 5_000,
          staleAfterMs: 6_000,
        }),
    ).toThrow(/staleAfterMs must be at least twice heartbeatIntervalMs/);
  });
});
