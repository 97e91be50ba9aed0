import type { Data } from 'apache-arrow';
import type { InternalValue } from '../conversions';

/** Statistics of one leaf column of the rows appended so far. */
export interface LeafStats {
  valueCount: number;
  nullCount: number;
  /** float and double only. */
  nanCount?: number;
  /** Smallest / largest non-null, non-NaN value, in the internal representation. */
  min?: InternalValue;
  max?: InternalValue;
}

/**
 * Appends values of one field into Arrow buffers. Values are validated and coerced on
 * append (a bad one throws FieldError); `truncate` rolls back a partly appended row, which is
 * why metrics are computed from the buffers (`collectStats`) rather than while appending.
 */
export interface ColumnBuilder {
  readonly path: string;
  readonly length: number;
  /** null and undefined append a null (FieldError if the field is required). */
  append(value: unknown): void;
  /** A null slot under a null parent: allowed even for required fields. */
  appendMaskedNull(): void;
  truncate(length: number): void;
  /** Capacity hint: `rows` more values are coming (fewer reallocations). */
  reserveRows(rows: number): void;
  /** Bytes of Arrow buffers held, for file size estimates. */
  byteSize(): number;
  /** Stats by field id of the leaves reachable through structs only (as Iceberg Java). */
  collectStats(out: Map<number, LeafStats>): void;
  /**
   * Arrow data of everything appended; the builder starts empty again. With `dictionary`,
   * a string column may come back dictionary-encoded (for the page encoder only).
   */
  finish(options?: { dictionary?: boolean }): Data;
}

export const isNullish = (v: unknown): v is null | undefined =>
  v === null || v === undefined;

/** Doubles a typed array's capacity until it holds `needed` elements. */
export function ensureCapacity<
  T extends Int32Array | Uint8Array | Float32Array | Float64Array,
>(arr: T, needed: number, make: (n: number) => T): T {
  if (needed <= arr.length) return arr;
  let n = arr.length * 2;
  while (n < needed) n *= 2;
  const next = make(n);
  next.set(arr);
  return next;
}
