/**
 * bronze.purchases_raw (and bronze.purchase_labels, same layout): every Kafka record
 * exactly as it arrived, with its coordinates (columns prefixed kafka_ so SQL never trips
 * over reserved words like offset). Immutable and lossless (the value is kept as bytes,
 * whatever it contains), so silver can always be rebuilt from it. Partitioned by the day
 * of ingestion.
 */
import type { Catalog, TableIdentifier } from '../iceberg/catalog/catalog';
import { AlreadyExistsError } from '../iceberg/catalog/catalog';
import {
  createTable,
  loadTable,
  loadTableIfExists,
  type Table,
} from '../iceberg/table';
import type { PartitionSpec, Schema } from '../iceberg/types';

export const BRONZE_PURCHASES: TableIdentifier = {
  namespace: ['bronze'],
  name: 'purchases_raw',
};

/** The producer's anomaly ground truth (topic purchases.labels), raw like every bronze table. */
export const BRONZE_LABELS: TableIdentifier = {
  namespace: ['bronze'],
  name: 'purchase_labels',
};

export const bronzeSchema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    {
      id: 1,
      name: 'kafka_topic',
      required: true,
      type: 'string',
      doc: 'Kafka topic the record was read from.',
    },
    {
      id: 2,
      name: 'kafka_partition',
      required: true,
      type: 'int',
      doc: 'Kafka partition.',
    },
    {
      id: 3,
      name: 'kafka_offset',
      required: true,
      type: 'long',
      doc: 'Kafka offset within the partition.',
    },
    {
      id: 4,
      name: 'kafka_ts',
      required: false,
      type: 'timestamptz',
      doc: 'Kafka record timestamp (producer create time).',
    },
    {
      id: 5,
      name: 'kafka_key',
      required: false,
      type: 'string',
      doc: 'Record key (the customer id for purchases), UTF-8.',
    },
    {
      id: 6,
      name: 'value',
      required: false,
      type: 'binary',
      doc: 'Record value, the raw bytes as produced.',
    },
    {
      id: 7,
      name: 'ingest_ts',
      required: true,
      type: 'timestamptz',
      doc: 'When the ingester committed the record.',
    },
  ],
};

export const bronzeSpec: PartitionSpec = {
  'spec-id': 0,
  fields: [
    {
      'source-id': 7,
      'field-id': 1000,
      name: 'ingest_ts_day',
      transform: 'day',
    },
  ],
};

export interface KafkaRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp?: string;
  key: Buffer | null;
  value: Buffer | null;
}

/** A bronze row from a Kafka record; the ingest time is the commit's, shared by the batch. */
export function toBronzeRow(
  record: KafkaRecord,
  ingestTsMicros: bigint,
): Record<string, unknown> {
  const ts = record.timestamp !== undefined ? Number(record.timestamp) : NaN;
  return {
    kafka_topic: record.topic,
    kafka_partition: record.partition,
    kafka_offset: BigInt(record.offset),
    kafka_ts: Number.isFinite(ts) && ts >= 0 ? BigInt(ts) * 1000n : null,
    kafka_key: record.key === null ? null : record.key.toString('utf8'),
    value:
      record.value === null
        ? null
        : new Uint8Array(
            record.value.buffer,
            record.value.byteOffset,
            record.value.length,
          ),
    ingest_ts: ingestTsMicros,
  };
}

/** Loads the table, creating it (and its namespace) on first use; safe when several ingesters race. */
export async function ensureTable(
  catalog: Catalog,
  id: TableIdentifier,
  schema: Schema,
  partitionSpec: PartitionSpec,
  properties: Record<string, string> = {},
): Promise<Table> {
  const existing = await loadTableIfExists(catalog, id);
  if (existing) return existing;
  if (!(await catalog.namespaceExists(id.namespace))) {
    await catalog.createNamespace(id.namespace).catch(error => {
      if (!(error instanceof AlreadyExistsError)) throw error;
    });
  }
  try {
    return await createTable(catalog, id, {
      schema,
      partitionSpec,
      properties,
    });
  } catch (error) {
    if (error instanceof AlreadyExistsError) return loadTable(catalog, id);
    throw error;
  }
}

/** Table properties for a streaming table: commits every few seconds need bounded metadata. */
export const STREAMING_TABLE_PROPERTIES: Record<string, string> = {
  'write.metadata.delete-after-commit.enabled': 'true',
  'write.metadata.previous-versions-max': '50',
  'commit.retry.num-retries': '10',
};
