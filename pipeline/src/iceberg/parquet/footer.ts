/**
 * Reads (and amends) the Parquet footer of a written file: column sizes by field id and row
 * group offsets for Iceberg's column_sizes / split_offsets, and the UUID logical type on
 * uuid columns, which arrow-rs in parquet-wasm 0.8 does not write (it writes a plain
 * FIXED_LEN_BYTE_ARRAY(16); the Iceberg spec maps uuid to fixed[16] annotated UUID).
 *
 * It also writes the column chunk statistics from the leaf statistics the builders computed
 * anyway, so that parquet-wasm does not have to compute them again (statistics.ts).
 *
 * Field numbers are those of parquet-format's parquet.thrift.
 */
import type { ParsedPrimitive } from '../types';
import type { LeafStats } from './builder';
import { chunkStatistics } from './statistics';
import {
  CompactReader,
  CompactWriter,
  T,
  field,
  setField,
  type TList,
  type TStruct,
} from './thrift';

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // PAR1

// FileMetaData
const FMD_SCHEMA = 2;
const FMD_NUM_ROWS = 3;
const FMD_ROW_GROUPS = 4;
// SchemaElement
const SE_TYPE = 1;
const SE_TYPE_LENGTH = 2;
const SE_NAME = 4;
const SE_NUM_CHILDREN = 5;
const SE_FIELD_ID = 9;
const SE_LOGICAL_TYPE = 10;
const LOGICAL_UUID = 14;
// RowGroup
const RG_COLUMNS = 1;
const RG_NUM_ROWS = 3;
const RG_FILE_OFFSET = 5;
// ColumnChunk / ColumnMetaData
const CC_META_DATA = 3;
const CMD_TOTAL_COMPRESSED_SIZE = 7;
const CMD_DATA_PAGE_OFFSET = 9;
const CMD_DICTIONARY_PAGE_OFFSET = 11;
const CMD_STATISTICS = 12;

export class ParquetFormatError extends Error {}

export interface ParquetFooter {
  metadata: TStruct;
  /** Offset of the footer's first byte in the file. */
  start: number;
}

export interface FooterInfo {
  numRows: bigint;
  /** Leaf columns in file order, with their Parquet field ids. */
  leaves: Array<{ path: string[]; fieldId?: number }>;
  /** Compressed bytes of all chunks of each leaf, by field id. */
  columnSizes: Map<number, bigint>;
  /** Offset of each row group's first page, ascending. */
  splitOffsets: bigint[];
}

export function readFooter(file: Uint8Array): ParquetFooter {
  const n = file.length;
  if (n < 12 || MAGIC.some((b, i) => file[n - 4 + i] !== b))
    throw new ParquetFormatError('not a Parquet file (no trailing PAR1)');
  const length = new DataView(
    file.buffer,
    file.byteOffset + n - 8,
    4,
  ).getUint32(0, true);
  const start = n - 8 - length;
  if (start < 4) throw new ParquetFormatError('invalid Parquet footer length');
  return { metadata: new CompactReader(file, start).readStruct(), start };
}

const asStruct = (v: unknown): TStruct => {
  if (typeof v === 'object' && v !== null && (v as TStruct).kind === 'struct')
    return v as TStruct;
  throw new ParquetFormatError('unexpected Parquet footer structure');
};
const asList = (v: unknown): TList => {
  if (typeof v === 'object' && v !== null && (v as TList).kind === 'list')
    return v as TList;
  throw new ParquetFormatError('unexpected Parquet footer structure');
};
const asBigint = (v: unknown): bigint | undefined =>
  typeof v === 'bigint' ? v : undefined;
const text = new TextDecoder();

/** Leaves of the schema list (depth-first, as column chunks are ordered). */
function schemaLeaves(
  elements: TStruct[],
): Array<{ path: string[]; fieldId?: number; element: TStruct }> {
  const leaves: Array<{ path: string[]; fieldId?: number; element: TStruct }> =
    [];
  let i = 1; // element 0 is the root
  const visit = (prefix: string[]) => {
    const el = elements[i++];
    if (!el) throw new ParquetFormatError('truncated Parquet schema');
    const name = text.decode(field(el, SE_NAME) as Uint8Array);
    const children = field(el, SE_NUM_CHILDREN);
    const fieldId = field(el, SE_FIELD_ID);
    const path = [...prefix, name];
    if (typeof children === 'number' && children > 0) {
      for (let c = 0; c < children; c++) visit(path);
    } else {
      leaves.push({
        path,
        fieldId: typeof fieldId === 'number' ? fieldId : undefined,
        element: el,
      });
    }
  };
  const rootChildren = field(elements[0]!, SE_NUM_CHILDREN);
  for (
    let c = 0;
    c < (typeof rootChildren === 'number' ? rootChildren : 0);
    c++
  )
    visit([]);
  return leaves;
}

function schemaElements(metadata: TStruct): TStruct[] {
  return asList(field(metadata, FMD_SCHEMA)).items.map(asStruct);
}

