/**
 * Kafka → bronze.purchases_raw, exactly once. A kafkajs consumer group reads the topic;
 * records are buffered and committed to Iceberg every `commitIntervalMs` or
 * `commitBytes`, whichever comes first, with the next offsets per partition in the same
 * snapshot's summary. The table, not Kafka, is the source of truth: on start and on
 * every rebalance the ingester drops its buffer and seeks each assigned partition to
 * the table's offsets. A commit whose partitions another writer advanced meanwhile is
 * refused by the validation hook (fencing) and the batch is dropped and re-read.
 */
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Catalog, TableIdentifier } from '../iceberg/catalog/catalog';
import { CommitValidationError, discardUncommitted } from '../iceberg/commit';
import { writeRows } from '../iceberg/dataWriter';
import { crashPoint } from '../crashPoints';
import { commitSnapshot } from '../iceberg/snapshotProducer';
import { loadTable, type Table } from '../iceberg/table';
import {
  BRONZE_PURCHASES,
  bronzeSchema,
  bronzeSpec,
  ensureTable,
  STREAMING_TABLE_PROPERTIES,
  toBronzeRow,
  type KafkaRecord,
} from './bronzeTable';
import {
  encodeOffsets,
  mergeOffsets,
  offsetsKey,
  offsetsUnchanged,
  tableOffsets,
  type PartitionOffsets,
} from './kafkaOffsets';

export interface IngesterOptions {
  kafka: Kafka;
  catalog: Catalog;
  topic: string;
  groupId: string;
  table?: TableIdentifier;
  /** Commit at least this often while records arrive (default 2000 ms). */
  commitIntervalMs?: number;
  /** ...or as soon as this many bytes are buffered (default 16 MiB). */
  commitBytes?: number;
  onCommit?: (info: CommitInfo) => void;
  onError?: (error: Error) => void;
}

export interface CommitInfo {
  records: number;
  bytes: number;
  files: number;
  snapshotId: bigint;
  offsets: PartitionOffsets;
  durationMs: number;
}

export interface IngesterStats {
  committedRecords: number;
  committedBytes: number;
  commits: number;
  fenced: number;
  /** Offset jumps accepted as real gaps in the log. */
  gaps: number;
  /** Records the table never got because retention deleted them first. */
  lostToRetention: number;
  failedCommits: number;
  bufferedRecords: number;
  lastCommitMs?: number;
  assigned: number[];
  /** Next offset to read per assigned partition, as the table records it. */
  offsets: PartitionOffsets;
}

export class BronzeIngester {
  private consumer: Consumer | undefined;
  private table: Table | undefined;
  private readonly id: TableIdentifier;
  private readonly key: string;
  private assigned = new Set<number>();
  /** Offsets the table held when this writer last synced or committed (the fencing token). */
  private base: PartitionOffsets = new Map();
  /** Next offset expected per partition, advanced as records are buffered. */
  private next = new Map<number, bigint>();
  private buffer: KafkaRecord[] = [];
  /** Partition → the offset we last re-seeked to after a jump. */
  private reseeked = new Map<number, bigint>();
  private bufferBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private stopped = false;
  readonly stats: IngesterStats = {
    committedRecords: 0,
    committedBytes: 0,
    commits: 0,
    fenced: 0,
    gaps: 0,
    lostToRetention: 0,
    failedCommits: 0,
    bufferedRecords: 0,
    assigned: [],
    offsets: new Map(),
  };

  constructor(private readonly options: IngesterOptions) {
    this.id = options.table ?? BRONZE_PURCHASES;
    this.key = offsetsKey(options.topic, options.groupId);
  }

