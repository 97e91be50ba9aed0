/** Creates the topics the pipeline needs, idempotently. */
import type { Kafka } from 'kafkajs';
import type { KafkaSettings } from '../config';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  replicationFactor: number;
}

export function pipelineTopics(settings: KafkaSettings): TopicSpec[] {
  const { purchases, labels, partitions, replicationFactor } = settings.topics;
  return [
    { topic: purchases, numPartitions: partitions, replicationFactor },
    { topic: labels, numPartitions: partitions, replicationFactor },
  ];
}

/**
 * Creates missing topics and returns the partition count of each. An existing topic
 * is left as it is (changing partitions would reshuffle keys), but reported.
 */
export async function ensureTopics(
  kafka: Kafka,
  specs: TopicSpec[],
): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter(s => !existing.has(s.topic));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing, waitForLeaders: true });
    }
    const metadata = await admin.fetchTopicMetadata({
      topics: specs.map(s => s.topic),
    });
    return new Map(metadata.topics.map(t => [t.name, t.partitions.length]));
  } finally {
    await admin.disconnect();
  }
}
