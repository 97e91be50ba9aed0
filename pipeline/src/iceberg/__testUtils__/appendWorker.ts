/**
 * One writer process of the concurrency test: `node -r tsx/cjs appendWorker.ts
 * <knex-config-json> <warehouse> <table> <appends> <worker>`. Appends one small file per
 * commit, reporting how many attempts the commits took.
 */
import { parseIdentifier } from '../catalog/catalog';
import { SqlCatalog } from '../catalog/sqlCatalog';
import { LocalFileIO } from '../io/localFileIO';
import { appendFiles } from '../snapshotProducer';
import { loadTable } from '../table';

async function main() {
  const [knexJson, warehouse, tableName, appendsText, worker] =
    process.argv.slice(2);
  const catalog = new SqlCatalog({
    name: 'medallion',
    knex: JSON.parse(knexJson!),
    warehouse: warehouse!,
    io: new LocalFileIO(),
  });
  let table = await loadTable(catalog, parseIdentifier(tableName!));
  let attempts = 0;
  const track = (attempt: number) => {
    attempts = Math.max(attempts, attempt);
  };
  for (let i = 0; i < Number(appendsText); i++) {
    const result = await appendFiles(
      table,
      [
        {
          content: 0,
          filePath: `${table.location}/data/w${worker}-${i}.parquet`,
          fileFormat: 'PARQUET',
          partition: [],
          recordCount: 3n,
          fileSizeInBytes: 100n,
        },
      ],
      {
        retries: 200,
        minWaitMs: 2,
        maxWaitMs: 100,
        validate: (_head, { attempt }) => track(attempt),
        summary: { writer: String(worker) },
      },
    );
    table = result.table;
  }
  await catalog.close();
  process.stdout.write(
    `${JSON.stringify({ worker, maxAttempts: attempts })}\n`,
  );
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
