/**
 * A real lakehouse backend for tests: the plugin in `startTestBackend` over a temporary
 * MEDALLION_HOME (its own SQLite Iceberg catalog and warehouse), the run records in the
 * given database, Kafka topics and consumer group of its own on the test broker.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { lakehousePlugin } from '../plugin';

export interface LakehouseTestBackend {
  server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  home: string;
  topics: { purchases: string; labels: string };
  stop(): Promise<void>;
}

export interface LakehouseTestBackendOptions {
  knex?: Knex;
  /** Merged over the test defaults under `lakehouse`. */
  lakehouse?: JsonObject;
  /** Root config merged at the top level (e.g. backend.auth). */
  config?: JsonObject;
  features?: BackendFeature[];
  /** Reuse an existing home (a restart); default a new temporary one. */
  home?: string;
}

export async function startLakehouseBackend(
  options: LakehouseTestBackendOptions = {},
): Promise<LakehouseTestBackend> {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'lakehouse-be-'));
  const suffix = randomUUID().slice(0, 8);
  const topics = {
    purchases: `purchases-${suffix}`,
    labels: `purchases-${suffix}.labels`,
  };
  const lakehouse: JsonObject = {
    home,
    kafka: {
      topic: topics.purchases,
      labelsTopic: topics.labels,
      partitions: 3,
      consumerGroup: `bronze-${suffix}`,
    },
    jobs: {
      producer: { enabled: true },
      bronze: { enabled: false },
      silver: { schedule: { frequency: { seconds: 2 } } },
      maintenance: {
        schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
      },
      gold: {
        schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
      },
      // Scoring still wakes on silver commits; its first model needs 100 purchases here.
      scoring: {
        schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
      },
      training: {
        minRows: 100,
        schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
      },
    },
    ...options.lakehouse,
    openLineage: {
      logFile: join(home, 'openlineage.jsonl'),
      ...(options.lakehouse?.openLineage as JsonObject | undefined),
    },
  };
  const testBackend = await startTestBackend({
    features: [
      lakehousePlugin,
      mockServices.rootConfig.factory({
        data: { ...options.config, lakehouse },
      }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      ...(options.features ?? []),
    ],
  });
  return {
    server: testBackend.server,
    home,
    topics,
    async stop() {
      await testBackend.stop();
      if (!options.home) rmSync(home, { recursive: true, force: true });
    },
  };
}
