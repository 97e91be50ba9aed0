import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  icebergToAvro,
  readAvroFile,
  readAvroHeader,
  writeAvroFile,
  type AvroRecordSchema,
  type AvroSchema,
} from './avro';
import { toBytes } from './conversions';
import {
  inheritManifestEntry,
  MANIFEST_FILE_TYPE,
  manifestEntryType,
  manifestFileFor,
  readManifest,
  readManifestList,
  summarizePartitions,
  UNASSIGNED_SEQUENCE_NUMBER,
  writeManifest,
  writeManifestList,
  type ManifestEntryRecord,
  type WriteManifestOptions,
} from './manifests';
import type {
  ManifestEntry,
  ManifestFile,
  PartitionSpec,
  PartitionTuple,
  PrimitiveType,
  Schema,
  StructType,
} from './types';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(__dirname, 'avro', '__fixtures__', name)));

const SNAP = 7_000_000_000_000_000_001n;
const PARENT = 6_999_999_999_999_999_999n;

// One identity partition field per Iceberg primitive type.
const TYPES: Array<[string, PrimitiveType]> = [
  ['b', 'boolean'],
  ['i', 'int'],
  ['l', 'long'],
  ['f', 'float'],
  ['d', 'double'],
  ['dt', 'date'],
  ['t', 'time'],
  ['ts', 'timestamp'],
  ['tstz', 'timestamptz'],
  ['s', 'string'],
  ['u', 'uuid'],
  ['dec', 'decimal(9, 2)'],
  ['bigdec', 'decimal(38, 10)'],
  ['bin', 'binary'],
  ['fx', 'fixed[3]'],
];
const schema: Schema = {
  type: 'struct',
  'schema-id': 3,
  fields: TYPES.map(([name, type], i) => ({
    id: i + 1,
    name,
    required: false,
    type,
  })),
};
const spec: PartitionSpec = {
  'spec-id': 2,
  fields: TYPES.map(([name], i) => ({
    'source-id': i + 1,
    'field-id': 1000 + i,
    name: `${name}-p`, // not a valid Avro name: exercises sanitizing
    transform: 'identity',
  })),
};
const partitionType: StructType = {
  type: 'struct',
  fields: TYPES.map(([name, type], i) => ({
    id: 1000 + i,
    name: `${name}-p`,
    required: false,
    type,
  })),
};
const TUPLE: PartitionTuple = [
  true,
  -42,
  9_007_199_254_740_993n,
  1.5,
  -2.25,
  19_000,
  3_600_000_000n,
  1_700_000_000_123_456n,
  -1n,
  'héllo',
  'f79c3e09-677c-4bbd-a479-3f349cb785e7',
  -12_345n,
  -(10n ** 37n) + 7n,
  Uint8Array.of(0, 255, 7),
  Uint8Array.of(1, 2, 3),
];
const NULLS: PartitionTuple = TUPLE.map(() => null);

const longs = (n: number) =>
  new Map(Array.from({ length: n }, (_, i) => [i + 1, BigInt(i) * 10n ** 12n]));
const bounds = (n: number) =>
  new Map(Array.from({ length: n }, (_, i) => [i + 1, Uint8Array.of(i % 256)]));

