/**
 * Avro Object Container Files (Avro spec "Object Container Files"):
 *   magic "Obj\x01", metadata map<bytes> (avro.schema, avro.codec, user keys), 16-byte
 *   sync marker, then blocks of (record count: long, byte size: long, data, sync marker).
 * Codecs: "null" and "deflate" (raw RFC 1951 deflate, no zlib header — as Java's Avro and
 * fastavro write it).
 */
import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { AvroError, ByteReader, ByteWriter } from './binary';
import { compileSchema, type AvroValue, type Codec } from './codec';
import { parseSchema, validateSchema, type AvroSchema } from './schema';

export type AvroCodecName = 'null' | 'deflate';

const MAGIC = Uint8Array.of(0x4f, 0x62, 0x6a, 0x01); // "Obj" 1
const SYNC_SIZE = 16;
const utf8 = new TextEncoder();
const utf8Lenient = new TextDecoder();

export interface AvroWriterOptions {
  /** Default "deflate", which Iceberg writers use for manifests. */
  codec?: AvroCodecName;
  /** zlib level 0-9 for deflate; default 6. */
  deflateLevel?: number;
  /** Extra header metadata. Keys starting with "avro." are reserved. */
  metadata?:
    | Record<string, string | Uint8Array>
    | Map<string, string | Uint8Array>;
  /** Start a new block once this many uncompressed bytes are buffered (default 64 KiB). */
  blockSizeBytes?: number;
  /** Also start a new block after this many records (default unlimited). */
  blockRecords?: number;
  /** Fixed sync marker, for reproducible output in tests; random by default. */
  syncMarker?: Uint8Array;
}

/** Builds a container file in memory: `append` records, then `finish` for the bytes. */
export class AvroFileWriter {
  private readonly codec: Codec;
  private readonly out = new ByteWriter(4096);
  private readonly block = new ByteWriter(4096);
  private blockCount = 0;
  private readonly sync: Uint8Array;
  private readonly codecName: AvroCodecName;
  private readonly level: number;
  private readonly blockSizeBytes: number;
  private readonly blockRecords: number;
  private finished = false;

  constructor(readonly schema: AvroSchema, options: AvroWriterOptions = {}) {
    validateSchema(schema);
    this.codec = compileSchema(schema);
    this.codecName = options.codec ?? 'deflate';
    if (this.codecName !== 'null' && this.codecName !== 'deflate') {
      throw new AvroError(`unsupported Avro codec ${String(this.codecName)}`);
    }
    this.level = options.deflateLevel ?? 6;
    this.blockSizeBytes = options.blockSizeBytes ?? 64 * 1024;
    this.blockRecords = options.blockRecords ?? Number.POSITIVE_INFINITY;
    this.sync = options.syncMarker ?? new Uint8Array(randomBytes(SYNC_SIZE));
    if (this.sync.length !== SYNC_SIZE)
      throw new AvroError(`sync marker must be ${SYNC_SIZE} bytes`);

    const meta = new Map<string, Uint8Array>();
    meta.set('avro.schema', utf8.encode(JSON.stringify(schema)));
    meta.set('avro.codec', utf8.encode(this.codecName));
    const user = options.metadata ?? {};
    const entries = user instanceof Map ? [...user] : Object.entries(user);
    for (const [key, value] of entries) {
      if (key.startsWith('avro.'))
        throw new AvroError(`metadata key ${key} is reserved for Avro`);
      meta.set(key, typeof value === 'string' ? utf8.encode(value) : value);
    }
    this.out.writeRaw(MAGIC);
    this.out.writeLong(meta.size);
    for (const [key, value] of meta) {
      this.out.writeString(key);
      this.out.writeBytes(value);
    }
    this.out.writeLong(0);
    this.out.writeRaw(this.sync);
  }

  append(record: AvroValue): void {
    if (this.finished) throw new AvroError('Avro writer is already finished');
    const start = this.block.pos;
    try {
      this.codec.encode(this.block, record);
    } catch (e) {
      this.block.pos = start; // drop the partial record so the file stays valid
      if (e instanceof AvroError) throw e.at(`record ${this.blockCount}`);
      throw e;
    }
    this.blockCount++;
    if (
      this.block.pos >= this.blockSizeBytes ||
      this.blockCount >= this.blockRecords
    ) {
      this.flushBlock();
    }
  }

  /** Ends the current block (no-op when empty). */
  flushBlock(): void {
    if (this.blockCount === 0) return;
    const raw = this.block.bytes();
    const data =
      this.codecName === 'deflate'
        ? deflateRawSync(raw, { level: this.level })
        : raw;
    this.out.writeLong(this.blockCount);
    this.out.writeLong(data.length);
    this.out.writeRaw(data);
    this.out.writeRaw(this.sync);
    this.block.reset();
    this.blockCount = 0;
  }

