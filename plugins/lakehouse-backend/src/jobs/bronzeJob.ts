/**
 * Kafka → bronze as a long-running job: both bronze streams (purchases and labels)
 * ingest exactly once until the plugin stops or someone cancels the run. A broker that
 * is not reachable yet is waited for (with backoff), not treated as a failed run: the
 * backend often starts before Kafka does.
 */
import {
  createBronzeStreams,
  describeKafkaError,
  ensureTopics,
  formatIdentifier,
  pipelineTopics,
  startBronzeStreams,
  stopBronzeStreams,
  streamStats,
  type BronzeStream,
} from '@medallion/pipeline';
import { z } from 'zod';
import type { JobDefinition } from '../runs';
import type { LakehouseRuntime } from '../runtime/lakehouseRuntime';
import { sleep } from './abortable';

const MAX_BACKOFF_MS = 30_000;

export function bronzeJob(
  runtime: LakehouseRuntime,
): JobDefinition<Record<string, never>> {
  const { enabled } = runtime.config.jobs.bronze;
  const kafkaSettings = runtime.config.pipeline.kafka;
  return {
    name: 'bronze',
    title: 'Bronze ingester',
    description:
      'Streams the purchases and labels topics exactly once into bronze.purchases_raw and bronze.purchase_labels (Kafka offsets committed with each Iceberg snapshot). Runs for the life of the plugin.',
    kind: 'long-running',
    enabled,
    disabledReason: enabled
      ? undefined
      : 'bronze ingestion is off (lakehouse.jobs.bronze.enabled)',
    paramsSchema: z.object({}).strict(),
    parameters: [],
    async run({ signal, progress, logger }) {
      const errors: string[] = [];
      const snapshots = new Map<string, string>();
      const streams = createBronzeStreams({
        kafka: runtime.kafka,
        catalog: runtime.catalog,
        topics: kafkaSettings.topics,
        groupId: runtime.config.consumerGroup,
        onError: (name, e) => {
          errors.push(`${name}: ${e.message}`);
          logger.warn(`bronze ${name}: ${e.message}`);
        },
        onCommit: (name, info) => {
          const stream = streams.find(s => s.name === name);
          if (stream)
            snapshots.set(
              formatIdentifier(stream.table),
              info.snapshotId.toString(),
            );
          if (name === 'purchases') {
            runtime.commitLatencies.add(info.durationMs);
            runtime.bronzeCommitted();
          }
        },
      });
      await connect(streams);
      const report = () => {
        const p = streamStats(streams, 'purchases');
        const l = streamStats(streams, 'labels');
        progress({
          message: `ingesting: ${p.committedRecords} purchases, ${l.committedRecords} labels committed (${p.bufferedRecords} buffered)`,
          fraction: null,
          counters: {
            purchases: p.committedRecords,
            labels: l.committedRecords,
            buffered: p.bufferedRecords,
            commits: p.commits + l.commits,
            errors: errors.length,
          },
        });
      };
      while (!signal.aborted) {
        report();
        await sleep(1000, signal);
      }
      // Each ingester commits what it buffered before leaving its group.
      await stopBronzeStreams(streams);
      report();
      const p = streamStats(streams, 'purchases');
      const l = streamStats(streams, 'labels');
      return {
        rows: { purchases: p.committedRecords, labels: l.committedRecords },
        snapshots: [...snapshots].map(([table, snapshotId]) => ({
          table,
          snapshotId,
        })),
        summary:
          errors.length > 0
            ? `${errors.length} ingestion errors (last: ${
                errors[errors.length - 1]
              })`
            : null,
      };

      async function connect(all: BronzeStream[]): Promise<void> {
        for (let attempt = 1, backoff = 1000; !signal.aborted; attempt++) {
          try {
            await ensureTopics(runtime.kafka, pipelineTopics(kafkaSettings));
            await startBronzeStreams(all);
            return;
          } catch (error) {
            const why = describeKafkaError(error, kafkaSettings);
            progress({
              message: `waiting for Kafka (attempt ${attempt}, next in ${Math.round(
                backoff / 1000,
              )} s): ${why}`,
              counters: { attempts: attempt },
            });
            logger.warn(`bronze: cannot start yet: ${why}`);
            await sleep(backoff, signal);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
          }
        }
      }
    },
  };
}