const entries: ManifestEntryRecord[] = [
  {
    status: 1,
    snapshotId: null,
    sequenceNumber: null,
    fileSequenceNumber: null,
    dataFile: {
      content: 0,
      filePath: 's3://bucket/t/data/a.parquet',
      fileFormat: 'PARQUET',
      partition: TUPLE,
      recordCount: 5_000_000_000n,
      fileSizeInBytes: 123_456_789n,
      columnSizes: longs(500),
      valueCounts: longs(500),
      nullValueCounts: longs(3),
      nanValueCounts: new Map(),
      lowerBounds: bounds(500),
      upperBounds: bounds(500),
      keyMetadata: Uint8Array.of(9),
      splitOffsets: [4n, 9_007_199_254_740_995n],
      sortOrderId: 0,
    },
  },
  {
    status: 0,
    snapshotId: PARENT,
    sequenceNumber: 4n,
    fileSequenceNumber: 5n,
    dataFile: {
      content: 0,
      filePath: 's3://bucket/t/data/b.parquet',
      fileFormat: 'AVRO',
      partition: NULLS,
      recordCount: 1n,
      fileSizeInBytes: 10n,
    },
  },
  {
    status: 2,
    snapshotId: SNAP,
    sequenceNumber: 3n,
    fileSequenceNumber: 3n,
    dataFile: {
      content: 0,
      filePath: 's3://bucket/t/data/c.orc',
      fileFormat: 'ORC',
      partition: TUPLE,
      recordCount: 7n,
      fileSizeInBytes: 70n,
    },
  },
];

const options = (
  overrides: Partial<WriteManifestOptions> = {},
): WriteManifestOptions => ({
  entries,
  schema,
  spec,
  partitionType,
  formatVersion: 2,
  content: 'data',
  snapshotId: SNAP,
  ...overrides,
});

/** [field id, name, optional] of a record, recursing into data_file like the spec tables. */
function layout(record: AvroRecordSchema): Array<[number, string, boolean]> {
  return record.fields.map(f => [
    f['field-id']!,
    f.name,
    Array.isArray(f.type) && f.type[0] === 'null',
  ]);
}
const nonNull = (t: AvroSchema) => (Array.isArray(t) ? t[1]! : t);

