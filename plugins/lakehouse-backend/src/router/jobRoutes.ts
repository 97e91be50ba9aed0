/**
 * Jobs and runs: list, trigger (202, idempotent by key), inspect, cancel. Triggering and
 * cancelling need `lakehouse.job.execute` and are audited (who, what, outcome).
 */
import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  JOB_NAMES,
  RUN_STATUSES,
  lakehouseJobExecutePermission,
  type JobsResponse,
  type RunTrigger,
  type TriggerRunResponse,
} from '@medallion/plugin-lakehouse-common';
import type { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { JobsPort } from './ports';
import { parseInput } from './validation';

const triggerBody = z
  .object({
    params: z.record(z.string(), z.unknown()).default({}),
    idempotencyKey: z.string().min(1).max(200).optional(),
  })
  .strict();

const statusList = z
  .union([z.string(), z.array(z.string())])
  .transform(v => (Array.isArray(v) ? v : [v]).flatMap(s => s.split(',')))
  .pipe(z.array(z.enum(RUN_STATUSES)));

const runsQuery = z
  .object({
    job: z.enum(JOB_NAMES).optional(),
    status: statusList.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(500).optional(),
  })
  .strict();

const runIdParam = z.object({ runId: z.string().min(1).max(100) });

export interface JobRoutesOptions {
  jobs: JobsPort;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

/** Who is calling, as a run records it. */
export function describeCaller(credentials: BackstageCredentials): {
  trigger: RunTrigger;
  triggeredBy: string;
} {
  const p = credentials.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string }
    | { type: 'none' };
  if (p.type === 'user')
    return { trigger: 'user', triggeredBy: p.userEntityRef };
  if (p.type === 'service')
    return { trigger: 'service', triggeredBy: p.subject };
  return { trigger: 'service', triggeredBy: 'unknown' };
}

export function jobRoutes(options: JobRoutesOptions) {
  const { jobs, httpAuth, permissions, auditor } = options;
  const router = Router();

  async function authorizeExecute(req: Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: lakehouseJobExecutePermission }],
      { credentials },
    );
    if (decision?.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        `permission ${lakehouseJobExecutePermission.name} is required to run or cancel lakehouse jobs`,
      );
    return credentials;
  }

  router.get('/jobs', async (_req, res) => {
    const body: JobsResponse = { jobs: await jobs.listJobs() };
    res.json(body);
  });

  router.post('/jobs/:job/runs', async (req, res) => {
    const job = req.params.job;
    const audit = await auditor.createEvent({
      eventId: 'job-run-trigger',
      severityLevel: 'medium',
      request: req,
      meta: { job },
    });
    try {
      const credentials = await authorizeExecute(req);
      const body = parseInput(triggerBody, req.body ?? {}, 'body');
      const { run, existing } = await jobs.trigger(job, {
        params: body.params,
        idempotencyKey: body.idempotencyKey,
        ...describeCaller(credentials),
      });
      await audit.success({ meta: { runId: run.runId, existing } });
      const response: TriggerRunResponse = {
        runId: run.runId,
        status: run.status,
        existing,
      };
      res
        .status(202)
        .location(`${req.baseUrl}/runs/${run.runId}`)
        .json(response);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/runs', async (req, res) => {
    const q = parseInput(runsQuery, req.query, 'query');
    res.json(await jobs.listRuns(q));
  });

  router.get('/runs/:runId', async (req, res) => {
    const { runId } = parseInput(runIdParam, req.params, 'path');
    res.json(await jobs.getRun(runId));
  });

  router.post('/runs/:runId/cancel', async (req, res) => {
    const { runId } = parseInput(runIdParam, req.params, 'path');
    const audit = await auditor.createEvent({
      eventId: 'job-run-cancel',
      severityLevel: 'medium',
      request: req,
      meta: { runId },
    });
    try {
      const credentials = await authorizeExecute(req);
      const run = await jobs.cancel(
        runId,
        describeCaller(credentials).triggeredBy,
      );
      await audit.success({ meta: { job: run.job, status: run.status } });
      res.status(202).json(run);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
