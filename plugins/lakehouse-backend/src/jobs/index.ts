import type { JobManager } from '../runs';
import type { LakehouseRuntime } from '../runtime/lakehouseRuntime';
import { bronzeJob } from './bronzeJob';
import { goldJob } from './goldJob';
import { maintenanceJob } from './maintenanceJob';
import { plannedJobs } from './plannedJobs';
import { producerJob } from './producerJob';
import { silverJob } from './silverJob';

/** Registers every job of the plugin, in pipeline order (the order of JOB_NAMES). */
export function registerJobs(manager: JobManager, runtime: LakehouseRuntime) {
  const [scoring] = plannedJobs();
  manager.register(producerJob(runtime));
  manager.register(bronzeJob(runtime));
  manager.register(silverJob(runtime));
  manager.register(goldJob(runtime));
  manager.register(scoring!);
  manager.register(maintenanceJob(runtime));
}