describe('manifest schema', () => {
  const avro = icebergToAvro(
    manifestEntryType(partitionType),
    'manifest_entry',
  );
  const dataFile = avro.fields[4]!.type as AvroRecordSchema;

  it('has the v2 manifest_entry and data_file fields, ids, optionality and order', () => {
    expect(layout(avro)).toEqual([
      [0, 'status', false],
      [1, 'snapshot_id', true],
      [3, 'sequence_number', true],
      [4, 'file_sequence_number', true],
      [2, 'data_file', false],
    ]);
    expect(dataFile.name).toBe('r2');
    expect(layout(dataFile)).toEqual([
      [134, 'content', false],
      [100, 'file_path', false],
      [101, 'file_format', false],
      [102, 'partition', false],
      [103, 'record_count', false],
      [104, 'file_size_in_bytes', false],
      [108, 'column_sizes', true],
      [109, 'value_counts', true],
      [110, 'null_value_counts', true],
      [137, 'nan_value_counts', true],
      [125, 'lower_bounds', true],
      [128, 'upper_bounds', true],
      [131, 'key_metadata', true],
      [132, 'split_offsets', true],
      [135, 'equality_ids', true],
      [140, 'sort_order_id', true],
      [143, 'referenced_data_file', true],
    ]);
  });

  it('stores metric maps as k<key>_v<value> arrays with the spec key/value ids', () => {
    const kv = (name: string) => {
      const t = nonNull(dataFile.fields.find(f => f.name === name)!.type);
      const items = (t as { items: AvroRecordSchema }).items;
      return [
        (t as { logicalType?: string }).logicalType,
        items.name,
        ...items.fields.map(f => [f.name, f.type, f['field-id']]),
      ];
    };
    expect(kv('column_sizes')).toEqual([
      'map',
      'k117_v118',
      ['key', 'int', 117],
      ['value', 'long', 118],
    ]);
    expect(kv('value_counts')).toEqual([
      'map',
      'k119_v120',
      ['key', 'int', 119],
      ['value', 'long', 120],
    ]);
    expect(kv('null_value_counts')).toEqual([
      'map',
      'k121_v122',
      ['key', 'int', 121],
      ['value', 'long', 122],
    ]);
    expect(kv('nan_value_counts')).toEqual([
      'map',
      'k138_v139',
      ['key', 'int', 138],
      ['value', 'long', 139],
    ]);
    expect(kv('lower_bounds')).toEqual([
      'map',
      'k126_v127',
      ['key', 'int', 126],
      ['value', 'bytes', 127],
    ]);
    expect(kv('upper_bounds')).toEqual([
      'map',
      'k129_v130',
      ['key', 'int', 129],
      ['value', 'bytes', 130],
    ]);
    expect(
      nonNull(dataFile.fields.find(f => f.name === 'split_offsets')!.type),
    ).toEqual({
      type: 'array',
      items: 'long',
      'element-id': 133,
    });
    expect(
      nonNull(dataFile.fields.find(f => f.name === 'equality_ids')!.type),
    ).toEqual({
      type: 'array',
      items: 'int',
      'element-id': 136,
    });
  });

  it('makes the partition record r102 with optional partition fields typed by result type', () => {
    const partition = dataFile.fields[3]!.type as AvroRecordSchema;
    expect(partition.name).toBe('r102');
    expect(
      partition.fields.map(f => [
        f['field-id'],
        f.name,
        f.default,
        nonNull(f.type),
      ]),
    ).toEqual([
      [1000, 'b_x2Dp', null, 'boolean'],
      [1001, 'i_x2Dp', null, 'int'],
      [1002, 'l_x2Dp', null, 'long'],
      [1003, 'f_x2Dp', null, 'float'],
      [1004, 'd_x2Dp', null, 'double'],
      [1005, 'dt_x2Dp', null, { type: 'int', logicalType: 'date' }],
      [1006, 't_x2Dp', null, { type: 'long', logicalType: 'time-micros' }],
      [
        1007,
        'ts_x2Dp',
        null,
        {
          type: 'long',
          logicalType: 'timestamp-micros',
          'adjust-to-utc': false,
        },
      ],
      [
        1008,
        'tstz_x2Dp',
        null,
        {
          type: 'long',
          logicalType: 'timestamp-micros',
          'adjust-to-utc': true,
        },
      ],
      [1009, 's_x2Dp', null, 'string'],
      [
        1010,
        'u_x2Dp',
        null,
        { type: 'fixed', name: 'uuid_fixed', size: 16, logicalType: 'uuid' },
      ],
      [
        1011,
        'dec_x2Dp',
        null,
        {
          type: 'fixed',
          name: 'decimal_9_2',
          size: 4,
          logicalType: 'decimal',
          precision: 9,
          scale: 2,
        },
      ],
      [
        1012,
        'bigdec_x2Dp',
        null,
        {
          type: 'fixed',
          name: 'decimal_38_10',
          size: 16,
          logicalType: 'decimal',
          precision: 38,
          scale: 10,
        },
      ],
      [1013, 'bin_x2Dp', null, 'bytes'],
      [1014, 'fx_x2Dp', null, { type: 'fixed', name: 'fixed_3', size: 3 }],
    ]);
    expect(partition.fields[0]!['iceberg-field-name']).toBe('b-p');
  });

  it('has the v2 manifest_file fields, ids, optionality and order', () => {
    const list = icebergToAvro(MANIFEST_FILE_TYPE, 'manifest_file');
    expect(layout(list)).toEqual([
      [500, 'manifest_path', false],
      [501, 'manifest_length', false],
      [502, 'partition_spec_id', false],
      [517, 'content', false],
      [515, 'sequence_number', false],
      [516, 'min_sequence_number', false],
      [503, 'added_snapshot_id', false],
      [504, 'added_files_count', false],
      [505, 'existing_files_count', false],
      [506, 'deleted_files_count', false],
      [512, 'added_rows_count', false],
      [513, 'existing_rows_count', false],
      [514, 'deleted_rows_count', false],
      [507, 'partitions', true],
      [519, 'key_metadata', true],
    ]);
    const partitions = nonNull(list.fields[13]!.type) as {
      'element-id': number;
      items: AvroRecordSchema;
    };
    expect(partitions['element-id']).toBe(508);
    expect(partitions.items.name).toBe('r508');
    expect(layout(partitions.items)).toEqual([
      [509, 'contains_null', false],
      [518, 'contains_nan', true],
      [510, 'lower_bound', true],
      [511, 'upper_bound', true],
    ]);
  });
});

