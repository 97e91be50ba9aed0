import { readFooter, footerInfo } from './footer';
import {
  CompactReader,
  CompactWriter,
  field,
  type TList,
  type TStruct,
} from './thrift';
import { ALL_TYPES, ALL_TYPES_ROWS } from './testFixtures';
import { writeDataFile } from './writer';

const struct = (v: unknown) => v as TStruct;
const list = (v: unknown) => (v as TList).items.map(struct);
const text = new TextDecoder();

describe('Parquet footer', () => {
  const { bytes } = writeDataFile(ALL_TYPES, ALL_TYPES_ROWS);
  const footer = readFooter(bytes);
  const schema = list(field(footer.metadata, 2));
  const byName = (name: string) =>
    schema.find(e => text.decode(field(e, 4) as Uint8Array) === name)!;

  it('re-encodes an unchanged footer to the same bytes', () => {
    const writer = new CompactWriter();
    writer.writeStruct(footer.metadata);
    expect(writer.bytes()).toEqual(
      bytes.subarray(footer.start, bytes.length - 8),
    );
  });

  it('carries every field id, and UUID on uuid columns', () => {
    const ids = schema.map(e => field(e, 9)).filter(x => x !== undefined);
    // every Iceberg field has a Parquet field id (the list/map repeated groups have none)
    expect(new Set(ids)).toEqual(
      new Set(Array.from({ length: 28 }, (_, i) => i + 1)),
    );
    const logical = struct(field(byName('u'), 10));
    expect(logical.fields.map(f => f.id)).toEqual([14]); // LogicalType.UUID
    expect(field(byName('u'), 2)).toBe(16); // FIXED_LEN_BYTE_ARRAY(16)
    expect(field(byName('fx'), 10)).toBeUndefined();
  });

  it('maps column sizes to field ids', () => {
    const info = footerInfo(footer.metadata);
    expect(info.numRows).toBe(4n);
    expect(info.leaves.map(l => l.fieldId)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 21, 23, 24,
      27, 28,
    ]);
    expect(info.leaves.find(l => l.fieldId === 24)!.path).toEqual([
      'attrs',
      'key_value',
      'value',
    ]);
  });

  it('writes ZSTD DataPage v1 pages', () => {
    const rowGroup = list(field(footer.metadata, 4))[0]!;
    for (const chunk of list(field(rowGroup, 1))) {
      const meta = struct(field(chunk, 3));
      expect(field(meta, 4)).toBe(6); // CompressionCodec.ZSTD
      const offset = Number(field(meta, 9) as bigint); // data_page_offset
      const page = new CompactReader(bytes, offset).readStruct();
      expect(field(page, 1)).toBe(0); // PageType.DATA_PAGE (v2 would be 3)
    }
  });
});
