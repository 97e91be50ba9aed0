import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AvroError } from './binary';
import type { AvroRecord } from './codec';
import {
  AvroFileWriter,
  readAvroFile,
  readAvroHeader,
  writeAvroFile,
} from './container';
import type { AvroRecordSchema } from './schema';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(__dirname, '__fixtures__', name)));

const schema: AvroRecordSchema = {
  type: 'record',
  name: 'manifest_entry',
  fields: [
    { name: 'status', type: 'int', 'field-id': 0 },
    {
      name: 'snapshot_id',
      type: ['null', 'long'],
      default: null,
      'field-id': 1,
    },
    {
      name: 'ts',
      type: {
        type: 'long',
        logicalType: 'timestamp-micros',
        'adjust-to-utc': true,
      },
      'field-id': 5,
    },
    {
      name: 'ids',
      type: { type: 'array', items: 'int', 'element-id': 7 },
      'field-id': 6,
    },
    {
      name: 'props',
      type: { type: 'map', values: 'string', 'key-id': 9, 'value-id': 10 },
      'field-id': 8,
    },
  ],
};

const records = (n: number): AvroRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    status: i % 3,
    snapshot_id: i % 2 ? null : 7_000_000_000_000_000_001n + BigInt(i),
    ts: 1_700_000_000_000_000n + BigInt(i),
    ids: [i, -i - 1],
    props: new Map([['k', `v${i}`]]),
  }));