describe('writeManifest / readManifest', () => {
  it.each(['deflate', 'null'] as const)(
    'round-trips every partition type, nulls, big ids and large maps over many blocks (%s)',
    codec => {
      const bytes = writeManifest(
        options({ avro: { codec, blockRecords: 1 } }),
      );
      expect(readAvroFile(bytes).blockCount).toBe(3);
      const read = readManifest(bytes);
      expect(read.entries).toEqual(entries);
      expect(read.entries[0]!.dataFile.columnSizes!.get(500)).toBe(
        499n * 10n ** 12n,
      );
      expect(read.partitionType).toEqual(partitionType);
    },
  );

  it('writes the header metadata of the spec', () => {
    const { metadata } = readManifest(writeManifest(options()));
    expect(metadata.schema).toEqual(schema);
    expect(metadata.schemaId).toBe(3);
    expect(metadata.partitionSpec).toEqual(spec);
    expect(metadata.formatVersion).toBe(2);
    expect(metadata.content).toBe('data');
    expect(JSON.parse(metadata.raw.get('partition-spec')!)).toEqual(
      spec.fields,
    );
    expect([...metadata.raw.keys()].sort()).toEqual([
      'avro.codec',
      'avro.schema',
      'content',
      'format-version',
      'partition-spec',
      'partition-spec-id',
      'schema',
      'schema-id',
    ]);
    expect(metadata.raw.get('avro.codec')).toBe('deflate');
  });

  it('writes delete manifests with equality ids and referenced data files', () => {
    const deletes: ManifestEntryRecord[] = [
      {
        status: 1,
        snapshotId: SNAP,
        sequenceNumber: null,
        fileSequenceNumber: null,
        dataFile: {
          content: 2,
          filePath: 's3://b/eq.parquet',
          fileFormat: 'PARQUET',
          partition: NULLS,
          recordCount: 3n,
          fileSizeInBytes: 30n,
          equalityIds: [1, 2],
        },
      },
      {
        status: 1,
        snapshotId: SNAP,
        sequenceNumber: null,
        fileSequenceNumber: null,
        dataFile: {
          content: 1,
          filePath: 's3://b/pos.parquet',
          fileFormat: 'PARQUET',
          partition: TUPLE,
          recordCount: 2n,
          fileSizeInBytes: 20n,
          referencedDataFile: 's3://bucket/t/data/a.parquet',
        },
      },
    ];
    const read = readManifest(
      writeManifest(options({ entries: deletes, content: 'deletes' })),
    );
    expect(read.metadata.content).toBe('deletes');
    expect(read.entries).toEqual(deletes);
  });

  it('handles unpartitioned specs and empty manifests', () => {
    const empty: StructType = { type: 'struct', fields: [] };
    const unpartitioned: PartitionSpec = { 'spec-id': 0, fields: [] };
    const entry: ManifestEntry = {
      ...entries[1]!,
      dataFile: { ...entries[1]!.dataFile, partition: [] },
    };
    const read = readManifest(
      writeManifest(
        options({
          spec: unpartitioned,
          partitionType: empty,
          entries: [entry],
        }),
      ),
    );
    expect(read.entries).toEqual([entry]);
    expect(read.partitionType).toEqual(empty);
    expect(
      readManifest(writeManifest(options({ entries: [] }))).entries,
    ).toEqual([]);
  });

  it('rejects entries that break the spec', () => {
    const bad =
      (entry: ManifestEntryRecord, o: Partial<WriteManifestOptions> = {}) =>
      () =>
        writeManifest(options({ entries: [entry], ...o }));
    const added = entries[0]!;
    expect(bad({ ...added, status: 0 })).toThrow(
      /only ADDED entries may have a null sequence number \(status 0\)/,
    );
    expect(bad({ ...added, snapshotId: 1n })).toThrow(
      /unassigned sequence number for an entry from snapshot 1/,
    );
    expect(bad(added, { content: 'deletes' })).toThrow(
      /a deletes manifest cannot hold a file with content 0/,
    );
    expect(
      bad({ ...added, dataFile: { ...added.dataFile, partition: [1] } }),
    ).toThrow(/partition tuple has 1 values, spec has 15 fields/);
    expect(
      bad({
        ...added,
        dataFile: { ...added.dataFile, partition: [1, ...TUPLE.slice(1)] },
      }),
    ).toThrow(
      /partition field b-p: expected a value of type boolean, got number 1/,
    );
    expect(
      bad(added, { partitionType: { type: 'struct', fields: [] } }),
    ).toThrow(/partition type field ids \[\] do not match spec 2/);
    expect(bad({ ...entries[1]!, sequenceNumber: -1n })).toThrow(
      /must be assigned/,
    );
    expect(
      bad({
        ...added,
        dataFile: {
          ...added.dataFile,
          partition: TUPLE.map((v, i) => (i === 11 ? 10n ** 10n : v)),
        },
      }),
    ).toThrow(/decimal 10000000000 does not fit 4 bytes/);
  });

  it('reads a manifest written by PyIceberg', () => {
    const read = readManifest(fixture('pyiceberg-manifest.avro'));
    // PyIceberg (like Java) omits the schema-id header: it comes from the schema JSON.
    expect(read.metadata.raw.has('schema-id')).toBe(false);
    expect(read.metadata.schemaId).toBe(3);
    expect(read.metadata.partitionSpec['spec-id']).toBe(2);
    expect(read.entries).toHaveLength(2);
    const [added, existing] = read.entries;
    expect(added!.snapshotId).toBe(SNAP);
    expect(added!.sequenceNumber).toBeNull();
    expect(added!.dataFile.partition).toEqual(
      TUPLE.map((v, i) => (i === 12 ? -(10n ** 37n) + 7n : v)),
    );
    expect(added!.dataFile.recordCount).toBe(5_000_000_000n);
    expect(added!.dataFile.columnSizes!.size).toBe(300);
    expect(added!.dataFile.splitOffsets).toEqual([4n, 9_007_199_254_740_995n]);
    expect(existing!.status).toBe(0);
    expect(existing!.sequenceNumber).toBe(4n);
    expect(existing!.fileSequenceNumber).toBe(5n);
    expect(existing!.dataFile.partition).toEqual(NULLS);
  });

  it('reads a table manifest written by PyIceberg (day, bucket, truncate, identity)', () => {
    const read = readManifest(fixture('pyiceberg-table-manifest.avro'));
    expect(read.partitionType.fields.map(f => [f.id, f.name, f.type])).toEqual([
      [1000, 'ts_day', 'date'],
      [1001, 'id_bucket', 'int'],
      [1002, 'name_trunc', 'string'],
      [1003, 'flag', 'boolean'],
    ]);
    expect(read.entries).toHaveLength(8);
    expect(
      read.entries.every(e => e.status === 0 && e.sequenceNumber === 1n),
    ).toBe(true);
    expect(read.entries[0]!.dataFile.partition).toEqual([19725, 0, 'n2', true]);
    expect(read.metadata.partitionSpec.fields.map(f => f.transform)).toEqual([
      'day',
      'bucket[4]',
      'truncate[2]',
      'identity',
    ]);
  });

  it('reads v1 manifests (no content, no sequence numbers, required snapshot id)', () => {
    const v1: AvroRecordSchema = {
      type: 'record',
      name: 'manifest_entry',
      fields: [
        { name: 'status', type: 'int', 'field-id': 0 },
        { name: 'snapshot_id', type: 'long', 'field-id': 1 },
        {
          name: 'data_file',
          'field-id': 2,
          type: {
            type: 'record',
            name: 'r2',
            fields: [
              { name: 'file_path', type: 'string', 'field-id': 100 },
              { name: 'file_format', type: 'string', 'field-id': 101 },
              {
                name: 'partition',
                'field-id': 102,
                type: {
                  type: 'record',
                  name: 'r102',
                  fields: [
                    { name: 'x', type: ['null', 'int'], 'field-id': 1000 },
                  ],
                },
              },
              { name: 'record_count', type: 'long', 'field-id': 103 },
              { name: 'file_size_in_bytes', type: 'long', 'field-id': 104 },
              { name: 'block_size_in_bytes', type: 'long', 'field-id': 105 },
            ],
          },
        },
      ],
    };
    const bytes = writeAvroFile(
      v1,
      [
        {
          status: 1,
          snapshot_id: 5n,
          data_file: {
            file_path: 'f.parquet',
            file_format: 'parquet',
            partition: { x: 7 },
            record_count: 2n,
            file_size_in_bytes: 3n,
            block_size_in_bytes: 64n,
          },
        },
      ],
      {
        metadata: {
          'partition-spec': '[]',
          schema: '{"type":"struct","fields":[]}',
        },
      },
    );
    const read = readManifest(bytes);
    expect(read.metadata.formatVersion).toBe(1);
    expect(read.metadata.partitionSpec['spec-id']).toBe(0);
    const [entry] = read.entries;
    expect(entry).toEqual({
      status: 1,
      snapshotId: 5n,
      sequenceNumber: null,
      fileSequenceNumber: null,
      dataFile: {
        content: 0,
        filePath: 'f.parquet',
        fileFormat: 'PARQUET',
        partition: [7],
        recordCount: 2n,
        fileSizeInBytes: 3n,
      },
    });
    const v1List = manifestFile({ sequenceNumber: 0n, minSequenceNumber: 0n });
    const existing = { ...entry!, status: 0 as const };
    expect(inheritManifestEntry(existing, v1List)).toMatchObject({
      sequenceNumber: 0n,
      fileSequenceNumber: 0n,
    });
  });
});