export function footerInfo(metadata: TStruct): FooterInfo {
  const leaves = schemaLeaves(schemaElements(metadata));
  const columnSizes = new Map<number, bigint>();
  const splitOffsets: bigint[] = [];
  const rowGroups = field(metadata, FMD_ROW_GROUPS);
  for (const rgValue of rowGroups ? asList(rowGroups).items : []) {
    const rg = asStruct(rgValue);
    const columns = asList(field(rg, RG_COLUMNS)).items.map(asStruct);
    let start = asBigint(field(rg, RG_FILE_OFFSET));
    columns.forEach((chunk, c) => {
      const meta = asStruct(field(chunk, CC_META_DATA));
      const size = asBigint(field(meta, CMD_TOTAL_COMPRESSED_SIZE)) ?? 0n;
      const id = leaves[c]?.fieldId;
      if (id !== undefined)
        columnSizes.set(id, (columnSizes.get(id) ?? 0n) + size);
      if (c === 0 && start === undefined) {
        const dict = asBigint(field(meta, CMD_DICTIONARY_PAGE_OFFSET));
        const data = asBigint(field(meta, CMD_DATA_PAGE_OFFSET));
        start =
          dict !== undefined && dict > 0n && (data === undefined || dict < data)
            ? dict
            : data;
      }
    });
    if (start !== undefined && asBigint(field(rg, RG_NUM_ROWS)) !== 0n)
      splitOffsets.push(start);
  }
  splitOffsets.sort((a, b) => (a < b ? -1 : Number(a > b)));
  return {
    numRows: asBigint(field(metadata, FMD_NUM_ROWS)) ?? 0n,
    leaves: leaves.map(({ path, fieldId }) => ({ path, fieldId })),
    columnSizes,
    splitOffsets,
  };
}

/** Adds the UUID logical type to the leaves with these field ids; true if any. */
export function annotateUuidTypes(
  metadata: TStruct,
  uuidFieldIds: ReadonlySet<number>,
): boolean {
  if (uuidFieldIds.size === 0) return false;
  let changed = false;
  for (const leaf of schemaLeaves(schemaElements(metadata))) {
    if (leaf.fieldId === undefined || !uuidFieldIds.has(leaf.fieldId)) continue;
    const uuid: TStruct = {
      kind: 'struct',
      fields: [
        {
          id: LOGICAL_UUID,
          type: T.STRUCT,
          value: { kind: 'struct', fields: [] },
        },
      ],
    };
    setField(leaf.element, SE_LOGICAL_TYPE, T.STRUCT, uuid);
    changed = true;
  }
  return changed;
}

/**
 * Sets the statistics of every column chunk from the leaf statistics of the whole file, so
 * only for a file of one row group; false (nothing changed) if there are several, or a leaf
 * without statistics or of an unexpected physical type.
 */
export function setChunkStatistics(
  metadata: TStruct,
  stats: ReadonlyMap<number, LeafStats>,
  types: ReadonlyMap<number, ParsedPrimitive>,
): boolean {
  const rowGroups = field(metadata, FMD_ROW_GROUPS);
  const groups = rowGroups ? asList(rowGroups).items : [];
  if (groups.length !== 1) return false;
  const leaves = schemaLeaves(schemaElements(metadata));
  const chunks = asList(field(asStruct(groups[0]), RG_COLUMNS)).items;
  if (chunks.length !== leaves.length) return false;
  const computed: TStruct[] = [];
  for (const leaf of leaves) {
    const id = leaf.fieldId;
    const s = id === undefined ? undefined : stats.get(id);
    const type = id === undefined ? undefined : types.get(id);
    const physical = field(leaf.element, SE_TYPE);
    const typeLength = field(leaf.element, SE_TYPE_LENGTH);
    if (!s || !type || typeof physical !== 'number') return false;
    const st = chunkStatistics(
      s,
      type,
      physical,
      typeof typeLength === 'number' ? typeLength : 0,
    );
    if (!st) return false;
    computed.push(st);
  }
  chunks.forEach((chunk, c) => {
    const meta = asStruct(field(asStruct(chunk), CC_META_DATA));
    setField(meta, CMD_STATISTICS, T.STRUCT, computed[c]!);
  });
  return true;
}

/** The file with its footer replaced by `metadata` (data pages untouched, no offset moves). */
export function replaceFooter(
  file: Uint8Array,
  footer: ParquetFooter,
): Uint8Array {
  const writer = new CompactWriter();
  writer.writeStruct(footer.metadata);
  const meta = writer.bytes();
  const out = new Uint8Array(footer.start + meta.length + 8);
  out.set(file.subarray(0, footer.start));
  out.set(meta, footer.start);
  new DataView(out.buffer).setUint32(
    footer.start + meta.length,
    meta.length,
    true,
  );
  out.set(MAGIC, footer.start + meta.length + 4);
  return out;
}

/**
 * Adds the UUID logical type to the leaves with these field ids; returns the file with the
 * rewritten footer (data pages are untouched, so no offset moves).
 */
export function annotateUuids(
  file: Uint8Array,
  footer: ParquetFooter,
  uuidFieldIds: ReadonlySet<number>,
): Uint8Array {
  return annotateUuidTypes(footer.metadata, uuidFieldIds)
    ? replaceFooter(file, footer)
    : file;
}
