/** Turns run records into emitted OpenLineage events: the hook the job runner calls. */
import type { JobRun } from '@medallion/plugin-lakehouse-common';
import type { OpenLineageEmitter, OpenLineageLogger } from './emitter';
import { runEventInputFromJobRun } from './jobRunEvents';
import type { PipelineTopics } from './pipelineJobs';
import { buildRunEvent, type RunEventContext } from './runEvents';

export interface OpenLineageRunListenerOptions {
  emitter: Pick<OpenLineageEmitter, 'emit'>;
  context: RunEventContext;
  topics: PipelineTopics;
  logger: OpenLineageLogger;
}

/**
 * A listener for run starts and ends (`onRunStarted` / `onRunFinished`): emits the
 * run's START or COMPLETE / FAIL / ABORT event. Never throws: a run record that cannot
 * be described is logged and skipped.
 */
export function createOpenLineageRunListener(
  options: OpenLineageRunListenerOptions,
): (run: JobRun) => void {
  return run => {
    try {
      const input = runEventInputFromJobRun(run, options.topics);
      if (input) options.emitter.emit(buildRunEvent(input, options.context));
    } catch (error) {
      options.logger.warn(
        `OpenLineage: no event for ${run.job} run ${run.runId} (${
          run.status
        }): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
}
