/** A small Avro implementation for Iceberg metadata files (manifests, manifest lists). */
export { AvroError, ByteReader, ByteWriter } from './binary';
export { compileSchema } from './codec';
export type { AvroRecord, AvroValue, Codec } from './codec';
export {
  AvroFileWriter,
  readAvroFile,
  readAvroHeader,
  writeAvroFile,
} from './container';
export type {
  AvroCodecName,
  AvroFileContents,
  AvroHeader,
  AvroWriterOptions,
} from './container';
export {
  avroToIceberg,
  fieldsById,
  icebergToAvro,
  makeCompatibleName,
  ELEMENT_ID,
  FIELD_ID,
  ICEBERG_FIELD_NAME,
  KEY_ID,
  VALUE_ID,
} from './iceberg';
export { RecordProjection } from './projection';
export type { FieldGetter } from './projection';
export {
  asArray,
  asBytes,
  asInt,
  asIntKeyedMap,
  asLong,
  asRecord,
  decimalToFixed,
  fromAvroValue,
  toAvroValue,
} from './values';
export {
  dereference,
  namedTypes,
  optionalBranch,
  parseSchema,
  validateSchema,
} from './schema';
export type {
  AvroArraySchema,
  AvroEnumSchema,
  AvroField,
  AvroFixedSchema,
  AvroMapSchema,
  AvroNamedSchema,
  AvroObjectSchema,
  AvroPrimitiveSchema,
  AvroPrimitiveType,
  AvroRecordSchema,
  AvroSchema,
} from './schema';
