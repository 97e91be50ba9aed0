import type { TableField } from '@medallion/plugin-lakehouse-common';

/** A schema field as a table row: nested struct members follow their parent, indented. */
export interface FieldRow {
  field: TableField;
  depth: number;
  /** Dotted path, e.g. `customer.address.country`. */
  path: string;
}

export function fieldRows(
  fields: TableField[],
  depth = 0,
  prefix = '',
): FieldRow[] {
  return fields.flatMap(field => {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    return [
      { field, depth, path },
      ...fieldRows(field.fields ?? [], depth + 1, path),
    ];
  });
}
