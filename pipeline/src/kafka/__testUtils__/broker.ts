/** Test helpers for integration tests against the real broker the test command starts. */
import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { loadConfig, type KafkaSettings } from '../../config';
import { createKafka, describeKafkaError } from '../client';

export function testKafka(): { kafka: Kafka; settings: KafkaSettings } {
  const settings = loadConfig().kafka;
  return { kafka: createKafka(settings), settings };
}

/** Fails loudly (never skips) when the broker is not there. */
export async function assertBrokerReachable(
  kafka: Kafka,
  settings: KafkaSettings,
): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
  } catch (error) {
    throw new Error(
      `integration tests need a Kafka broker (npm test starts one):\n${describeKafkaError(
        error,
        settings,
      )}`,
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export const uniqueTopic = (prefix: string) =>
  `${prefix}-${randomUUID().slice(0, 8)}`;

export interface ConsumedMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
}

/**
 * Reads a topic from the beginning with a fresh consumer group until `expected`
 * messages arrived (or fails after `timeoutMs`), committing offsets as it goes.
 */
export async function consumeAll(
  kafka: Kafka,
  topic: string,
  expected: number,
  { groupId = `test-${randomUUID()}`, timeoutMs = 60_000 } = {},
): Promise<ConsumedMessage[]> {
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
  });
  const messages: ConsumedMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `consumed ${messages.length} of ${expected} messages from ${topic} within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
      const finish = (m: KafkaMessage, partition: number) => {
        messages.push({
          partition,
          offset: m.offset,
          key: m.key?.toString() ?? null,
          value: m.value,
        });
        if (messages.length >= expected) {
          clearTimeout(timer);
          resolve();
        }
      };
      if (expected === 0) {
        clearTimeout(timer);
        resolve();
        return;
      }
      consumer
        .run({
          autoCommitInterval: 500,
          eachMessage: async ({ message, partition }) =>
            finish(message, partition),
        })
        .catch(reject);
    });
    // Let the last auto-commit go out before leaving the group.
    await consumer.commitOffsets([]).catch(() => undefined);
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