function manifestFile(overrides: Partial<ManifestFile> = {}): ManifestFile {
  return {
    manifestPath: 's3://bucket/t/metadata/m0.avro',
    manifestLength: 1234n,
    partitionSpecId: 2,
    content: 0,
    sequenceNumber: 6n,
    minSequenceNumber: 4n,
    addedSnapshotId: SNAP,
    addedFilesCount: 1,
    existingFilesCount: 1,
    deletedFilesCount: 1,
    addedRowsCount: 5_000_000_000n,
    existingRowsCount: 1n,
    deletedRowsCount: 7n,
    partitions: summarizePartitions(partitionType, [TUPLE, NULLS]),
    ...overrides,
  };
}

describe('inheritManifestEntry', () => {
  it('fills null ids and sequence numbers of ADDED entries from the manifest list', () => {
    expect(inheritManifestEntry(entries[0]!, manifestFile())).toEqual({
      ...entries[0],
      snapshotId: SNAP,
      sequenceNumber: 6n,
      fileSequenceNumber: 6n,
    });
  });

  it('keeps explicit values and does not give non-ADDED v2 entries a sequence number', () => {
    expect(inheritManifestEntry(entries[1]!, manifestFile())).toEqual(
      entries[1],
    );
    const unassigned: ManifestEntry = { ...entries[1]!, sequenceNumber: null };
    expect(
      inheritManifestEntry(unassigned, manifestFile()).sequenceNumber,
    ).toBeNull();
  });
});