describe('Avro object container files', () => {
  it.each(['null', 'deflate'] as const)(
    'round-trips records with the %s codec over many blocks',
    codec => {
      const input = records(1000);
      const bytes = writeAvroFile(schema, input, {
        codec,
        blockSizeBytes: 1024,
        metadata: { 'format-version': '2', raw: Uint8Array.of(0, 1) },
      });
      const file = readAvroFile(bytes);
      expect(file.records).toEqual(input);
      expect(file.codec).toBe(codec);
      expect(file.blockCount).toBeGreaterThan(10);
      expect(file.metadata.get('format-version')).toBe('2');
      expect(file.rawMetadata.get('raw')).toEqual(Uint8Array.of(0, 1));
      expect(file.metadata.get('avro.codec')).toBe(codec);
    },
  );

  it('keeps custom schema attributes (field-id, element-id, logicalType...) in the header', () => {
    const header = readAvroHeader(writeAvroFile(schema, []));
    expect(header.schema).toEqual(schema);
    expect(JSON.parse(header.metadata.get('avro.schema')!)).toEqual(schema);
  });

  it('writes the layout of the Avro spec', () => {
    const sync = new Uint8Array(16).fill(7);
    const bytes = writeAvroFile('int', [1, 2], {
      codec: 'null',
      syncMarker: sync,
    });
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x4f, 0x62, 0x6a, 0x01]);
    // ...header..., sync, then block: count 2, size 2, data 02 04, sync
    expect(Array.from(bytes.subarray(bytes.length - 36))).toEqual([
      ...sync,
      4,
      4,
      2,
      4,
      ...sync,
    ]);
  });

  it('splits blocks by record count and writes no block for no records', () => {
    const w = new AvroFileWriter('long', { blockRecords: 3 });
    for (let i = 0n; i < 10n; i++) w.append(i);
    const file = readAvroFile(w.finish());
    expect(file.blockCount).toBe(4);
    expect(file.records).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
    expect(readAvroFile(writeAvroFile('long', [])).blockCount).toBe(0);
  });

  it('rejects bad records without corrupting the file being built', () => {
    const w = new AvroFileWriter(schema);
    w.append(records(1)[0]!);
    expect(() => w.append({ ...records(1)[0]!, ids: ['x'] })).toThrow(
      'record 1.ids[0]: expected an int, got "x"',
    );
    expect(readAvroFile(w.finish()).records).toEqual(records(1));
  });

  it('validates schemas before writing', () => {
    expect(
      () =>
        new AvroFileWriter({
          type: 'record',
          name: 'r',
          fields: [{ name: 'x', type: ['long', 'null'], default: null }],
        }),
    ).toThrow(/null default needs "null" as the first union branch/);
    expect(
      () =>
        new AvroFileWriter({
          type: 'record',
          name: 'r',
          fields: [
            { name: 'a', type: { type: 'fixed', name: 'f', size: 1 } },
            { name: 'b', type: { type: 'fixed', name: 'f', size: 1 } },
          ],
        }),
    ).toThrow(/defined twice/);
    expect(
      () => new AvroFileWriter('long', { metadata: { 'avro.x': 'y' } }),
    ).toThrow(/reserved/);
  });

  describe('corrupt input', () => {
    const good = () =>
      writeAvroFile(schema, records(50), {
        codec: 'deflate',
        blockRecords: 10,
      });

    it('rejects a file with bad magic bytes', () => {
      const bytes = good();
      bytes[3] = 2;
      expect(() => readAvroFile(bytes)).toThrow(
        'not an Avro object container file (bad magic bytes)',
      );
      expect(() => readAvroFile(new Uint8Array(0))).toThrow(AvroError);
    });

    it('rejects a truncated block', () => {
      const bytes = good();
      expect(() => readAvroFile(bytes.subarray(0, bytes.length - 30))).toThrow(
        /block 4 at byte \d+: declares \d+ bytes but only \d+ remain \(file truncated\)/,
      );
      expect(() => readAvroFile(bytes.subarray(0, bytes.length - 5))).toThrow(
        /block 4 at byte \d+: unexpected end of Avro data .* the block sync marker/,
      );
    });

    it('rejects a truncated header', () => {
      expect(() => readAvroFile(good().subarray(0, 40))).toThrow(
        /^Avro file header: unexpected end of Avro data/,
      );
    });

    it('rejects a wrong sync marker', () => {
      const bytes = good();
      bytes[bytes.length - 1] ^= 0xff;
      expect(() => readAvroFile(bytes)).toThrow(
        /block 4 at byte \d+: sync marker does not match the header \(file corrupt\)/,
      );
    });

    it('rejects damaged compressed data and leftover bytes', () => {
      const header = readAvroHeader(good());
      const bytes = good();
      bytes.fill(0x55, header.dataOffset + 4, header.dataOffset + 40);
      expect(() => readAvroFile(bytes)).toThrow(/block 0 at byte \d+/);

      // A block that declares one record but carries two.
      const twoInts = writeAvroFile('int', [1, 2], { codec: 'null' });
      const h = readAvroHeader(twoInts);
      twoInts[h.dataOffset] = 2; // count 1 (zig-zag)
      expect(() => readAvroFile(twoInts)).toThrow(
        /block 0 at byte \d+: 1 bytes left after 1 records \(corrupt block\)/,
      );
    });

    it('rejects unsupported codecs clearly', () => {
      const bytes = writeAvroFile('int', [1], { codec: 'null' });
      const text = Buffer.from(bytes)
        .toString('latin1')
        .replace('\x08null', '\x08zstd');
      expect(() =>
        readAvroFile(new Uint8Array(Buffer.from(text, 'latin1'))),
      ).toThrow('unsupported Avro codec "zstd" (supported: null, deflate)');
    });
  });

  it('reads a file written by fastavro (deflate, many blocks, named references, enums)', () => {
    const file = readAvroFile(fixture('fastavro-everything.avro'));
    expect(file.blockCount).toBe(24);
    expect(file.records).toHaveLength(200);
    expect(file.metadata.get('custom')).toBe('value');
    const r = file.records[7] as AvroRecord;
    expect(r).toEqual({
      l: -(2n ** 62n + 7n),
      i: -7,
      f: 3.5,
      d: -1e300 * 7,
      b: false,
      by: new Uint8Array(0),
      s: 'üü7',
      fx: new TextEncoder().encode('abcd'),
      fx2: Uint8Array.of(7, 7, 7, 7),
      arr: [0n, 1n, 2n],
      m: new Map([['k0', '']]),
      opt: 7n,
      e: 'GREEN',
      nested: { x: 7 },
      nested2: null,
      multi: '7',
    });
    expect((file.records[198] as AvroRecord).multi).toBeNull();
    expect((file.records[2] as AvroRecord).multi).toBe(2n);
    expect((file.records[5] as AvroRecord).m).toEqual(
      new Map([
        ['k0', ''],
        ['k1', null],
      ]),
    );
  });
});
