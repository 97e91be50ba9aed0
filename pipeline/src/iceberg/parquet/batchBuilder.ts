/**
 * Rows (or columns) of one Iceberg schema → one Arrow RecordBatch plus leaf statistics. A
 * row that does not fit is rolled back and reported as a RowError, so it never reaches a
 * file.
 */
import { RecordBatch, Schema, Struct, makeData, type Data } from 'apache-arrow';
import type { StructType } from '../types';
import { arrowSchema } from './arrowSchema';
import type { ColumnBuilder, LeafStats } from './builder';
import { FieldError, RowError } from './errors';
import { StructBuilder, isRecord } from './nested';

/** Called for a rejected row when the caller wants the rest of the batch kept. */
export type InvalidRowHandler = (error: RowError, row: unknown) => void;

/** Appends `rows[from..to)`; a bad value throws RowFailure. */
type RowsAppender = (
  rows: readonly unknown[],
  from: number,
  to: number,
) => void;

/** A bad value in row `row` (an index into the rows passed). */
class RowFailure {
  constructor(readonly row: number, readonly error: unknown) {}
}
const rowFailure = (row: number, error: unknown) => new RowFailure(row, error);

/**
 * The row loop, generated with one statement per field: each call site then sees a single
 * builder class and reads a constant property name, so V8 keeps both monomorphic and
 * inlines them (2-3x faster than a loop over the fields). Names are embedded with
 * JSON.stringify, so any field name is a safe string literal.
 */
function compileRowsAppender(
  names: string[],
  builders: ColumnBuilder[],
): RowsAppender {
  const params = builders.map((_, i) => `c${i}`);
  const body = names
    .map((name, i) => `c${i}.append(row[${JSON.stringify(name)}]);`)
    .join('\n');
  // eslint-disable-next-line no-new-func
  const factory = new Function(
    ...params,
    'fail',
    'isRecord',
    `return function appendRows(rows, from, to) {
      let i = from;
      try {
        for (; i < to; i++) {
          const row = rows[i];
          if (!isRecord(row)) throw new Error('not an object');
          ${body}
        }
      } catch (e) {
        throw fail(i, e);
      }
    };`,
  ) as (...args: unknown[]) => RowsAppender;
  return factory(...builders, rowFailure, isRecord);
}

/** Appends `values[0..length)` to one builder; a bad value throws RowFailure. */
type ColumnAppender = (values: ArrayLike<unknown>, length: number) => void;

/** Per-column loop, generated for the same reason as the rows appender: one builder class per call site. */
function compileColumnAppender(builder: ColumnBuilder): ColumnAppender {
  // eslint-disable-next-line no-new-func
  const factory = new Function(
    'builder',
    'fail',
    `return function appendColumn(values, length) {
      let i = 0;
      try {
        for (; i < length; i++) builder.append(values[i]);
      } catch (e) {
        throw fail(i, e);
      }
    };`,
  ) as (builder: ColumnBuilder, fail: typeof rowFailure) => ColumnAppender;
  return factory(builder, rowFailure);
}

export class RecordBatchBuilder {
  readonly schema: Schema;
  private readonly root: StructBuilder;
  private readonly names: string[];
  private readonly appendRange: RowsAppender;
  private readonly columnAppenders: ColumnAppender[];
  private rowsWithoutColumns = 0;

  constructor(readonly icebergSchema: StructType) {
    this.schema = arrowSchema(icebergSchema);
    this.root = new StructBuilder('', true, icebergSchema.fields);
    this.names = icebergSchema.fields.map(f => f.name);
    this.appendRange = compileRowsAppender(this.names, this.root.children);
    this.columnAppenders = this.root.children.map(compileColumnAppender);
  }

  get length(): number {
    return this.root.children[0]?.length ?? this.rowsWithoutColumns;
  }

  /**
   * Appends rows (objects by field name). Without `onInvalid`, the first bad row throws a
   * RowError and none of `rows` is kept; with it, bad rows are reported and skipped.
   * Returns the number of rows appended.
   */
  appendRows(rows: readonly unknown[], onInvalid?: InvalidRowHandler): number {
    const start = this.length;
    for (const child of this.root.children) child.reserveRows(rows.length);
    let from = 0;
    let skipped = 0;
    while (from < rows.length) {
      const base = this.length;
      try {
        this.appendRange(rows, from, rows.length);
        if (this.root.children.length === 0)
          this.rowsWithoutColumns += rows.length - from;
        break;
      } catch (e) {
        const failure = e instanceof RowFailure ? e : new RowFailure(from, e);
        const error = isRecord(rows[failure.row])
          ? failure.error
          : new FieldError('', 'expected an object');
        if (!onInvalid || !(error instanceof FieldError)) {
          this.truncate(start);
          throw toRowError(error, failure.row);
        }
        this.truncate(base + failure.row - from);
        onInvalid(
          new RowError(failure.row, error.path, error.reason),
          rows[failure.row],
        );
        skipped++;
        from = failure.row + 1;
      }
    }
    return rows.length - skipped;
  }

  /**
   * Columnar path: `columns[name][i]` is row i's value of top-level field `name` (missing
   * column = all null). All or nothing: a bad value throws a RowError (the first bad row
   * of the first column that has one).
   */
  appendColumns(
    columns: Readonly<Record<string, ArrayLike<unknown> | undefined>>,
    length: number,
  ): void {
    const start = this.length;
    const children = this.root.children;
    for (const child of children) child.reserveRows(length);
    for (let c = 0; c < children.length; c++) {
      const name = this.names[c]!;
      const values = columns[name] ?? { length };
      try {
        if (values.length < length)
          throw new RowFailure(
            values.length,
            new FieldError(name, `column has only ${values.length} values`),
          );
        this.columnAppenders[c]!(values, length);
      } catch (e) {
        this.truncate(start);
        throw e instanceof RowFailure ? toRowError(e.error, e.row) : e;
      }
    }
    if (children.length === 0) this.rowsWithoutColumns += length;
  }

  truncate(length: number): void {
    for (const child of this.root.children) child.truncate(length);
    this.rowsWithoutColumns = Math.min(this.rowsWithoutColumns, length);
  }

  /** Arrow bytes held, a proxy for the encoded size. */
  byteSize(): number {
    let n = 0;
    for (const child of this.root.children) n += child.byteSize();
    return n;
  }

  stats(): Map<number, LeafStats> {
    const out = new Map<number, LeafStats>();
    this.root.collectStats(out);
    return out;
  }

  /**
   * The top-level columns appended so far, string columns possibly dictionary-encoded (for
   * the page encoder); the builder starts empty again.
   */
  finishColumns(): Data[] {
    this.rowsWithoutColumns = 0;
    return this.root.children.map(c => c.finish({ dictionary: true }));
  }

  /** The rows appended so far as one RecordBatch; the builder starts empty again. */
  finish(): RecordBatch {
    const length = this.length;
    const children = this.root.children.map(c => c.finish());
    this.rowsWithoutColumns = 0;
    const data = makeData({
      type: new Struct(this.schema.fields),
      length,
      nullCount: 0,
      children,
    });
    return new RecordBatch(this.schema, data);
  }
}

/** A FieldError as the RowError of row `rowIndex`; anything else is returned as is. */
export function toRowError(e: unknown, rowIndex: number): unknown {
  return e instanceof FieldError ? new RowError(rowIndex, e.path, e.reason) : e;
}
