import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  JOB_NAMES,
  type JobName,
  type JobRun,
  type RunStatus,
} from '@medallion/plugin-lakehouse-common';
import { applyDatabaseMigrations } from './migrations';
import { RunStore, type NewRun } from './RunStore';
import {
  RUN_DATABASE_IDS,
  setupRunDatabases,
} from './__testUtils__/runDatabases';

jest.setTimeout(60_000);

const databases = setupRunDatabases();

/** 2026-11-27T10:00:00.123Z */
const T0 = Date.UTC(2026, 10, 27, 10, 0, 0, 123);

function newRun(overrides: Partial<NewRun> = {}): NewRun {
  return {
    job: 'silver',
    trigger: 'user',
    triggeredBy: 'user:default/ada',
    idempotencyKey: null,
    params: {},
    instanceId: 'instance-a',
    ...overrides,
  };
}

describe.each(RUN_DATABASE_IDS)('RunStore on %s', id => {
  let clock: number;
  let store: RunStore;

  beforeEach(async () => {
    const { knex } = await databases.create(id);
    await applyDatabaseMigrations(knex);
    clock = T0;
    store = new RunStore(knex, { now: () => clock });
  });

  /** A finished run (each job has at most one active run). */
  async function finishedRun(
    overrides: Partial<NewRun> = {},
    status: 'succeeded' | 'failed' | 'cancelled' = 'succeeded',
  ): Promise<JobRun> {
    const { run } = await store.create(newRun(overrides));
    await store.markRunning(run.runId, 'instance-a');
    const finished = await store.finish(run.runId, { status });
    return finished!;
  }

  it('records a queued run with exact ISO times and reads it back', async () => {
    const { run, existing } = await store.create(
      newRun({ params: { b: 2, a: [1, { y: true, x: null }] } }),
    );
    expect(existing).toBe(false);
    expect(run).toEqual({
      runId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      job: 'silver',
      trigger: 'user',
      triggeredBy: 'user:default/ada',
      idempotencyKey: null,
      params: { a: [1, { x: null, y: true }], b: 2 },
      status: 'queued',
      createdAt: '2026-11-27T10:00:00.123Z',
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      progress: null,
      output: null,
      error: null,
      cancelRequested: false,
    });
    expect(await store.get(run.runId)).toEqual(run);
    expect(await store.get(run.runId.toUpperCase())).toEqual(run);
  });

  it('runs a run through running to succeeded with progress, output and duration', async () => {
    const { run } = await store.create(newRun());
    clock += 1_000;
    const running = await store.markRunning(run.runId, 'instance-b');
    expect(running).toMatchObject({
      status: 'running',
      startedAt: '2026-11-27T10:00:01.123Z',
      finishedAt: null,
    });
    // A second start of the same run is refused.
    expect(await store.markRunning(run.runId, 'instance-c')).toBeNull();

    clock += 500;
    const progress = {
      message: 'batch 1',
      fraction: 0.5,
      counters: { accepted: 10 },
      updatedAt: new Date(clock).toISOString(),
    };
    await store.updateProgress(run.runId, progress);
    expect(await store.get(run.runId)).toMatchObject({
      progress,
      durationMs: 500,
    });

    clock += 1_750;
    const output = {
      rows: { accepted: 12 },
      snapshots: [
        { table: 'silver.purchases', snapshotId: '9007199254740993' },
      ],
      summary: 'caught up',
    };
    const finished = await store.finish(run.runId, {
      status: 'succeeded',
      output,
      progress: { ...progress, message: 'done', fraction: 1 },
    });
    expect(finished).toMatchObject({
      status: 'succeeded',
      finishedAt: '2026-11-27T10:00:03.373Z',
      durationMs: 2_250,
      output,
      error: null,
      progress: { message: 'done', fraction: 1 },
    });
    // The first final status stays; later progress is ignored.
    expect(
      await store.finish(run.runId, { status: 'failed', error: 'late' }),
    ).toBeNull();
    await store.updateProgress(run.runId, { ...progress, message: 'late' });
    expect(await store.get(run.runId)).toEqual(finished);
  });

  describe('idempotency keys', () => {
    it('returns the run a key already names, even after it finished', async () => {
      const first = await store.create(
        newRun({ idempotencyKey: 'k1', params: { a: 1, b: 2 } }),
      );
      const again = await store.create(
        newRun({ idempotencyKey: 'k1', params: { b: 2, a: 1 } }),
      );
      expect(again).toEqual({ run: first.run, existing: true });

      await store.markRunning(first.run.runId, 'instance-a');
      await store.finish(first.run.runId, { status: 'succeeded' });
      const afterFinish = await store.create(
        newRun({ idempotencyKey: 'k1', params: { a: 1, b: 2 } }),
      );
      expect(afterFinish.existing).toBe(true);
      expect(afterFinish.run).toMatchObject({
        runId: first.run.runId,
        status: 'succeeded',
      });
    });

    it('refuses a key reused with other params', async () => {
      const first = await store.create(
        newRun({ idempotencyKey: 'k1', params: { rate: 1 } }),
      );
      const attempt = store.create(
        newRun({ idempotencyKey: 'k1', params: { rate: 2 } }),
      );
      await expect(attempt).rejects.toThrow(ConflictError);
      await expect(attempt).rejects.toThrow(
        `Idempotency key 'k1' was already used for run ${first.run.runId} of job silver with other params; use a new key to start a run with these params`,
      );
    });

    it('records one run for concurrent creates with the same key', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.create(newRun({ idempotencyKey: 'same', params: { x: 1 } })),
        ),
      );
      expect(new Set(results.map(r => r.run.runId)).size).toBe(1);
      expect(results.filter(r => !r.existing)).toHaveLength(1);
      expect((await store.list()).items).toHaveLength(1);
    });
  });

  describe('one active run per job', () => {
    it('refuses a second active run of a job, naming the active one', async () => {
      const { run } = await store.create(newRun());
      const attempt = store.create(newRun({ idempotencyKey: 'other' }));
      await expect(attempt).rejects.toThrow(ConflictError);
      await expect(attempt).rejects.toThrow(
        `Job silver already has an active run ${run.runId} (queued); wait for it to finish or cancel it, then trigger again`,
      );
      // Other jobs are independent.
      await expect(
        store.create(newRun({ job: 'gold' })),
      ).resolves.toMatchObject({ existing: false });
      await store.markRunning(run.runId, 'instance-a');
      await store.finish(run.runId, { status: 'failed', error: 'boom' });
      await expect(store.create(newRun())).resolves.toMatchObject({
        existing: false,
      });
    });

    it('lets exactly one of many concurrent creates win', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, () => store.tryCreate(newRun())),
      );
      const created = results.filter(r => r.kind === 'created');
      expect(created).toHaveLength(1);
      for (const result of results) {
        expect(result.run.runId).toBe(created[0]!.run.runId);
      }
      expect(await store.activeRun('silver')).toMatchObject({
        runId: created[0]!.run.runId,
      });
    });
  });

  it('finds nothing for unknown or malformed run ids', async () => {
    for (const bad of [
      '00000000-0000-4000-8000-000000000000',
      'not-a-uuid',
      "'; drop table lakehouse_runs; --",
      '',
    ]) {
      await expect(store.get(bad)).rejects.toThrow(NotFoundError);
      await expect(store.requestCancel(bad)).rejects.toThrow(NotFoundError);
    }
    await expect(store.get('nope')).rejects.toThrow(
      "No run with id 'nope': run ids are UUIDs listed by GET /runs",
    );
  });

  it('tells the active and the last finished run of a job', async () => {
    expect(await store.activeRun('silver')).toBeNull();
    expect(await store.lastRun('silver')).toBeNull();
    const older = await finishedRun({}, 'failed');
    clock += 1_000;
    const newer = await finishedRun();
    clock += 1_000;
    const { run: active } = await store.create(newRun());
    expect(await store.lastRun('silver')).toMatchObject({
      runId: newer.runId,
    });
    expect(older.runId).not.toBe(newer.runId);
    expect(await store.activeRun('silver')).toMatchObject({
      runId: active.runId,
    });
    expect(await store.activeRun('gold')).toBeNull();
  });

  describe('listing', () => {
    /** 30 finished runs over the jobs and statuses, several per millisecond. */
    async function seed(): Promise<JobRun[]> {
      const statuses = ['succeeded', 'failed', 'cancelled'] as const;
      const runs: JobRun[] = [];
      for (let i = 0; i < 30; i++) {
        if (i % 3 === 0) clock += 1; // three runs share each millisecond
        runs.push(
          await finishedRun(
            { job: JOB_NAMES[i % JOB_NAMES.length] },
            statuses[i % statuses.length],
          ),
        );
      }
      return runs;
    }

    /** Newest first, ties by run id (descending). */
    function newestFirst(runs: JobRun[]): string[] {
      return [...runs]
        .sort(
          (a, b) =>
            b.createdAt.localeCompare(a.createdAt) ||
            (b.runId < a.runId ? -1 : 1),
        )
        .map(r => r.runId);
    }

    async function pageThrough(
      options: { job?: JobName; status?: RunStatus[]; limit: number },
      between?: () => Promise<void>,
    ): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = await store.list({ ...options, cursor });
        expect(page.items.length).toBeLessThanOrEqual(options.limit);
        ids.push(...page.items.map(r => r.runId));
        if (page.nextCursor === null) return ids;
        cursor = page.nextCursor;
        await between?.();
      }
      throw new Error('paging did not end');
    }

    it('pages newest first with no duplicates or gaps, stable under inserts', async () => {
      const runs = await seed();
      const expected = newestFirst(runs);

      expect(await pageThrough({ limit: 7 })).toEqual(expected);
      expect(await pageThrough({ limit: 30 })).toEqual(expected);
      expect(await pageThrough({ limit: 1 })).toEqual(expected);

      // New runs arriving while a client pages do not shift the older pages.
      let inserted = 0;
      const whileInserting = await pageThrough({ limit: 4 }, async () => {
        clock += 10;
        inserted++;
        await finishedRun({ job: 'maintenance' });
      });
      expect(inserted).toBeGreaterThan(0);
      expect(whileInserting).toEqual(expected);
    });

    it('filters by job and by one or several statuses', async () => {
      const runs = await seed();
      const { runId: activeId } = (await store.create(newRun({ job: 'gold' })))
        .run;

      const silver = runs.filter(r => r.job === 'silver');
      expect(await pageThrough({ job: 'silver', limit: 2 })).toEqual(
        newestFirst(silver),
      );

      const failed = runs.filter(r => r.status === 'failed');
      expect(await pageThrough({ status: ['failed'], limit: 3 })).toEqual(
        newestFirst(failed),
      );
      expect((await store.list({ status: 'failed' })).items).toHaveLength(
        failed.length,
      );

      const active = await store.list({ status: ['queued', 'running'] });
      expect(active.items.map(r => r.runId)).toEqual([activeId]);

      const both = runs.filter(
        r => r.job === 'gold' && ['failed', 'cancelled'].includes(r.status),
      );
      expect(
        await pageThrough({
          job: 'gold',
          status: ['failed', 'cancelled'],
          limit: 1,
        }),
      ).toEqual(newestFirst(both));
    });

    it('returns an empty last page when nothing matches', async () => {
      expect(await store.list()).toEqual({ items: [], nextCursor: null });
    });

    it('refuses bad cursors, limits and statuses with a reason', async () => {
      await seed();
      for (const cursor of [
        'garbage',
        '!!!',
        Buffer.from('{"c":"x","r":1}').toString('base64url'),
        Buffer.from('[1,2]').toString('base64url'),
        '',
      ]) {
        await expect(store.list({ cursor })).rejects.toThrow(InputError);
      }
      await expect(store.list({ cursor: 'garbage' })).rejects.toThrow(
        'The cursor is not valid: pass the nextCursor of a previous page unchanged, or leave it out to start from the newest run',
      );
      for (const limit of [0, 201, 1.5, -1, Number.NaN]) {
        await expect(store.list({ limit })).rejects.toThrow(InputError);
      }
      await expect(store.list({ limit: 0 })).rejects.toThrow(
        'limit must be a whole number from 1 to 200 (got 0)',
      );
      expect((await store.list({ limit: 200 })).items).toHaveLength(30);
      await expect(
        store.list({ status: ['done' as RunStatus] }),
      ).rejects.toThrow(
        "Unknown run status 'done': use queued, running, succeeded, failed or cancelled",
      );
    });
  });

  describe('cancel requests', () => {
    it('flags an active run and refuses a finished one', async () => {
      const { run } = await store.create(newRun());
      const flagged = await store.requestCancel(run.runId);
      expect(flagged).toMatchObject({
        runId: run.runId,
        status: 'queued',
        cancelRequested: true,
      });

      const done = await finishedRun({ job: 'gold' });
      const attempt = store.requestCancel(done.runId);
      await expect(attempt).rejects.toThrow(ConflictError);
      await expect(attempt).rejects.toThrow(
        `Run ${done.runId} of job gold already succeeded; only queued or running runs can be cancelled`,
      );
    });
  });

  it('heart-beats runs and reports cancels and runs lost to another instance', async () => {
    const running = async (job: JobName, instance: string) => {
      const { run } = await store.create(newRun({ job }));
      await store.markRunning(run.runId, instance);
      return run;
    };
    const a = await running('silver', 'instance-a');
    const b = await running('gold', 'instance-a');
    const c = await running('bronze', 'instance-a');
    const d = await running('maintenance', 'instance-b');
    await store.requestCancel(a.runId);

    clock += 30_000;
    expect(await store.heartbeat('instance-a', [a.runId, b.runId])).toEqual({
      cancelRequested: [a.runId],
      lost: [],
    });
    expect(await store.heartbeat('instance-b', [d.runId])).toEqual({
      cancelRequested: [],
      lost: [],
    });
    // c missed its heartbeat: another instance fails it as stale.
    const failed = await store.failStaleRuns(new Date(T0 + 10_000));
    expect(failed.map(r => r.runId)).toEqual([c.runId]);

    clock += 5_000;
    const beat = await store.heartbeat('instance-a', [
      a.runId,
      b.runId,
      c.runId,
      d.runId, // not ours
    ]);
    expect(beat.cancelRequested).toEqual([a.runId]);
    expect(beat.lost.sort()).toEqual([c.runId, d.runId].sort());
    // Only our own runs were touched: d is not kept alive by instance-a.
    expect(
      (await store.failStaleRuns(new Date(T0 + 31_000))).map(r => r.runId),
    ).toEqual([d.runId]);
    expect(await store.get(b.runId)).toMatchObject({ status: 'running' });
    expect(await store.heartbeat('instance-a', [])).toEqual({
      cancelRequested: [],
      lost: [],
    });
  });

  it('fails runs whose instance stopped heart-beating, saying since when', async () => {
    const { run: stale } = await store.create(newRun({ job: 'silver' }));
    await store.markRunning(stale.runId, 'instance-dead');
    const { run: queued } = await store.create(
      newRun({ job: 'maintenance', instanceId: 'instance-dead' }),
    );
    clock += 30_000;
    const { run: alive } = await store.create(newRun({ job: 'gold' }));
    await store.markRunning(alive.runId, 'instance-alive');
    clock += 1_000;

    const failed = await store.failStaleRuns(new Date(T0 + 10_000));
    expect(failed.map(r => r.runId).sort()).toEqual(
      [stale.runId, queued.runId].sort(),
    );
    expect(await store.get(stale.runId)).toMatchObject({
      status: 'failed',
      finishedAt: '2026-11-27T10:00:31.123Z',
      error:
        'The backend instance running it (instance-dead) stopped (no heartbeat since 2026-11-27T10:00:00.123Z); trigger the job again',
    });
    expect(await store.get(alive.runId)).toMatchObject({ status: 'running' });
    expect(await store.failStaleRuns(new Date(T0 + 10_000))).toEqual([]);
  });

  it('deletes finished runs past retention, never active ones', async () => {
    const old = await finishedRun({ job: 'silver' });
    const { run: oldActive } = await store.create(newRun({ job: 'bronze' }));
    clock += 24 * 3600_000;
    const recent = await finishedRun({ job: 'gold' });

    expect(await store.deleteFinishedBefore(new Date(clock - 3600_000))).toBe(
      1,
    );
    await expect(store.get(old.runId)).rejects.toThrow(NotFoundError);
    expect(await store.get(oldActive.runId)).toMatchObject({
      status: 'queued',
    });
    expect(await store.get(recent.runId)).toMatchObject({
      status: 'succeeded',
    });
    expect(await store.deleteFinishedBefore(new Date(clock - 3600_000))).toBe(
      0,
    );
  });
});
