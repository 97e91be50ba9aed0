/** `medallion tables`, `medallion table <ns.name>` and `medallion sql "<query>"`. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { parseIdentifier } from '../iceberg/catalog/catalog';
import { catalogFromSettings } from '../iceberg/catalog/fromConfig';
import { ancestors, currentSnapshot } from '../iceberg/metadata';
import { planFiles } from '../iceberg/scan';
import { loadTable } from '../iceberg/table';
import { indexFields } from '../iceberg/types';
import { queryEngineFromSettings } from '../query/fromConfig';
import { formatBytes, textTable } from './textTable';

const out = (text: string) => process.stdout.write(`${text}\n`);
const help = (text: string, code: number) => {
  (code === 0 ? process.stdout : process.stderr).write(`${text}\n`);
  return code;
};

export const TABLES_HELP = `Usage: medallion tables [--json]

Lists every Iceberg table in the catalog (MEDALLION_CATALOG_URI, default .medallion/catalog.db)
with its rows, files, size and last commit.`;

export const TABLE_HELP = `Usage: medallion table <namespace.table> [--snapshots N] [--json]

Shows a table: schema (field ids, types, docs), partition spec, properties, snapshots, files and size.`;

export const SQL_HELP = `Usage: medallion sql "<query>" [--limit N] [--json]

Runs SQL over the lakehouse on the configured engine: DuckDB (each table a view named
namespace.table) or, with lakehouse.queryEngine athena, Athena over the Glue tables.
For example: medallion sql "select count(*) from silver.purchases"`;

function withCatalog<T>(
  fn: (catalog: ReturnType<typeof catalogFromSettings>) => Promise<T>,
): Promise<T> {
  const catalog = catalogFromSettings(loadConfig().lakehouse);
  return fn(catalog).finally(() => catalog.close());
}

export async function runTables(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return help(TABLES_HELP, 0);
  return withCatalog(async catalog => {
    const rows: Array<Record<string, unknown>> = [];
    for (const ns of await catalog.listNamespaces()) {
      for (const id of await catalog.listTables(ns)) {
        const table = await loadTable(catalog, id);
        const snap = currentSnapshot(table.metadata);
        rows.push({
          table: table.name,
          rows: Number(snap?.summary['total-records'] ?? 0),
          files: Number(snap?.summary['total-data-files'] ?? 0),
          size: Number(snap?.summary['total-files-size'] ?? 0),
          snapshots: table.metadata.snapshots.length,
          lastCommit: snap
            ? new Date(snap['timestamp-ms']).toISOString()
            : null,
        });
      }
    }
    if (values.json) out(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) out('no tables yet (the catalog is empty)');
    else
      out(
        textTable(
          ['table', 'rows', 'files', 'size', 'snapshots', 'last commit'],
          rows.map(r => [
            r.table,
            r.rows,
            r.files,
            formatBytes(r.size as number),
            r.snapshots,
            r.lastCommit ?? '-',
          ]),
        ),
      );
    return 0;
  });
}

export async function runTable(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      snapshots: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1)
    return help(TABLE_HELP, values.help ? 0 : 64);
  const id = parseIdentifier(positionals[0]!);
  return withCatalog(async catalog => {
    const table = await loadTable(catalog, id);
    const plan = await planFiles(table);
    const size = plan.tasks.reduce(
      (s, t) => s + Number(t.file.fileSizeInBytes),
      0,
    );
    const rows = plan.tasks.reduce((s, t) => s + Number(t.file.recordCount), 0);
    const snapshots = ancestors(table.metadata).slice(
      0,
      Number(values.snapshots ?? 10),
    );
    if (values.json) {
      out(
        JSON.stringify(
          {
            table: table.name,
            location: table.location,
            metadataLocation: table.metadataLocation,
            schema: table.schema(),
            partitionSpec: table.spec(),
            properties: table.metadata.properties,
            rows,
            files: plan.tasks.length,
            sizeBytes: size,
            snapshots: snapshots.map(s => ({
              ...s,
              'snapshot-id': String(s['snapshot-id']),
              'parent-snapshot-id': s['parent-snapshot-id']?.toString(),
              'sequence-number': String(s['sequence-number']),
            })),
          },
          null,
          2,
        ),
      );
      return 0;
    }
    out(
      `${table.name}  (${rows.toLocaleString('en-US')} rows, ${
        plan.tasks.length
      } files, ${formatBytes(size)})`,
    );
    out(`location: ${table.location}\nmetadata: ${table.metadataLocation}\n`);
    const fields = [...indexFields(table.schema()).values()];
    out(
      textTable(
        ['id', 'column', 'type', 'required', 'doc'],
        fields.map(f => {
          const doc = table.schema().fields.find(x => x.id === f.id)?.doc;
          return [
            f.id,
            f.path,
            typeof f.type === 'string' ? f.type : f.type.type,
            f.required ? 'yes' : '',
            doc ?? '',
          ];
        }),
      ),
    );
    const spec = table.spec();
    out(
      `\npartitioned by: ${
        spec.fields.length === 0
          ? '(unpartitioned)'
          : spec.fields
              .map(
                f =>
                  `${f.name}=${f.transform}(${
                    fields.find(x => x.id === f['source-id'])?.path
                  })`,
              )
              .join(', ')
      }`,
    );
    const props = Object.entries(table.metadata.properties);
    if (props.length > 0)
      out(`properties: ${props.map(([k, v]) => `${k}=${v}`).join(', ')}`);
    out('');
    out(
      textTable(
        ['snapshot', 'committed', 'operation', 'added rows', 'total rows'],
        snapshots.map(s => [
          String(s['snapshot-id']),
          new Date(s['timestamp-ms']).toISOString(),
          s.summary.operation,
          s.summary['added-records'] ?? '',
          s.summary['total-records'] ?? '',
        ]),
      ),
    );
    return 0;
  });
}

export async function runSql(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1)
    return help(SQL_HELP, values.help ? 0 : 64);
  const limit = Number(values.limit ?? 100);
  const settings = loadConfig().lakehouse;
  return withCatalog(async catalog => {
    const engine = queryEngineFromSettings(settings, catalog);
    try {
      const result = await engine.query(positionals[0]!, { limit });
      if (values.json) out(JSON.stringify(result, null, 2));
      else {
        out(
          textTable(
            result.columns.map(c => c.name),
            result.rows.map(r => result.columns.map(c => r[c.name])),
          ),
        );
        out(
          `(${result.rows.length} row${result.rows.length === 1 ? '' : 's'}${
            result.truncated ? `, limited to ${limit}` : ''
          })`,
        );
      }
      return 0;
    } finally {
      await engine.close();
    }
  });
}
