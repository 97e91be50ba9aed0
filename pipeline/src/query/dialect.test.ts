import { newTableMetadata } from '../iceberg/tableMetadataBuilder';
import type { IcebergType, Schema, TableMetadata } from '../iceberg/types';
import {
  currentSnapshotSource,
  trinoDialect,
  trinoType,
  type SnapshotSource,
} from './dialect';
import { duckdbDialect } from './duckdb';

const id = { namespace: ['gold'], name: 'purchase_anomalies' };
const v0: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'event_id', required: true, type: 'uuid' },
    { id: 2, name: 'amt', required: false, type: 'decimal(12, 2)' },
  ],
};
// v1 renames amt to amount and adds scored_at.
const v1: Schema = {
  ...v0,
  'schema-id': 1,
  fields: [
    v0.fields[0]!,
    { ...v0.fields[1]!, name: 'amount' },
    { id: 3, name: 'scored_at', required: false, type: 'timestamptz' },
  ],
};

function metadata(snapshotSchemaId: number | undefined): TableMetadata {
  const meta = newTableMetadata({ location: 's3://b/t', schema: v0 });
  return {
    ...meta,
    schemas: [v0, v1],
    'current-schema-id': 1,
    'current-snapshot-id': 42n,
    snapshots: [
      {
        'snapshot-id': 42n,
        'sequence-number': 1n,
        'timestamp-ms': 0,
        'manifest-list': 's3://b/t/metadata/snap-42.avro',
        summary: { operation: 'append' },
        ...(snapshotSchemaId === undefined
          ? {}
          : { 'schema-id': snapshotSchemaId }),
      },
    ],
  };
}

describe('currentSnapshotSource', () => {
  it('names the snapshot and, when it differs, the schema it was written with', () => {
    expect(currentSnapshotSource(id, metadata(0))).toEqual({
      id,
      schema: v1,
      snapshotId: 42n,
      snapshotSchema: v0,
    });
    expect(currentSnapshotSource(id, metadata(1))).toEqual({
      id,
      schema: v1,
      snapshotId: 42n,
    });
    expect(currentSnapshotSource(id, metadata(undefined)).snapshotSchema).toBe(
      undefined,
    );
    const empty = newTableMetadata({ location: 's3://b/t', schema: v0 });
    expect(currentSnapshotSource(id, empty)).toEqual({
      id,
      schema: { ...v0, 'schema-id': 0 },
    });
  });
});

describe('trino dialect', () => {
  it('time travels by the names the snapshot was written with', () => {
    const source = currentSnapshotSource(id, metadata(0));
    expect(trinoDialect.snapshotSelect(source)).toBe(
      'SELECT "event_id", "amt" AS "amount", CAST(NULL AS timestamp(6) with time zone) AS "scored_at" FROM "gold"."purchase_anomalies" FOR VERSION AS OF 42',
    );
  });

  it('reads a table without a snapshot as no rows of the right types', () => {
    expect(trinoDialect.snapshotSelect({ id, schema: v0 })).toBe(
      'SELECT CAST(NULL AS uuid) AS "event_id", CAST(NULL AS decimal(12, 2)) AS "amt" WHERE false',
    );
  });

  it('names every Iceberg type as the Iceberg connector does', () => {
    expect(
      [
        'boolean',
        'int',
        'long',
        'float',
        'double',
        'date',
        'time',
        'timestamp',
        'timestamptz',
        'string',
        'uuid',
        'binary',
        'fixed[16]',
      ].map(t => trinoType(t as IcebergType)),
    ).toEqual([
      'boolean',
      'integer',
      'bigint',
      'real',
      'double',
      'date',
      'time(6)',
      'timestamp(6)',
      'timestamp(6) with time zone',
      'varchar',
      'uuid',
      'varbinary',
      'varbinary',
    ]);
    expect(
      trinoType({
        type: 'struct',
        fields: [
          {
            id: 5,
            name: 'tags',
            required: false,
            type: {
              type: 'map',
              'key-id': 6,
              key: 'string',
              'value-id': 7,
              value: 'long',
              'value-required': false,
            },
          },
          {
            id: 8,
            name: 'xs',
            required: false,
            type: {
              type: 'list',
              'element-id': 9,
              element: 'double',
              'element-required': false,
            },
          },
        ],
      }),
    ).toBe('row("tags" map(varchar, bigint), "xs" array(double))');
  });

  it('splices only whole numbers of µs', () => {
    expect(trinoDialect.timestampFromMicros(1.9)).toBe(
      'CAST(from_unixtime_nanos(CAST(1 AS BIGINT) * 1000) AS TIMESTAMP(6) WITH TIME ZONE)',
    );
    expect(() => trinoDialect.timestampFromMicros(Number.NaN)).toThrow(
      RangeError,
    );
    expect(() => duckdbDialect.timestampFromMicros(Infinity)).toThrow(
      RangeError,
    );
  });
});

describe('duckdb dialect', () => {
  it('reads the files it is given, by field id, and none without a snapshot', () => {
    const source: SnapshotSource = {
      id,
      schema: v0,
      snapshotId: 1n,
      files: ['/w/a.parquet'],
    };
    expect(duckdbDialect.snapshotSelect(source)).toContain(
      "read_parquet(['/w/a.parquet'], schema = MAP {1: {name: 'event_id'",
    );
    expect(
      duckdbDialect.snapshotSelect({ ...source, snapshotId: undefined }),
    ).toBe(
      'SELECT NULL::UUID AS "event_id", NULL::DECIMAL(12, 2) AS "amt" WHERE false',
    );
  });
});
