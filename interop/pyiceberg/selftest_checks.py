#!/usr/bin/env python3
"""End-to-end checks of oracle.py against one SQL catalog (run by selftest.sh).

Drives oracle.py exactly as the TypeScript tests do (a subprocess, JSON in and out)
and checks the answers against values computed here independently: a partitioned
table with every primitive type plus a struct, a list and a map; append; schema
evolution (add, add nested, rename, int->long, float->double, make optional);
append again; scan (current and time travel), inspect, delete, overwrite with and
without a filter, register_table, list, catalog-rows, and the error contract.

Prints one line per check and closes with "N passed, N failed".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import struct
import subprocess
import sys
from typing import Any

import mmh3

PASSED = 0
FAILED = 0
PREFIX = "[pyiceberg-selftest]"


def log(msg: str) -> None:
    print(f"{PREFIX} {msg}", flush=True)


def check(name: str, cond: bool, detail: Any = None) -> None:
    global PASSED, FAILED
    if cond:
        PASSED += 1
        log(f"ok   {name}")
    else:
        FAILED += 1
        log(f"FAIL {name}")
        if detail is not None:
            text = detail if isinstance(detail, str) else json.dumps(detail, indent=1, default=str)
            for line in text.splitlines()[:60]:
                log(f"       {line}")


def equal(name: str, got: Any, want: Any) -> None:
    check(name, got == want, {"got": got, "want": want})


class Oracle:
    def __init__(self, python: str, oracle: str, uri: str, warehouse: str, catalog: str = "medallion"):
        self.base = [python, oracle, "--uri", uri, "--warehouse", warehouse, "--catalog-name", catalog]

    def run(self, *args: str, stdin: Any = None, expect_rc: int = 0) -> Any:
        proc = subprocess.run(
            self.base + list(args),
            input=json.dumps(stdin) if stdin is not None else None,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if proc.returncode != expect_rc:
            raise AssertionError(
                f"oracle {' '.join(args)} exited {proc.returncode} (expected {expect_rc})\n"
                f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-4000:]}"
            )
        if expect_rc == 0:
            return json.loads(proc.stdout)
        last = proc.stderr.strip().splitlines()[-1]
        return {"stdout": proc.stdout, "error": json.loads(last)["error"]}


# ----------------------------------------------------------------------------- fixtures

NS = "selftest"
TABLE = f"{NS}.all_types"

# Field ids already in the order PyIceberg assigns fresh ids (top level first, then
# nested level by level), so create_table keeps them.
SCHEMA = {
    "type": "struct",
    "schema-id": 0,
    "identifier-field-ids": [],
    "fields": [
        {"id": 1, "name": "id", "required": True, "type": "long"},
        {"id": 2, "name": "flag", "required": False, "type": "boolean"},
        {"id": 3, "name": "i", "required": True, "type": "int"},
        {"id": 4, "name": "f", "required": False, "type": "float"},
        {"id": 5, "name": "dbl", "required": False, "type": "double"},
        {"id": 6, "name": "dec", "required": False, "type": "decimal(9, 2)"},
        {"id": 7, "name": "big", "required": False, "type": "decimal(38, 10)"},
        {"id": 8, "name": "d", "required": False, "type": "date"},
        {"id": 9, "name": "t", "required": False, "type": "time"},
        {"id": 10, "name": "ts", "required": False, "type": "timestamp"},
        {"id": 11, "name": "tstz", "required": False, "type": "timestamptz"},
        {"id": 12, "name": "created", "required": False, "type": "timestamptz"},
        {"id": 13, "name": "s", "required": False, "type": "string"},
        {"id": 14, "name": "u", "required": False, "type": "uuid"},
        {"id": 15, "name": "fx", "required": False, "type": "fixed[4]"},
        {"id": 16, "name": "bin", "required": False, "type": "binary"},
        {
            "id": 17,
            "name": "st",
            "required": False,
            "type": {
                "type": "struct",
                "fields": [
                    {"id": 20, "name": "a", "required": False, "type": "int"},
                    {"id": 21, "name": "b", "required": False, "type": "string"},
                ],
            },
        },
        {
            "id": 18,
            "name": "lst",
            "required": False,
            "type": {"type": "list", "element-id": 22, "element": "long", "element-required": False},
        },
        {
            "id": 19,
            "name": "m",
            "required": False,
            "type": {
                "type": "map",
                "key-id": 23,
                "key": "string",
                "value-id": 24,
                "value": "double",
                "value-required": False,
            },
        },
    ],
}

SPEC = {
    "spec-id": 0,
    "fields": [
        {"source-id": 13, "field-id": 1000, "name": "s_trunc", "transform": "truncate[3]"},
        {"source-id": 1, "field-id": 1001, "name": "id_bucket", "transform": "bucket[4]"},
        {"source-id": 11, "field-id": 1002, "name": "tstz_day", "transform": "day"},
        {"source-id": 10, "field-id": 1003, "name": "ts_hour", "transform": "hour"},
        {"source-id": 8, "field-id": 1004, "name": "d_year", "transform": "year"},
        {"source-id": 12, "field-id": 1005, "name": "created_month", "transform": "month"},
        {"source-id": 2, "field-id": 1006, "name": "flag", "transform": "identity"},
    ],
}

# Input rows in the normalized encoding, with some friendlier spellings the oracle also
# accepts (numbers for longs, offsets other than UTC, upper-case uuid, maps as objects).
BATCH1 = [
    {
        "id": "9007199254740993", "flag": True, "i": -5, "f": 1.5, "dbl": "NaN", "dec": "-12.30",
        "big": "1234567890123456789012345678.0123456789", "d": "2024-02-29", "t": "13:45:00.000001",
        "ts": "2024-03-01T01:02:03.456789", "tstz": "2024-03-01T23:59:59.999999-01:00",
        "created": "2024-05-31T23:00:00-02:00", "s": "h\u00e9llo w\u00f6rld",
        "u": "F79C3E09-677C-4BBD-A479-3F349CB785E7", "fx": "000102ff", "bin": "deadbeef",
        "st": {"a": 1, "b": "x"}, "lst": [1, None, "3"], "m": [["k1", 1.25], ["k2", None]],
    },
    {
        "id": 2, "flag": None, "i": 7, "f": "-Infinity", "dbl": 2.5, "dec": "0.01", "big": "-0.0000000001",
        "d": "1969-12-31", "t": "00:00:00", "ts": "1900-01-01T00:00:00", "tstz": "1970-01-01T00:00:00Z",
        "created": None, "s": None, "u": None, "fx": None, "bin": "", "st": None, "lst": [], "m": {"a": "Infinity"},
    },
    {
        "id": "-9223372036854775808", "flag": False, "i": 2147483647, "f": 0.1, "dbl": "Infinity",
        "dec": "9999999.99", "big": "0", "d": "0001-01-01", "t": "23:59:59.999999",
        "ts": "9999-12-31T23:59:59.999999", "tstz": "2000-01-01T12:00:00.5+05:30", "created": "2024-01-15T00:00:00Z",
        "s": "a", "u": "00000000-0000-0000-0000-000000000000", "fx": "ffffffff", "bin": "00",
        "st": {"a": None, "b": None}, "lst": [None], "m": [],
    },
]

# What PyIceberg must give back for BATCH1 under the original schema.
F32_0_1 = struct.unpack("<f", struct.pack("<f", 0.1))[0]  # 0.10000000149011612
EXPECTED1 = [
    {
        "id": "9007199254740993", "flag": True, "i": -5, "f": 1.5, "dbl": "NaN", "dec": "-12.30",
        "big": "1234567890123456789012345678.0123456789", "d": "2024-02-29", "t": "13:45:00.000001",
        "ts": "2024-03-01T01:02:03.456789", "tstz": "2024-03-02T00:59:59.999999+00:00",
        "created": "2024-06-01T01:00:00.000000+00:00", "s": "h\u00e9llo w\u00f6rld",
        "u": "f79c3e09-677c-4bbd-a479-3f349cb785e7", "fx": "000102ff", "bin": "deadbeef",
        "st": {"a": 1, "b": "x"}, "lst": ["1", None, "3"], "m": [["k1", 1.25], ["k2", None]],
    },
    {
        "id": "2", "flag": None, "i": 7, "f": "-Infinity", "dbl": 2.5, "dec": "0.01", "big": "-0.0000000001",
        "d": "1969-12-31", "t": "00:00:00.000000", "ts": "1900-01-01T00:00:00.000000",
        "tstz": "1970-01-01T00:00:00.000000+00:00", "created": None, "s": None, "u": None, "fx": None, "bin": "",
        "st": None, "lst": [], "m": [["a", "Infinity"]],
    },
    {
        "id": "-9223372036854775808", "flag": False, "i": 2147483647, "f": F32_0_1, "dbl": "Infinity",
        "dec": "9999999.99", "big": "0.0000000000", "d": "0001-01-01", "t": "23:59:59.999999",
        "ts": "9999-12-31T23:59:59.999999", "tstz": "2000-01-01T06:30:00.500000+00:00",
        "created": "2024-01-15T00:00:00.000000+00:00", "s": "a", "u": "00000000-0000-0000-0000-000000000000",
        "fx": "ffffffff", "bin": "00", "st": {"a": None, "b": None}, "lst": [None], "m": [],
    },
]

EVOLVE = [
    {"action": "add_column", "name": "note", "type": "string", "doc": "added later"},
    {"action": "add_column", "name": ["st", "c"], "type": "decimal(5,1)"},
    {"action": "rename_column", "name": "s", "new_name": "label"},
    {"action": "update_column", "name": "i", "type": "long"},
    {"action": "update_column", "name": "f", "type": "double"},
    {"action": "make_optional", "name": "id"},
]

BATCH2 = [
    {
        "id": None, "flag": True, "i": "9223372036854775807", "f": 1e300, "dbl": 0.5, "label": "abcdef",
        "note": "n1", "st": {"a": None, "b": "y", "c": "-9999.9"}, "tstz": "2024-03-02T00:00:00+00:00",
        "ts": "2024-03-01T01:59:59.999999",
    },
    {"id": 5, "i": 1, "f": "NaN", "label": "zzz"},
]

NEW_COLUMNS = ["id", "flag", "i", "f", "dbl", "dec", "big", "d", "t", "ts", "tstz", "created", "label",
               "u", "fx", "bin", "st", "lst", "m", "note"]


def evolved(row: dict) -> dict:
    """An EXPECTED1 row as read under the evolved schema."""
    out = {}
    for c in NEW_COLUMNS:
        src = "s" if c == "label" else c
        out[c] = row.get(src)
    out["i"] = str(row["i"])  # int -> long
    if out["st"] is not None:
        out["st"] = {**out["st"], "c": None}
    return out


EXPECTED2 = [
    {c: None for c in NEW_COLUMNS} | {
        "flag": True, "i": "9223372036854775807", "f": 1e300, "dbl": 0.5, "label": "abcdef", "note": "n1",
        "st": {"a": None, "b": "y", "c": "-9999.9"}, "tstz": "2024-03-02T00:00:00.000000+00:00",
        "ts": "2024-03-01T01:59:59.999999",
    },
    {c: None for c in NEW_COLUMNS} | {"id": "5", "i": "1", "f": "NaN", "label": "zzz"},
]


def bucket_long(v: int, n: int) -> int:
    """Iceberg bucket transform of a long: murmur3_x86_32 of 8 LE bytes, & MAX_INT, mod n."""
    return (mmh3.hash(struct.pack("<q", v), signed=True) & 0x7FFFFFFF) % n


def hours_since_epoch(text: str) -> int:
    t = dt.datetime.fromisoformat(text)
    return int((t - dt.datetime(1970, 1, 1)).total_seconds() // 3600)


def sort_rows(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


# ----------------------------------------------------------------------------- checks


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--uri", required=True)
    ap.add_argument("--warehouse", required=True)
    ap.add_argument("--label", default="")
    a = ap.parse_args()
    o = Oracle(a.python, a.oracle, a.uri, a.warehouse)
    log(f"catalog {a.label or a.uri}")

    try:
        run_checks(o)
    except AssertionError as e:
        check("no unexpected oracle failure", False, str(e))
    print(f"{PASSED} passed, {FAILED} failed", flush=True)
    return 0 if FAILED == 0 else 1


def run_checks(o: Oracle) -> None:
    # --- create + append
    res = o.run("write", stdin={"operations": [
        {"op": "create_namespace", "namespace": NS, "properties": {"owner": "selftest"}},
        {"op": "create_table", "table": TABLE, "schema": SCHEMA, "partition_spec": SPEC,
         "properties": {"format-version": "2", "write.parquet.compression-codec": "zstd", "owner": "selftest"}},
        {"op": "append", "table": TABLE, "rows": BATCH1},
    ]})["results"]
    equal("write: three results", [r["op"] for r in res], ["create_namespace", "create_table", "append"])
    created = res[1]
    check("create_table keeps the given field ids", "note" not in created, created.get("note"))
    equal("create_table schema fields", created["schema"]["fields"], SCHEMA["fields"])
    equal("create_table partition spec", created["partition_spec"], SPEC)
    check("metadata location is the first metadata file",
          created["metadata_location"].startswith(created["location"] + "/metadata/00000-")
          and created["metadata_location"].endswith(".metadata.json"), created["metadata_location"])
    snap1 = res[2]["snapshot_ids"]
    check("append made one snapshot", len(snap1) == 1 and res[2]["current_snapshot_id"] == snap1[0], res[2])
    snap1 = snap1[0]
    equal("append: operation and sequence number", (res[2]["operation"], res[2]["sequence_number"]), ("append", 1))

    scan = o.run("scan", TABLE)
    equal("scan after append: columns", scan["columns"], [f["name"] for f in SCHEMA["fields"]])
    equal("scan after append: rows (every type, lossless)", sort_rows(scan["rows"]), sort_rows(EXPECTED1))
    equal("scan after append: snapshot id", scan["snapshot_id"], snap1)

    # --- schema evolution + second append
    res = o.run("write", stdin={"operations": [
        {"op": "update_schema", "table": TABLE, "changes": EVOLVE},
        {"op": "append", "table": TABLE, "rows": BATCH2},
    ]})["results"]
    fields = {f["name"]: f for f in res[0]["schema"]["fields"]}
    equal("evolved schema id", res[0]["schema_id"], 1)
    equal("evolved: i widened to long, same id", (fields["i"]["type"], fields["i"]["id"]), ("long", 3))
    equal("evolved: f widened to double, same id", (fields["f"]["type"], fields["f"]["id"]), ("double", 4))
    equal("evolved: s renamed to label, same id", fields.get("label", {}).get("id"), 13)
    equal("evolved: id optional", fields["id"]["required"], False)
    equal("evolved: note added as optional string with doc",
          (fields["note"]["type"], fields["note"]["required"], fields["note"].get("doc")), ("string", False, "added later"))
    equal("evolved: st.c added", [c["name"] for c in fields["st"]["type"]["fields"]], ["a", "b", "c"])
    check("evolution made no snapshot", res[0]["snapshot_ids"] == [] and res[0]["current_snapshot_id"] == snap1, res[0])
    snap2 = res[1]["snapshot_ids"][0]
    equal("second append: sequence number", res[1]["sequence_number"], 2)

    scan = o.run("scan", TABLE)
    equal("scan after evolution: columns", scan["columns"], NEW_COLUMNS)
    want_all = [evolved(r) for r in EXPECTED1] + EXPECTED2
    equal("scan after evolution: old rows read through the new schema + new rows",
          sort_rows(scan["rows"]), sort_rows(want_all))

    scan = o.run("scan", TABLE, "--columns", "id,label", "--order-by", "label:desc")
    equal("scan --columns --order-by", scan["rows"], [
        {"id": "5", "label": "zzz"}, {"id": "9007199254740993", "label": "h\u00e9llo w\u00f6rld"},
        {"id": None, "label": "abcdef"}, {"id": "-9223372036854775808", "label": "a"}, {"id": "2", "label": None},
    ])
    scan = o.run("scan", TABLE, "--columns", "i", "--filter", "i > 100")
    equal("scan --filter on the widened column", sorted(r["i"] for r in scan["rows"]),
          sorted(["2147483647", "9223372036854775807"]))

    old = o.run("scan", TABLE, "--snapshot-id", str(snap1))
    equal("time travel: snapshot 1 uses its own schema", old["columns"], [f["name"] for f in SCHEMA["fields"]])
    equal("time travel: snapshot 1 rows", sort_rows(old["rows"]), sort_rows(EXPECTED1))

    # --- inspect
    ins = o.run("inspect", TABLE)
    equal("inspect: format version", ins["format_version"], 2)
    equal("inspect: current snapshot", ins["current_snapshot_id"], snap2)
    equal("inspect: snapshots (id, parent, seq, op)",
          [(s["snapshot_id"], s["parent_id"], s["sequence_number"], s["operation"]) for s in ins["snapshots"]],
          [(snap1, None, 1, "append"), (snap2, snap1, 2, "append")])
    equal("inspect: snapshot summary totals",
          (ins["snapshots"][1]["summary"]["total-records"], ins["snapshots"][1]["summary"]["added-records"]), ("5", "2"))
    equal("inspect: schema history", [s["schema-id"] for s in ins["schemas"]], [0, 1])
    equal("inspect: snapshot schema ids", [s["schema_id"] for s in ins["snapshots"]], [0, 1])
    equal("inspect: partition specs", ins["partition_specs"], [SPEC])
    check("inspect: properties", ins["properties"].get("owner") == "selftest"
          and ins["properties"].get("write.parquet.compression-codec") == "zstd", ins["properties"])
    files = ins["files"]
    equal("inspect: one file per distinct partition", len(files), 5)
    equal("inspect: record counts add up", sum(f["record_count"] for f in files), 5)
    check("inspect: file sizes", all(f["file_size_in_bytes"] > 0 and f["file_format"] == "PARQUET" for f in files))
    check("inspect: all files live, data content", all(f["status"] in ("ADDED", "EXISTING") and f["content"] == "DATA"
                                                       for f in files), [(f["status"], f["content"]) for f in files])

    by_id = {f["metrics"]["1"]["lower_bound"]: f for f in files if f["metrics"].get("1", {}).get("lower_bound")}
    f1 = by_id.get("9007199254740993")
    check("inspect: file of row 1 found by its id bound", f1 is not None, [f["metrics"].get("1") for f in files])
    if f1:
        equal("inspect: row 1 partition (truncate, bucket, day, hour, year, month, identity)", f1["partition"], {
            "s_trunc": "h\u00e9l",
            "id_bucket": bucket_long(9007199254740993, 4),
            "tstz_day": "2024-03-02",
            "ts_hour": hours_since_epoch("2024-03-01T01:02:03"),
            "d_year": 2024 - 1970,
            "created_month": (2024 - 1970) * 12 + 5,
            "flag": True,
        })
        m = f1["metrics"]
        equal("inspect: counts for id", (m["1"]["value_count"], m["1"]["null_value_count"]), (1, 0))
        equal("inspect: widened int bound (4 bytes) read as long",
              (m["3"]["type"], m["3"]["lower_bound"], m["3"]["lower_bound_hex"]), ("long", "-5", "fbffffff"))
        equal("inspect: widened float bound (4 bytes) read as double", (m["4"]["type"], m["4"]["lower_bound"]), ("double", 1.5))
        equal("inspect: decimal bound", m["6"]["lower_bound"], "-12.30")
        equal("inspect: date/time/timestamp/timestamptz bounds",
              [m[k]["lower_bound"] for k in ("8", "9", "10", "11")],
              ["2024-02-29", "13:45:00.000001", "2024-03-01T01:02:03.456789", "2024-03-02T00:59:59.999999+00:00"])
        equal("inspect: string (renamed column) bound", (m["13"]["column"], m["13"]["lower_bound"]),
              ("label", "h\u00e9llo w\u00f6rld"))
        equal("inspect: uuid/fixed/binary bounds", [m[k]["lower_bound"] for k in ("14", "15", "16")],
              ["f79c3e09-677c-4bbd-a479-3f349cb785e7", "000102ff", "deadbeef"])
    f3 = by_id.get("-9223372036854775808")
    if f3:
        equal("inspect: row 3 partition (pre-epoch year, -bucket input)", (f3["partition"]["d_year"], f3["partition"]["id_bucket"]),
              (1 - 1970, bucket_long(-9223372036854775808, 4)))
    null_part = [f for f in files if f["partition"]["tstz_day"] is None]
    check("inspect: null partition values", len(null_part) == 1 and null_part[0]["partition"]["s_trunc"] == "zzz",
          [f["partition"] for f in files])
    equal("inspect: manifests of the current snapshot", sorted(m["added_snapshot_id"] for m in ins["manifests"]),
          sorted([snap1, snap2]))

    # --- delete, overwrite with a filter, full overwrite
    res = o.run("write", stdin={"operations": [
        {"op": "delete", "table": TABLE, "filter": "id = 2"},
        {"op": "overwrite", "table": TABLE, "filter": "label = 'zzz'", "rows": [{"id": 6, "i": 6, "label": "zzz2"}]},
    ]})["results"]
    check("delete made a snapshot", len(res[0]["snapshot_ids"]) >= 1, res[0])
    check("filtered overwrite made snapshots", len(res[1]["snapshot_ids"]) >= 1, res[1])
    scan = o.run("scan", TABLE, "--columns", "id,label")
    equal("rows after delete + filtered overwrite", sorted((r["id"] or "", r["label"]) for r in scan["rows"]),
          sorted([("9007199254740993", "h\u00e9llo w\u00f6rld"), ("-9223372036854775808", "a"), ("", "abcdef"), ("6", "zzz2")]))
    at2 = o.run("scan", TABLE, "--snapshot-id", str(snap2))
    equal("time travel to snapshot 2 still sees 5 rows", at2["row_count"], 5)

    # Two rows in one partition (same bucket), so deleting one rewrites the file.
    twin = next(n for n in range(8, 1000) if bucket_long(n, 4) == bucket_long(7, 4))
    res = o.run("write", stdin={"operations": [
        {"op": "overwrite", "table": TABLE, "rows": [{"id": 7, "i": 7, "label": "only"}, {"id": twin, "i": 8, "label": "only"}]},
    ]})["results"]
    scan = o.run("scan", TABLE, "--columns", "id,label")
    equal("full overwrite", scan["rows"], [{"id": "7", "label": "only"}, {"id": str(twin), "label": "only"}])
    res = o.run("write", stdin={"operations": [{"op": "delete", "table": TABLE, "filter": f"id = {twin}"}]})["results"]
    equal("copy-on-write delete inside a file is an 'overwrite' snapshot", res[0]["operation"], "overwrite")
    scan = o.run("scan", TABLE, "--columns", "id,label")
    equal("rows after copy-on-write delete", scan["rows"], [{"id": "7", "label": "only"}])
    ins = o.run("inspect", TABLE)
    seqs = [s["sequence_number"] for s in ins["snapshots"]]
    check("sequence numbers strictly increase", seqs == sorted(seqs) and len(set(seqs)) == len(seqs), seqs)
    parents_ok = all(s["parent_id"] == prev["snapshot_id"] for prev, s in zip(ins["snapshots"], ins["snapshots"][1:]))
    check("each snapshot's parent is the previous one", parents_ok,
          [(s["snapshot_id"], s["parent_id"]) for s in ins["snapshots"]])
    equal("one live file after full overwrite", [f["record_count"] for f in ins["files"]], [1])
    # Whole-file deletes are 'delete' snapshots; an overwrite is a delete + an append.
    equal("operations recorded", [s["operation"] for s in ins["snapshots"]],
          ["append", "append", "delete", "delete", "append", "delete", "append", "overwrite"])

    # --- register the same metadata under another name (how PyIceberg opens others' tables)
    res = o.run("write", stdin={"operations": [
        {"op": "register_table", "table": f"{NS}.registered", "metadata_location": ins["metadata_location"]},
    ]})["results"]
    equal("register_table points at the given metadata", res[0]["metadata_location"], ins["metadata_location"])
    reg = o.run("scan", f"{NS}.registered", "--columns", "id,label")
    equal("registered table scans the same rows", reg["rows"], [{"id": "7", "label": "only"}])

    # --- list + catalog rows
    lst = o.run("list")
    nss = {n["namespace"]: n for n in lst["namespaces"]}
    check("list: namespace with its properties", nss.get(NS, {}).get("properties", {}).get("owner") == "selftest", lst)
    equal("list: tables", sorted(t["name"] for t in nss.get(NS, {}).get("tables", [])), ["all_types", "registered"])
    rows = o.run("catalog-rows")
    tables = {(r["table_namespace"], r["table_name"]): r for r in rows["iceberg_tables"]}
    t = tables.get((NS, "all_types"), {})
    equal("catalog-rows: iceberg_type and catalog name", (t.get("iceberg_type"), t.get("catalog_name")), ("TABLE", "medallion"))
    equal("catalog-rows: metadata_location is current", t.get("metadata_location"), ins["metadata_location"])
    check("catalog-rows: previous_metadata_location set", bool(t.get("previous_metadata_location")), t)
    check("catalog-rows: namespace 'exists' not required when properties given",
          any(r["namespace"] == NS and r["property_key"] == "owner" for r in rows["iceberg_namespace_properties"]), rows)

    # --- error contract
    err = o.run("scan", f"{NS}.missing", expect_rc=1)
    check("error: missing table -> exit 1, JSON on stderr, empty stdout",
          err["error"]["type"] == "NoSuchTableError" and err["stdout"] == "", err["error"])
    err = o.run("write", stdin={"operations": [{"op": "append", "table": TABLE, "rows": [{"id": "x"}]}]}, expect_rc=2)
    check("error: bad value -> exit 2 with the row and field", "row 0" in err["error"]["message"]
          and "'id'" in err["error"]["message"], err["error"])
    err = o.run("frobnicate", expect_rc=2)
    check("error: unknown command -> exit 2", err["error"]["type"] == "UsageError", err["error"])

    # --- clean up the catalog rows this run created
    o.run("write", stdin={"operations": [
        {"op": "drop_table", "table": f"{NS}.registered"},
        {"op": "drop_table", "table": TABLE, "purge": False},
        {"op": "drop_namespace", "namespace": NS},
    ]})
    lst = o.run("list")
    equal("drop: catalog empty again", [n["namespace"] for n in lst["namespaces"]], [])


if __name__ == "__main__":
    sys.exit(main())