  finish(): Uint8Array {
    if (!this.finished) {
      this.flushBlock();
      this.finished = true;
    }
    return this.out.bytes().slice();
  }
}

/** Writes all records into a new container file. */
export function writeAvroFile(
  schema: AvroSchema,
  records: Iterable<AvroValue>,
  options?: AvroWriterOptions,
): Uint8Array {
  const writer = new AvroFileWriter(schema, options);
  for (const record of records) writer.append(record);
  return writer.finish();
}

export interface AvroHeader {
  /** The writer's schema, custom attributes included. */
  schema: AvroSchema;
  codec: string;
  /** Header metadata decoded as UTF-8 (all Iceberg metadata is text). */
  metadata: Map<string, string>;
  rawMetadata: Map<string, Uint8Array>;
  syncMarker: Uint8Array;
  /** Byte offset of the first block. */
  dataOffset: number;
}

export interface AvroFileContents extends AvroHeader {
  records: AvroValue[];
  blockCount: number;
}

/** Reads only the header (schema and metadata) of a container file. */
export function readAvroHeader(bytes: Uint8Array): AvroHeader {
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new AvroError('not an Avro object container file (bad magic bytes)');
  }
  const r = new ByteReader(bytes, MAGIC.length);
  const rawMetadata = new Map<string, Uint8Array>();
  try {
    for (;;) {
      let count = r.readLong();
      if (count === 0n) break;
      if (count < 0n) {
        count = -count;
        r.readLong();
      }
      for (let i = 0n; i < count; i++)
        rawMetadata.set(r.readString(), r.readBytes());
    }
    const syncMarker = r.readRaw(SYNC_SIZE, 'the header sync marker');
    const metadata = new Map<string, string>();
    for (const [k, v] of rawMetadata) metadata.set(k, utf8Lenient.decode(v));
    const schemaJson = metadata.get('avro.schema');
    if (schemaJson === undefined)
      throw new AvroError('Avro file header has no avro.schema');
    return {
      schema: parseSchema(schemaJson),
      codec: metadata.get('avro.codec') ?? 'null',
      metadata,
      rawMetadata,
      syncMarker,
      dataOffset: r.pos,
    };
  } catch (e) {
    if (e instanceof AvroError) throw e.at('Avro file header');
    throw e;
  }
}

function decompress(codec: string, data: Uint8Array): Uint8Array {
  return codec === 'deflate' ? inflateRawSync(data) : data;
}

/** Reads a whole container file with the writer's schema embedded in it. */
export function readAvroFile(bytes: Uint8Array): AvroFileContents {
  const header = readAvroHeader(bytes);
  if (header.codec !== 'null' && header.codec !== 'deflate') {
    throw new AvroError(
      `unsupported Avro codec "${header.codec}" (supported: null, deflate)`,
    );
  }
  const codec = compileSchema(header.schema);
  const records: AvroValue[] = [];
  const r = new ByteReader(bytes, header.dataOffset);
  let block = 0;
  while (r.remaining > 0) {
    const where = `block ${block} at byte ${r.pos}`;
    let data: Uint8Array;
    let count: number;
    try {
      count = r.readLength('block record count');
      const size = r.readLength('block size');
      if (size > r.remaining) {
        throw new AvroError(
          `declares ${size} bytes but only ${r.remaining} remain (file truncated)`,
        );
      }
      data = bytes.subarray(r.pos, r.pos + size);
      r.pos += size;
      const sync = r.readRaw(SYNC_SIZE, 'the block sync marker');
      if (!sync.every((b, i) => b === header.syncMarker[i])) {
        throw new AvroError(
          'sync marker does not match the header (file corrupt)',
        );
      }
    } catch (e) {
      if (e instanceof AvroError) throw e.at(where);
      throw e;
    }
    let raw: Uint8Array;
    try {
      raw = decompress(header.codec, data);
    } catch (e) {
      throw new AvroError(
        `${where}: cannot ${header.codec}-decompress: ${(e as Error).message}`,
      );
    }
    const br = new ByteReader(raw);
    try {
      for (let i = 0; i < count; i++) records.push(codec.decode(br));
    } catch (e) {
      if (e instanceof AvroError) throw e.at(where);
      throw e;
    }
    if (br.remaining !== 0) {
      throw new AvroError(
        `${where}: ${br.remaining} bytes left after ${count} records (corrupt block)`,
      );
    }
    block++;
  }
  return { ...header, records, blockCount: block };
}
