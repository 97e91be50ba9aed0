/** The `medallion` command line. */
import { ConfigError } from '../config';
import {
  CatalogError,
  NoSuchNamespaceError,
  NoSuchTableError,
} from '../iceberg/catalog/catalog';
import { ExpressionError } from '../iceberg/expressions';
import { MetadataError } from '../iceberg/metadata';
import { ScanError } from '../iceberg/scan';
import { QueryError } from '../query/engine';
import { RebuildConflictError } from '../layers/silverRebuild';

/** Errors whose message says it all: no stack trace for the user. */
const USER_FACING_ERRORS = [
  CatalogError,
  MetadataError,
  ScanError,
  ExpressionError,
  QueryError,
  RebuildConflictError,
];
import { runIngest } from './ingest';
import { runMaintain } from './maintain';
import { runSql, runTable, runTables } from './lakehouse';
import { PRODUCE_HELP, runProduce } from './produce';
import { runPlatform } from './run';
import { runSilver } from './silver';
import { UsageError } from './usage';

const HELP = `Usage: medallion <command> [options]

Commands:
  run         the local platform with live data: producer → Kafka → bronze → silver
  produce     stream seeded purchase events (with labelled anomalies) into Kafka
  ingest      consume Kafka into bronze.purchases_raw and bronze.purchase_labels, exactly once
  silver      bronze → silver.purchases + silver.purchases_rejected (once, or --follow;
              "silver rebuild" replays all of bronze with an atomic overwrite)
  maintain    compact, expire snapshots, remove orphan files of the streaming tables
  tables      list the lakehouse's Iceberg tables
  table       show one table: schema, partitioning, snapshots, files
  sql         run SQL (DuckDB) over the tables
  help        show this help

Run "medallion <command> --help" for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await runPlatform(rest);
      case 'produce':
        return await runProduce(rest);
      case 'ingest':
        return await runIngest(rest);
      case 'silver':
        return await runSilver(rest);
      case 'maintain':
        return await runMaintain(rest);
      case 'tables':
        return await runTables(rest);
      case 'table':
        return await runTable(rest);
      case 'sql':
        return await runSql(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${HELP}\n`);
        return command === undefined ? 64 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`, HELP);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${error.help}\n`);
      return 64;
    }
    if (
      error instanceof NoSuchTableError ||
      error instanceof NoSuchNamespaceError
    ) {
      process.stderr.write(
        `error: ${error.message} (list the tables with: medallion tables)\n`,
      );
      return 1;
    }
    if (USER_FACING_ERRORS.some(type => error instanceof type)) {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      return 1;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 78;
    }
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(
        `error: ${error.message}\n\n${
          command === 'produce' ? PRODUCE_HELP : HELP
        }\n`,
      );
      return 64;
    }
    throw error;
  }
}