describe('summarizePartitions', () => {
  it('summarizes nulls, NaNs and bounds per field', () => {
    const type: StructType = {
      type: 'struct',
      fields: [
        { id: 1000, name: 'd', required: false, type: 'double' },
        { id: 1001, name: 's', required: false, type: 'string' },
        { id: 1002, name: 'n', required: false, type: 'decimal(9, 2)' },
        { id: 1003, name: 'x', required: false, type: 'int' },
      ],
    };
    const summary = summarizePartitions(type, [
      [0, 'z', -5n, null],
      [-0, '\u{1F600}', 3n, null],
      [Number.NaN, 'é', null, null],
      [-1.5, 'a', 100n, null],
    ]);
    expect(summary).toEqual([
      {
        containsNull: false,
        containsNan: true,
        lowerBound: toBytes('double', -1.5),
        upperBound: toBytes('double', 0),
      },
      {
        containsNull: false,
        containsNan: false,
        lowerBound: toBytes('string', 'a'),
        // UTF-8 byte order: U+1F600 sorts after é and z
        upperBound: toBytes('string', '\u{1F600}'),
      },
      {
        containsNull: true,
        containsNan: false,
        lowerBound: Uint8Array.of(0xfb),
        upperBound: Uint8Array.of(0x64),
      },
      { containsNull: true, containsNan: false },
    ]);
  });

  it('keeps -0.0 as the lower and +0.0 as the upper bound (spec note)', () => {
    const type: StructType = {
      type: 'struct',
      fields: [{ id: 1000, name: 'f', required: false, type: 'float' }],
    };
    const [s] = summarizePartitions(type, [[0], [-0]]);
    expect(s!.lowerBound).toEqual(toBytes('float', -0));
    expect(s!.upperBound).toEqual(toBytes('float', 0));
  });
});

