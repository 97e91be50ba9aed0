import type { JobManager } from '../runs';
import type { LakehouseRuntime } from '../runtime/lakehouseRuntime';
import { bronzeJob } from './bronzeJob';
import { goldJob } from './goldJob';
import { maintenanceJob } from './maintenanceJob';
import { producerJob } from './producerJob';
import { scoringJob } from './scoringJob';
import { silverJob } from './silverJob';
import { trainingJob } from './trainingJob';

/** Registers every job of the plugin, in pipeline order (the order of JOB_NAMES). */
export function registerJobs(manager: JobManager, runtime: LakehouseRuntime) {
  manager.register(producerJob(runtime));
  manager.register(bronzeJob(runtime));
  manager.register(silverJob(runtime));
  manager.register(goldJob(runtime));
  manager.register(scoringJob(runtime));
  manager.register(trainingJob(runtime));
  manager.register(maintenanceJob(runtime));
}