  async start(): Promise<void> {
    const { kafka, topic, groupId } = this.options;
    this.table = await ensureTable(
      this.options.catalog,
      this.id,
      bronzeSchema,
      bronzeSpec,
      STREAMING_TABLE_PROPERTIES,
    );
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3000,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, event => {
      const partitions = event.payload.memberAssignment[topic] ?? [];
      // Queue behind any flush in progress, so a commit never races the re-sync.
      this.flushing = this.flushing
        .then(() => this.sync(partitions))
        .catch(error => this.report(error));
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: true,
      eachBatch: payload => this.onBatch(payload),
    });
    this.timer = setInterval(
      () => this.requestFlush(),
      this.options.commitIntervalMs ?? 2000,
    );
  }

  /** Drops the buffer and seeks every assigned partition to what the table holds. */
  private async sync(partitions: number[]): Promise<void> {
    const { topic } = this.options;
    this.table = await loadTable(this.options.catalog, this.id);
    const { offsets } = tableOffsets(
      this.table.metadata,
      topic,
      this.options.groupId,
    );
    this.base = offsets;
    this.assigned = new Set(partitions);
    this.buffer = [];
    this.bufferBytes = 0;
    this.next = new Map();
    const admin = this.options.kafka.admin();
    await admin.connect();
    let low: Map<number, bigint>;
    try {
      low = new Map(
        (await admin.fetchTopicOffsets(topic)).map(p => [
          p.partition,
          BigInt(p.low),
        ]),
      );
    } finally {
      await admin.disconnect();
    }
    this.reseeked = new Map();
    for (const partition of partitions) {
      const stored = offsets.get(partition);
      const earliest = low.get(partition) ?? 0n;
      if (stored !== undefined && stored < earliest)
        this.stats.lostToRetention += Number(earliest - stored);
      const from =
        stored !== undefined && stored >= earliest ? stored : earliest;
      this.next.set(partition, from);
      this.consumer?.seek({ topic, partition, offset: from.toString() });
    }
    this.stats.assigned = [...partitions].sort((a, b) => a - b);
    this.stats.offsets = new Map(
      [...offsets].filter(([p]) => this.assigned.has(p)),
    );
    this.stats.bufferedRecords = 0;
  }

  private async onBatch({
    batch,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    const partition = batch.partition;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) return;
      const expected = this.next.get(partition);
      const offset = BigInt(message.offset);
      // Not ours (yet), or already in the table / buffer: records before a seek landed.
      if (expected === undefined || offset < expected) continue;
      if (offset > expected) {
        // A jump: either a fetch from before our seek (re-seek, never skip records) or a
        // real gap in the log (compaction, transaction markers): accepted once a seek to
        // exactly `expected` still lands past it.
        if (this.reseeked.get(partition) !== expected) {
          this.reseeked.set(partition, expected);
          this.consumer?.seek({
            topic: batch.topic,
            partition,
            offset: expected.toString(),
          });
          return;
        }
        this.stats.gaps++;
      }
      this.buffer.push({
        topic: batch.topic,
        partition,
        offset: message.offset,
        timestamp: message.timestamp,
        key: message.key,
        value: message.value,
      });
      this.bufferBytes +=
        (message.value?.length ?? 0) + (message.key?.length ?? 0) + 64;
      this.next.set(partition, offset + 1n);
    }
    this.stats.bufferedRecords = this.buffer.length;
    if (this.bufferBytes >= (this.options.commitBytes ?? 16 * 1024 * 1024)) {
      this.requestFlush();
      await this.flushing;
      await heartbeat();
    }
  }

  private requestFlush(): void {
    this.flushing = this.flushing
      .then(() => this.flush())
      .catch(error => this.report(error));
  }

  private report(error: unknown): void {
    this.stats.failedCommits++;
    this.options.onError?.(
      error instanceof Error ? error : new Error(String(error)),
    );
  }

  /** Commits the buffer to Iceberg; the buffer survives a failed commit and is retried. */
  private async flush(): Promise<void> {
    if (this.buffer.length === 0 || !this.table) return;
    const started = Date.now();
    // A copy: records keep arriving into the buffer while this batch is written and committed.
    const batch = this.buffer.slice();
    const bytes = this.bufferBytes;
    const advanced: PartitionOffsets = new Map();
    for (const r of batch) {
      const next = BigInt(r.offset) + 1n;
      if ((advanced.get(r.partition) ?? -1n) < next)
        advanced.set(r.partition, next);
    }
    const partitions = [...advanced.keys()];
    const base = this.base;
    const ingestTs = BigInt(Date.now()) * 1000n;
    const files = await writeRows(
      this.table,
      batch.map(r => toBronzeRow(r, ingestTs)),
    );
    crashPoint('bronze-before-commit', files);
    let committedOffsets: PartitionOffsets = new Map();
    try {
      const result = await commitSnapshot(
        this.table,
        {
          operation: 'append',
          addedFiles: files,
          summaryFor: head => {
            committedOffsets = mergeOffsets(
              tableOffsets(head, this.options.topic, this.options.groupId)
                .offsets,
              advanced,
            );
            return { [this.key]: encodeOffsets(committedOffsets) };
          },
        },
        {
          validate: head => {
            const current = tableOffsets(
              head,
              this.options.topic,
              this.options.groupId,
            ).offsets;
            if (!offsetsUnchanged(base, current, partitions)) {
              throw new CommitValidationError(
                `fenced: another writer advanced partitions ${partitions.join(
                  ',',
                )} of ${this.options.topic}`,
              );
            }
          },
        },
      );
      this.table = result.table;
    } catch (error) {
      await discardUncommitted(
        this.table!.io,
        error,
        files.map(f => f.filePath),
      );
      if (error instanceof CommitValidationError) {
        // Stale view: re-read from what the table holds for the partitions still assigned.
        this.stats.fenced++;
        await this.sync([...this.assigned]);
        return;
      }
      throw error;
    }
    // Only the records committed leave the buffer; more may have arrived meanwhile.
    this.buffer = this.buffer.slice(batch.length);
    this.bufferBytes -= bytes;
    this.base = committedOffsets;
    this.stats.committedRecords += batch.length;
    this.stats.committedBytes += bytes;
    this.stats.commits++;
    this.stats.lastCommitMs = Date.now();
    this.stats.bufferedRecords = this.buffer.length;
    this.stats.offsets = new Map(
      [...committedOffsets].filter(([p]) => this.assigned.has(p)),
    );
    // Kafka's committed offsets are only a hint (for lag tools); failures are harmless.
    await this.consumer
      ?.commitOffsets(
        partitions.map(p => ({
          topic: this.options.topic,
          partition: p,
          offset: advanced.get(p)!.toString(),
        })),
      )
      .catch(() => undefined);
    this.options.onCommit?.({
      records: batch.length,
      bytes,
      files: files.length,
      snapshotId: this.table.metadata['current-snapshot-id']!,
      offsets: committedOffsets,
      durationMs: Date.now() - started,
    });
  }

  /** Commits what is buffered, then leaves the group. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.consumer?.stop();
    this.requestFlush();
    await this.flushing;
    await this.consumer?.disconnect();
  }
}
