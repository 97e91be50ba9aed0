/**
 * The Glue (Hive) columns of an Iceberg schema, as Iceberg's own GlueCatalog writes them:
 * Athena, Redshift Spectrum, Lake Formation and BI tools browsing the Glue catalog see
 * them, so they follow the current schema on every commit. Field ids, optionality and
 * whether a column is current go into each column's Parameters.
 */
import type { Column } from '@aws-sdk/client-glue';
import type { IcebergType, Schema } from '../../types';

/** Hive type text of an Iceberg type (Iceberg's `IcebergToGlueConverter` mapping). */
export function glueType(type: IcebergType): string {
  if (typeof type === 'string') {
    if (type.startsWith('decimal')) return type.replace(/\s+/g, '');
    if (type.startsWith('fixed')) return 'binary';
    switch (type) {
      case 'long':
        return 'bigint';
      case 'timestamptz':
        return 'timestamp';
      case 'time':
      case 'uuid':
        return 'string';
      default:
        return type;
    }
  }
  if (type.type === 'struct')
    return `struct<${type.fields
      .map(f => `${f.name}:${glueType(f.type)}`)
      .join(',')}>`;
  if (type.type === 'list') return `array<${glueType(type.element)}>`;
  return `map<${glueType(type.key)},${glueType(type.value)}>`;
}

export function glueColumns(schema: Schema): Column[] {
  return schema.fields.map(field => ({
    Name: field.name,
    Type: glueType(field.type),
    ...(field.doc ? { Comment: field.doc } : {}),
    Parameters: {
      'iceberg.field.id': String(field.id),
      'iceberg.field.optional': String(!field.required),
      'iceberg.field.current': 'true',
    },
  }));
}
