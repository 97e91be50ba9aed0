#!/usr/bin/env python3
"""Commit a successful dbt build's staged gold Parquet files to Iceberg with PyIceberg.

Called by pipeline/src/gold/dbtRunner.ts only after `dbt build` passed every test, so
a failed build never touches gold. Each table `gold.<model>` in the pipeline's SQL
catalog is created if missing, its schema evolved (union by name, column docs from the
dbt manifest), and its contents replaced in ONE Iceberg commit (a transaction holding
the schema update and the overwrite): a reader sees the old table or the new one.

Every staged file is read and checked before the first commit, so a missing or
unreadable file commits nothing. Tables are still committed one after another (Iceberg
has no multi-table commit here): a crash in between leaves some tables at the new build.

Prints one JSON object on stdout:
  {"namespace": "gold", "tables": {"<model>": {"snapshot_id": "...", "rows": n,
   "created": bool, "schema_changed": bool}}}
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Dict, List

import pyarrow as pa
import pyarrow.parquet as pq
from pyiceberg.catalog import load_catalog

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from medallion_iceberg import sqlalchemy_uri  # noqa: E402

DOC_KEY = b"doc"  # the field-metadata key PyIceberg turns into an Iceberg column doc


def column_docs(manifest_path: Path | None, project: str) -> Dict[str, Dict[str, str]]:
    """Column descriptions per model name, from dbt's manifest."""
    if manifest_path is None or not manifest_path.exists():
        return {}
    manifest = json.loads(manifest_path.read_text())
    docs: Dict[str, Dict[str, str]] = {}
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") == "model" and node.get("package_name") == project:
            docs[node["name"]] = {
                name: col.get("description", "")
                for name, col in node.get("columns", {}).items()
                if col.get("description")
            }
    return docs


def prepare(path: Path, docs: Dict[str, str]) -> pa.Table:
    """The staged table with every column optional (dbt's tests guard nullness, and a
    required column could never be relaxed by a later build) and the dbt docs attached."""
    table = pq.read_table(path)
    fields: List[pa.Field] = []
    for field in table.schema:
        metadata = {DOC_KEY: docs[field.name].encode()} if field.name in docs else None
        fields.append(pa.field(field.name, field.type, nullable=True, metadata=metadata))
    return table.cast(pa.schema(fields))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--uri", default=os.environ.get("MEDALLION_CATALOG_URI", ""))
    parser.add_argument("--warehouse", default=os.environ.get("MEDALLION_WAREHOUSE", ""))
    parser.add_argument(
        "--catalog-name", default=os.environ.get("MEDALLION_CATALOG_NAME", "medallion")
    )
    parser.add_argument("--staging", required=True, help="directory of <model>.parquet")
    parser.add_argument("--namespace", default="gold")
    parser.add_argument("--tables", required=True, help="comma-separated model names")
    parser.add_argument("--manifest", type=Path, help="dbt target/manifest.json (docs)")
    parser.add_argument("--project", default="medallion")
    args = parser.parse_args()

    tables = [t for t in args.tables.split(",") if t]
    staging = Path(args.staging)
    docs = column_docs(args.manifest, args.project)

    # Read everything first: nothing is committed unless every staged file is good.
    prepared: Dict[str, pa.Table] = {}
    for name in tables:
        path = staging / f"{name}.parquet"
        if not path.exists():
            raise SystemExit(f"commit_gold: staged file missing: {path}")
        prepared[name] = prepare(path, docs.get(name, {}))

    catalog = load_catalog(
        args.catalog_name,
        type="sql",
        uri=sqlalchemy_uri(args.uri),
        warehouse=args.warehouse,
    )
    catalog.create_namespace_if_not_exists(args.namespace)

    result: Dict[str, Any] = {"namespace": args.namespace, "tables": {}}
    for name, data in prepared.items():
        identifier = f"{args.namespace}.{name}"
        created = not catalog.table_exists(identifier)
        if created:
            table = catalog.create_table(identifier, schema=data.schema)
        else:
            table = catalog.load_table(identifier)
        schema_before = table.schema()
        with table.transaction() as tx:
            if not created:
                with tx.update_schema() as update:
                    update.union_by_name(data.schema)
                    for column, doc in docs.get(name, {}).items():
                        known = column in schema_before.column_names
                        if known and schema_before.find_field(column).doc != doc:
                            update.update_column(column, doc=doc)
            # A new table has nothing to replace (overwrite would warn about an empty delete).
            if created:
                tx.append(data)
            else:
                tx.overwrite(data)
        table = catalog.load_table(identifier)
        snapshot = table.current_snapshot()
        result["tables"][name] = {
            "snapshot_id": str(snapshot.snapshot_id) if snapshot else None,
            "rows": data.num_rows,
            "created": created,
            "schema_changed": (not created) and table.schema() != schema_before,
        }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
