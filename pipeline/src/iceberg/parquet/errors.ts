/** A value that does not fit its field; `path` is the dotted Iceberg field path. */
export class FieldError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'FieldError';
  }
}

/** A row rejected before it reached a data file. */
export class RowError extends Error {
  constructor(
    /** Index of the row in the batch passed to the writer. */
    readonly rowIndex: number,
    readonly fieldPath: string,
    readonly reason: string,
  ) {
    super(
      fieldPath
        ? `row ${rowIndex}: field ${fieldPath}: ${reason}`
        : `row ${rowIndex}: ${reason}`,
    );
    this.name = 'RowError';
  }
}