describe('writeManifestList / readManifestList', () => {
  it.each(['deflate', 'null'] as const)(
    'round-trips manifest files (%s)',
    codec => {
      const manifests = [
        manifestFile(),
        manifestFile({
          manifestPath: 's3://bucket/t/metadata/m1.avro',
          content: 1,
          partitions: undefined,
          keyMetadata: Uint8Array.of(1, 2),
          addedSnapshotId: PARENT,
          sequenceNumber: 5n,
          minSequenceNumber: 1n,
        }),
        ...Array.from({ length: 200 }, (_, i) =>
          manifestFile({ manifestPath: `s3://x/${i}.avro`, partitions: [] }),
        ),
      ];
      const bytes = writeManifestList({
        manifests,
        snapshotId: SNAP,
        parentSnapshotId: PARENT,
        sequenceNumber: 6n,
        formatVersion: 2,
        avro: { codec, blockSizeBytes: 512 },
      });
      expect(readAvroFile(bytes).blockCount).toBeGreaterThan(5);
      expect(readManifestList(bytes)).toEqual(manifests);
      const header = readAvroHeader(bytes);
      expect(Object.fromEntries(header.metadata)).toMatchObject({
        'snapshot-id': '7000000000000000001',
        'parent-snapshot-id': '6999999999999999999',
        'sequence-number': '6',
        'format-version': '2',
      });
    },
  );

  it('writes "null" for a missing parent like Java', () => {
    const bytes = writeManifestList({
      manifests: [],
      snapshotId: 1n,
      sequenceNumber: 1n,
      formatVersion: 2,
    });
    expect(readAvroHeader(bytes).metadata.get('parent-snapshot-id')).toBe(
      'null',
    );
    expect(readManifestList(bytes)).toEqual([]);
  });

  it("assigns the commit's sequence number to this snapshot's unassigned manifests", () => {
    const written: ManifestFile = {
      ...manifestFileFor({
        path: 's3://m.avro',
        length: 99,
        specId: 2,
        content: 'data',
        snapshotId: SNAP,
        entries: [entries[0]!],
        partitionType,
      }),
    };
    expect(written.sequenceNumber).toBe(UNASSIGNED_SEQUENCE_NUMBER);
    expect(written.minSequenceNumber).toBe(UNASSIGNED_SEQUENCE_NUMBER);
    const [read] = readManifestList(
      writeManifestList({
        manifests: [written],
        snapshotId: SNAP,
        sequenceNumber: 9n,
        formatVersion: 2,
      }),
    );
    expect(read).toEqual({
      ...written,
      sequenceNumber: 9n,
      minSequenceNumber: 9n,
    });
    expect(() =>
      writeManifestList({
        manifests: [written],
        snapshotId: 1n,
        sequenceNumber: 9n,
        formatVersion: 2,
      }),
    ).toThrow(
      /from snapshot 7000000000000000001 has an unassigned sequence number/,
    );
  });

  it('resolves a -1 placeholder left in a file from the header, for its own snapshot only', () => {
    const record = (snapshot: bigint) => ({
      manifest_path: 'm.avro',
      manifest_length: 1n,
      partition_spec_id: 0,
      content: 0,
      sequence_number: -1n,
      min_sequence_number: -1n,
      added_snapshot_id: snapshot,
      added_files_count: 1,
      existing_files_count: 0,
      deleted_files_count: 0,
      added_rows_count: 1n,
      existing_rows_count: 0n,
      deleted_rows_count: 0n,
      partitions: null,
      key_metadata: null,
    });
    const bytes = writeAvroFile(
      icebergToAvro(MANIFEST_FILE_TYPE, 'manifest_file'),
      [record(SNAP), record(PARENT)],
      { metadata: { 'snapshot-id': String(SNAP), 'sequence-number': '12' } },
    );
    const [own, other] = readManifestList(bytes);
    expect([own!.sequenceNumber, own!.minSequenceNumber]).toEqual([12n, 12n]);
    expect([other!.sequenceNumber, other!.minSequenceNumber]).toEqual([
      -1n,
      -1n,
    ]);
  });

  it('computes manifest-list entries with manifestFileFor', () => {
    const m = manifestFileFor({
      path: 's3://m.avro',
      length: 10,
      specId: 2,
      content: 'data',
      snapshotId: SNAP,
      entries,
      partitionType,
    });
    expect(m).toEqual({
      manifestPath: 's3://m.avro',
      manifestLength: 10n,
      partitionSpecId: 2,
      content: 0,
      sequenceNumber: -1n,
      minSequenceNumber: 4n, // lowest explicit data sequence number of a live entry
      addedSnapshotId: SNAP,
      addedFilesCount: 1,
      existingFilesCount: 1,
      deletedFilesCount: 1,
      addedRowsCount: 5_000_000_000n,
      existingRowsCount: 1n,
      deletedRowsCount: 7n,
      partitions: summarizePartitions(partitionType, [TUPLE, NULLS, TUPLE]),
    });
  });

  it('reads manifest lists written by PyIceberg', () => {
    const [direct] = readManifestList(fixture('pyiceberg-manifest-list.avro'));
    expect(direct).toMatchObject({
      manifestPath: '/tmp/interop/pyi/direct-manifest.avro',
      partitionSpecId: 2,
      content: 0,
      sequenceNumber: 6n,
      minSequenceNumber: 4n,
      addedSnapshotId: SNAP,
      addedFilesCount: 1,
      existingFilesCount: 1,
      deletedFilesCount: 0,
      addedRowsCount: 5_000_000_000n,
    });
    expect(direct!.partitions).toEqual(
      summarizePartitions(partitionType, [TUPLE, NULLS]),
    );

    const table = readManifestList(
      fixture('pyiceberg-table-manifest-list.avro'),
    );
    expect(
      table.map(m => [
        m.sequenceNumber,
        m.addedFilesCount,
        m.existingFilesCount,
        m.deletedFilesCount,
      ]),
    ).toEqual([
      [3n, 1, 0, 0],
      [3n, 0, 0, 1],
      [2n, 8, 0, 0],
      [3n, 0, 8, 0],
    ]);
  });
});
