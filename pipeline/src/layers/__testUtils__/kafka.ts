/** Kafka-side helpers for the reliability tests: dead group members, watermarks, a private broker. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Kafka } from 'kafkajs';
import { freePort } from '../../__testUtils__/freePort';

const run = promisify(execFile);

/** Next offset to be written per partition (the log end), from the broker. */
export async function highWatermarks(
  kafka: Kafka,
  topic: string,
): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return new Map(
      (await admin.fetchTopicOffsets(topic)).map(p => [
        p.partition,
        BigInt(p.high),
      ]),
    );
  } finally {
    await admin.disconnect();
  }
}

interface Coordinator {
  leaveGroup(request: { groupId: string; memberId: string }): Promise<unknown>;
}
interface Cluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  findGroupCoordinator(request: { groupId: string }): Promise<Coordinator>;
}

/**
 * Removes every member of the group (and of `<group>-…`), for use only when all of their
 * processes are dead
 * (kill -9 leaves no LeaveGroup behind). Kafka would evict them itself once their 30 s
 * session timeout ran out, and a restarted ingester's join waits for exactly that; here
 * the test does it at once, the way an operator removes a member by id (LeaveGroup v3,
 * KIP-345), so each of many restarts costs a join instead of 30 s. What the ingester sees
 * is the same: the dead member gone, then a rebalance.
 *
 * kafkajs's admin has no such call, so this uses its cluster object (private API, pinned
 * kafkajs 2.2.4). Returns how many members were removed.
 */
export async function evictDeadMembers(
  kafka: Kafka,
  groupId: string,
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  let members: Array<{ groupId: string; memberId: string }>;
  try {
    // The group and the ones derived from it (the ingester's labels stream: <group>-labels).
    const ids = (await admin.listGroups()).groups
      .map(g => g.groupId)
      .filter(id => id === groupId || id.startsWith(`${groupId}-`));
    const { groups } = await admin.describeGroups(ids);
    members = groups.flatMap(g =>
      g.members.map(m => ({ groupId: g.groupId, memberId: m.memberId })),
    );
  } finally {
    await admin.disconnect();
  }
  if (members.length === 0) return 0;
  const createCluster = Object.getOwnPropertySymbols(kafka).find(
    s => s.description === 'private:Kafka:createCluster',
  );
  if (!createCluster)
    throw new Error('kafkajs internals changed: no createCluster symbol');
  const cluster = (kafka as unknown as Record<symbol, (o: object) => Cluster>)[
    createCluster
  ]!({});
  await cluster.connect();
  try {
    for (const m of members) {
      const coordinator = await cluster.findGroupCoordinator({
        groupId: m.groupId,
      });
      await coordinator.leaveGroup(m).catch((error: Error) => {
        // Already gone (its session expired meanwhile): that is what we wanted.
        if (
          !/UNKNOWN_MEMBER_ID|unknown member/i.test(
            `${error.name} ${error.message}`,
          )
        )
          throw error;
      });
    }
  } finally {
    await cluster.disconnect();
  }
  return members.length;
}

const KAFKA_SH = join(__dirname, '..', '..', '..', '..', 'scripts', 'kafka.sh');

/**
 * A broker of the test's own (scripts/kafka.sh with its own ports and state dir), for
 * tests that restart it: the shared test broker serves other test files meanwhile.
 */
export class PrivateBroker {
  private constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async start(stateDir: string): Promise<PrivateBroker> {
    const port = await freePort();
    let controller = await freePort();
    while (controller === port) controller = await freePort();
    const env = {
      ...process.env,
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(controller),
      KAFKA_STATE_DIR: stateDir,
      KAFKA_STOP_TIMEOUT: '20',
    };
    const broker = new PrivateBroker(port, env);
    await broker.script('start');
    return broker;
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  async script(command: 'start' | 'stop' | 'restart'): Promise<string> {
    const { stdout, stderr } = await run('bash', [KAFKA_SH, command], {
      env: this.env,
      timeout: 120_000,
    });
    return stdout + stderr;
  }
}
