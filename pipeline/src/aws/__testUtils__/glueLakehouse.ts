/**
 * A lakehouse on the AWS emulator as Terraform lays it out: a Glue catalog with its
 * files in one bucket, and the given databases located at s3://<bucket>/<database>/.
 */
import { GlueCatalog } from '../../iceberg/catalog/glue/glueCatalog';
import { S3FileIO } from '../../iceberg/io/s3FileIO';
import type { MotoServer } from './motoServer';

export async function glueLakehouse(
  moto: MotoServer,
  bucket: string,
  databases: readonly string[],
): Promise<GlueCatalog> {
  await moto.createBuckets(bucket);
  const catalog = new GlueCatalog({
    name: 'medallion',
    aws: moto.aws,
    warehouse: `s3://${bucket}/warehouse`,
    io: new S3FileIO({ aws: moto.aws }),
  });
  for (const db of databases)
    await catalog.createNamespace([db], { location: `s3://${bucket}/${db}/` });
  return catalog;
}
