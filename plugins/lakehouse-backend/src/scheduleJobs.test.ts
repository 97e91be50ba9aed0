import type { SchedulerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readLakehouseConfig } from './config/readLakehouseConfig';
import type { JobManager } from './runs';
import type { LakehouseRuntime } from './runtime/lakehouseRuntime';
import {
  GOLD_TASK_ID,
  MAINTENANCE_TASK_ID,
  RETENTION_TASK_ID,
  SCORING_TASK_ID,
  SILVER_TASK_ID,
  TRAINING_TASK_ID,
  scheduleJobs,
} from './scheduleJobs';

/** What scheduleJobs asked of the scheduler and which runtime events it listens to. */
async function schedule(jobs: object) {
  const taskIds: string[] = [];
  const scheduler = {
    scheduleTask: async (task: { id: string }) => {
      taskIds.push(task.id);
    },
    triggerTask: async () => undefined,
  } as unknown as SchedulerService;
  const listening: string[] = [];
  const runtime = {
    onBronzeCommit: () => listening.push('bronze commit'),
    onSilverCommit: () => listening.push('silver commit'),
    onModelOutgrown: () => listening.push('model outgrown'),
  } as unknown as LakehouseRuntime;
  await scheduleJobs({
    settings: readLakehouseConfig(
      new ConfigReader({
        lakehouse: { jobs, dbt: { python: '/usr/bin/python3' } },
      }),
      { MEDALLION_HOME: '/tmp/schedule-jobs-test' },
    ),
    scheduler,
    logger: mockServices.logger.mock(),
    jobs: {} as JobManager,
    runtime,
  });
  return { taskIds, listening };
}

describe('scheduleJobs', () => {
  it('schedules every enabled job and wakes silver, scoring and training on events', async () => {
    const { taskIds, listening } = await schedule({});
    expect(taskIds).toEqual([
      SILVER_TASK_ID,
      MAINTENANCE_TASK_ID,
      GOLD_TASK_ID,
      SCORING_TASK_ID,
      TRAINING_TASK_ID,
      RETENTION_TASK_ID,
    ]);
    expect(listening).toEqual([
      'bronze commit',
      'silver commit',
      'model outgrown',
    ]);
  });

  it('leaves jobs orchestrated from outside (trigger: manual) unscheduled and unwoken', async () => {
    const manual = { schedule: { frequency: { trigger: 'manual' } } };
    const { taskIds, listening } = await schedule({
      silver: manual,
      gold: manual,
      scoring: manual,
      maintenance: manual,
    });
    expect(taskIds).toEqual([TRAINING_TASK_ID, RETENTION_TASK_ID]);
    expect(listening).toEqual(['model outgrown']);
  });

  it('does not schedule disabled jobs', async () => {
    const { taskIds, listening } = await schedule({
      silver: { enabled: false },
      training: { enabled: false },
    });
    expect(taskIds).toEqual([
      MAINTENANCE_TASK_ID,
      GOLD_TASK_ID,
      SCORING_TASK_ID,
      RETENTION_TASK_ID,
    ]);
    expect(listening).toEqual(['silver commit']);
  });
});
