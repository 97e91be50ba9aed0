#!/usr/bin/env python3
"""PyIceberg interop oracle for Medallion's TypeScript Iceberg writer/reader.

Runs real PyIceberg against a SQL catalog (PyIceberg's SqlCatalog: the same
iceberg_tables / iceberg_namespace_properties tables as Iceberg's JDBC catalog) on
SQLite or PostgreSQL, so tests can check that what our TypeScript code writes reads
back identically in PyIceberg, and the other way round.

Contract (for the TypeScript tests that spawn it):
  * success: exactly one JSON document on stdout, exit code 0;
  * failure: one JSON line {"error": {...}} as the LAST line of stderr, exit 1
    (2 for a usage error); stdout is then empty;
  * PyIceberg's log warnings are not printed: they are returned in "warnings".

Usage (global options may come before or after the subcommand):
  oracle.py --uri URI [--warehouse file:///dir] [--catalog-name medallion] COMMAND ...
  scan NS.TABLE [--snapshot-id N] [--columns a,b] [--filter EXPR] [--order-by a,b:desc]
                [--no-sort] [--limit N]
  inspect NS.TABLE [--raw-metadata]
  write < spec.json           (see README.md for the spec)
  list [--namespace NS]
  catalog-rows                (the catalog's own SQL rows, as stored)

The value encoding (rows, partition values, bounds) is described in README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import json
import logging
import math
import os
import re
import struct
import sys
import traceback
import uuid
import warnings
from typing import Any

# ----------------------------------------------------------------------------- errors


class OracleError(Exception):
    """An error in the request (bad arguments, bad spec, bad value): exit code 2."""


class _JsonArgParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # noqa: D401 - argparse API
        raise OracleError(f"{self.prog}: {message}")


# Collect PyIceberg's log records and Python warnings instead of printing them, so
# stderr stays machine readable.
_WARNINGS: list[str] = []


class _ListHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            _WARNINGS.append(f"{record.levelname} {record.name}: {record.getMessage()}")
        except Exception:  # pragma: no cover - never fail on logging
            pass


def _setup_logging() -> None:
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    root.addHandler(_ListHandler())
    root.setLevel(logging.WARNING)

    def _showwarning(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        _WARNINGS.append(f"{category.__name__}: {message}")

    warnings.showwarning = _showwarning


# ----------------------------------------------------------------------------- lazy imports

# PyIceberg and pyarrow are imported after argument parsing, so `--help` and usage
# errors are fast and work without the venv.
pa: Any = None
T: Any = None  # pyiceberg.types


def _import_libs() -> None:
    global pa, T
    import pyarrow as _pa
    import pyiceberg.types as _T

    pa = _pa
    T = _T


# ----------------------------------------------------------------------------- encoding
#
# Normalized, lossless JSON encoding of Iceberg values (see README.md):
#   boolean -> true/false; int -> number; long -> "123" (string);
#   float/double -> number, or "NaN" / "Infinity" / "-Infinity";
#   decimal(P,S) -> "-12.30" (string with exactly S fraction digits);
#   date -> "2024-01-31"; time -> "13:45:00.000001";
#   timestamp -> "2024-01-31T13:45:00.000001"; timestamptz -> "...000001+00:00" (UTC);
#   timestamp_ns / timestamptz_ns -> same with 9 fraction digits;
#   string -> string; uuid -> "0b2c...-..." (lower case); fixed/binary -> lower-case hex;
#   struct -> {name: value} in field order; list -> [...]; map -> [[k, v], ...] in stored order.

EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
MICROS_PER_DAY = 86_400_000_000
NANOS_PER_DAY = 86_400_000_000_000


def _civil_from_days(days: int) -> tuple[int, int, int]:
    """Proleptic Gregorian (y, m, d) for days since 1970-01-01, for any year."""
    z = days + 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y, m, d)


def _days_from_civil(y: int, m: int, d: int) -> int:
    y -= 1 if m <= 2 else 0
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    mp = m - 3 if m > 2 else m + 9
    doy = (153 * mp + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def format_date(days: int) -> str:
    y, m, d = _civil_from_days(days)
    ys = f"{y:04d}" if 0 <= y <= 9999 else f"{y:+05d}"
    return f"{ys}-{m:02d}-{d:02d}"


def format_time_of_day(units: int, digits: int) -> str:
    per_sec = 10**digits
    secs, frac = divmod(units, per_sec)
    h, rem = divmod(secs, 3600)
    mi, s = divmod(rem, 60)
    return f"{h:02d}:{mi:02d}:{s:02d}.{frac:0{digits}d}"


def format_timestamp(units: int, digits: int, with_zone: bool) -> str:
    per_day = 86_400 * 10**digits
    days, rem = divmod(units, per_day)
    out = f"{format_date(days)}T{format_time_of_day(rem, digits)}"
    return out + "+00:00" if with_zone else out


_DATE_RE = re.compile(r"^([+-]?\d{4,})-(\d{2})-(\d{2})$")
_TIME_RE = re.compile(r"^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$")
_TS_RE = re.compile(
    r"^([+-]?\d{4,})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?"
    r"(Z|z|[+-]\d{2}(?::?\d{2})?)?$"
)


def parse_date(text: str) -> int:
    m = _DATE_RE.match(text)
    if not m:
        raise OracleError(f'expected a date "YYYY-MM-DD", got {text!r}')
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    _check_ymd(y, mo, d, text)
    return _days_from_civil(y, mo, d)


def _check_ymd(y: int, mo: int, d: int, text: str) -> None:
    if not (1 <= mo <= 12 and 1 <= d <= 31) or _civil_from_days(_days_from_civil(y, mo, d)) != (y, mo, d):
        raise OracleError(f"invalid date in {text!r}")


def _fraction(frac: str | None, digits: int, text: str) -> int:
    frac = frac or ""
    if len(frac) > digits:
        if frac[digits:].strip("0"):
            raise OracleError(f"{text!r} has more precision than the column (max {digits} fraction digits)")
        frac = frac[:digits]
    return int(frac.ljust(digits, "0") or "0")


def parse_time(text: str, digits: int = 6) -> int:
    m = _TIME_RE.match(text)
    if not m:
        raise OracleError(f'expected a time "HH:MM:SS[.ffffff]", got {text!r}')
    h, mi, s = int(m[1]), int(m[2]), int(m[3])
    if h > 23 or mi > 59 or s > 59:
        raise OracleError(f"time out of range: {text!r}")
    return ((h * 60 + mi) * 60 + s) * 10**digits + _fraction(m[4], digits, text)


def parse_timestamp(text: str, digits: int, with_zone: bool) -> int:
    m = _TS_RE.match(text)
    if not m:
        raise OracleError(f"expected an ISO-8601 timestamp, got {text!r}")
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    _check_ymd(y, mo, d, text)
    h, mi, s = int(m[4]), int(m[5]), int(m[6] or 0)
    if h > 23 or mi > 59 or s > 59:
        raise OracleError(f"time of day out of range in {text!r}")
    zone = m[8]
    if with_zone and zone is None:
        raise OracleError(f'timestamptz needs a UTC offset (e.g. "Z" or "+00:00"), got {text!r}')
    if not with_zone and zone is not None and zone not in ("Z", "z", "+00:00", "+0000", "+00"):
        raise OracleError(f"timestamp (without zone) must not carry a non-UTC offset, got {text!r}")
    offset_min = 0
    if zone and zone not in ("Z", "z"):
        sign = -1 if zone[0] == "-" else 1
        digits_only = zone[1:].replace(":", "")
        offset_min = sign * (int(digits_only[:2]) * 60 + int(digits_only[2:4] or 0))
    unit = 10**digits
    days = _days_from_civil(y, mo, d)
    value = (days * 86_400 + (h * 60 + mi) * 60 + s - offset_min * 60) * unit
    return value + _fraction(m[7], digits, text)


def _type_name(t: Any) -> str:
    return str(t)


def _is_ts(t: Any) -> bool:
    return isinstance(t, (T.TimestampType, T.TimestamptzType))


def _is_ts_ns(t: Any) -> bool:
    return isinstance(t, (getattr(T, "TimestampNanoType", ()), getattr(T, "TimestamptzNanoType", ())))


def _with_zone(t: Any) -> bool:
    return isinstance(t, (T.TimestamptzType, getattr(T, "TimestamptzNanoType", ())))


def _float_out(v: float) -> Any:
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def _decimal_out(v: Any, scale: int) -> str:
    if isinstance(v, int):  # unscaled
        v = decimal.Decimal(v).scaleb(-scale)
    with decimal.localcontext() as ctx:
        ctx.prec = 200
        q = v.quantize(decimal.Decimal(1).scaleb(-scale))
    if q != v:
        raise OracleError(f"decimal {v} does not fit scale {scale}")
    return format(q, "f")


def encode(value: Any, t: Any) -> Any:
    """Python value (from pyarrow or PyIceberg) of Iceberg type t -> normalized JSON value."""
    if value is None:
        return None
    if isinstance(t, T.BooleanType):
        return bool(value)
    if isinstance(t, T.IntegerType):
        return int(value)
    if isinstance(t, T.LongType):
        return str(int(value))
    if isinstance(t, (T.FloatType, T.DoubleType)):
        return _float_out(float(value))
    if isinstance(t, T.DecimalType):
        return _decimal_out(value, t.scale)
    if isinstance(t, T.DateType):
        if isinstance(value, dt.date):
            value = value.toordinal() - EPOCH_ORDINAL
        return format_date(int(value))
    if isinstance(t, T.TimeType):
        if isinstance(value, dt.time):
            value = ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond
        return format_time_of_day(int(value), 6)
    if _is_ts(t) or _is_ts_ns(t):
        digits = 9 if _is_ts_ns(t) else 6
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
            delta = value - dt.datetime(1970, 1, 1)
            value = (delta.days * 86_400 + delta.seconds) * 10**digits + delta.microseconds * 10 ** (digits - 6)
        return format_timestamp(int(value), digits, _with_zone(t))
    if isinstance(t, T.StringType):
        return str(value)
    if isinstance(t, T.UUIDType):
        if isinstance(value, uuid.UUID):
            return str(value)
        if isinstance(value, (bytes, bytearray)):
            return str(uuid.UUID(bytes=bytes(value)))
        return str(uuid.UUID(str(value)))
    if isinstance(t, (T.FixedType, T.BinaryType)):
        return bytes(value).hex()
    if isinstance(t, T.StructType):
        out = {}
        if isinstance(value, dict):
            for f in t.fields:
                out[f.name] = encode(value.get(f.name), f.field_type)
        else:  # a PyIceberg Record (positional)
            for pos, f in enumerate(t.fields):
                out[f.name] = encode(value[pos], f.field_type)
        return out
    if isinstance(t, T.ListType):
        return [encode(v, t.element_type) for v in value]
    if isinstance(t, T.MapType):
        items = value.items() if isinstance(value, dict) else value
        return [[encode(k, t.key_type), encode(v, t.value_type)] for k, v in items]
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    return str(value)


_INT_RE = re.compile(r"^[+-]?\d+$")
_DEC_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def _to_int(v: Any, what: str, lo: int, hi: int) -> int:
    if isinstance(v, bool):
        raise OracleError(f"expected {what}, got {v!r}")
    if isinstance(v, int):
        n = v
    elif isinstance(v, float) and v.is_integer():
        n = int(v)
    elif isinstance(v, str) and _INT_RE.match(v.strip()):
        n = int(v.strip())
    else:
        raise OracleError(f"expected {what}, got {v!r}")
    if not lo <= n <= hi:
        raise OracleError(f"{what} out of range: {n}")
    return n


def decode(value: Any, t: Any) -> Any:
    """Normalized JSON value -> Python value for the arrow *storage* type (see _storage_type).

    Temporal values become integers (days / µs / ns since epoch or midnight), uuid becomes
    16 bytes, binary/fixed come from hex, decimals become Decimal, maps lists of pairs.
    """
    if value is None:
        return None
    if isinstance(t, T.BooleanType):
        if isinstance(value, bool):
            return value
        raise OracleError(f"expected a boolean, got {value!r}")
    if isinstance(t, T.IntegerType):
        return _to_int(value, "an int", -(2**31), 2**31 - 1)
    if isinstance(t, T.LongType):
        return _to_int(value, "a long", -(2**63), 2**63 - 1)
    if isinstance(t, (T.FloatType, T.DoubleType)):
        if isinstance(value, bool):
            raise OracleError(f"expected a number, got {value!r}")
        if isinstance(value, (int, float)):
            return float(value)
        if isinstance(value, str):
            special = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "+Infinity": math.inf}
            if value in special:
                return special[value]
            try:
                return float(value)
            except ValueError:
                pass
        raise OracleError(f"expected a {t}, got {value!r}")
    if isinstance(t, T.DecimalType):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise OracleError(f"expected a decimal string, got {value!r}")
        text = repr(value) if isinstance(value, float) else str(value).strip()
        if not _DEC_RE.match(text):
            raise OracleError(f"expected a decimal, got {value!r}")
        d = decimal.Decimal(text)
        with decimal.localcontext() as ctx:
            ctx.prec = 200
            q = d.quantize(decimal.Decimal(1).scaleb(-t.scale))
        if q != d:
            raise OracleError(f"{value!r} has more than {t.scale} decimal places for {t}")
        if len(q.as_tuple().digits) > t.precision and q != 0:
            raise OracleError(f"{value!r} exceeds the precision of {t}")
        return q
    if isinstance(t, T.DateType):
        if isinstance(value, str):
            return parse_date(value)
        return _to_int(value, "a date (days since epoch)", -(2**31), 2**31 - 1)
    if isinstance(t, T.TimeType):
        if isinstance(value, str) and ":" in value:
            return parse_time(value)
        n = _to_int(value, "a time (µs since midnight)", 0, MICROS_PER_DAY - 1)
        return n
    if _is_ts(t) or _is_ts_ns(t):
        digits = 9 if _is_ts_ns(t) else 6
        if isinstance(value, str) and not _INT_RE.match(value.strip()):
            return parse_timestamp(value.strip(), digits, _with_zone(t))
        return _to_int(value, "a timestamp (units since epoch)", -(2**63), 2**63 - 1)
    if isinstance(t, T.StringType):
        if isinstance(value, str):
            return value
        raise OracleError(f"expected a string, got {value!r}")
    if isinstance(t, T.UUIDType):
        try:
            return uuid.UUID(str(value)).bytes
        except ValueError as e:
            raise OracleError(f"expected a UUID, got {value!r}") from e
    if isinstance(t, (T.FixedType, T.BinaryType)):
        if not isinstance(value, str):
            raise OracleError(f"expected a hex string for {t}, got {value!r}")
        try:
            b = bytes.fromhex(value)
        except ValueError as e:
            raise OracleError(f"expected a hex string for {t}, got {value!r}") from e
        if isinstance(t, T.FixedType) and len(b) != len(t):
            raise OracleError(f"expected {len(t)} bytes for {t}, got {len(b)}")
        return b
    if isinstance(t, T.StructType):
        if not isinstance(value, dict):
            raise OracleError(f"expected an object for {t}, got {value!r}")
        known = {f.name for f in t.fields}
        extra = set(value) - known
        if extra:
            raise OracleError(f"unknown struct field(s) {sorted(extra)} for {t}")
        return {f.name: _decode_field(value.get(f.name), f) for f in t.fields}
    if isinstance(t, T.ListType):
        if not isinstance(value, list):
            raise OracleError(f"expected an array for {t}, got {value!r}")
        return [_decode_child(v, t.element_type, t.element_required, "list element") for v in value]
    if isinstance(t, T.MapType):
        if isinstance(value, dict):
            pairs = list(value.items())
        elif isinstance(value, list) and all(isinstance(p, list) and len(p) == 2 for p in value):
            pairs = [(p[0], p[1]) for p in value]
        else:
            raise OracleError(f"expected [[key, value], ...] or an object for {t}, got {value!r}")
        return [
            (_decode_child(k, t.key_type, True, "map key"), _decode_child(v, t.value_type, t.value_required, "map value"))
            for k, v in pairs
        ]
    raise OracleError(f"unsupported type {t}")


def _decode_child(value: Any, t: Any, required: bool, what: str) -> Any:
    if value is None and required:
        raise OracleError(f"{what} of type {t} is required but got null")
    return decode(value, t)


def _decode_field(value: Any, f: Any) -> Any:
    if value is None and f.required:
        raise OracleError(f"field {f.name!r} ({f.field_type}) is required but got null")
    try:
        return decode(value, f.field_type)
    except OracleError as e:
        raise OracleError(f"field {f.name!r}: {e}") from None


# ----------------------------------------------------------------------------- arrow helpers


def _plain_type(t: Any) -> Any:
    """Arrow type with temporal types as integers and extension types as their storage."""
    if isinstance(t, pa.ExtensionType):
        return _plain_type(t.storage_type)
    if pa.types.is_timestamp(t) or pa.types.is_time64(t) or pa.types.is_date64(t):
        return pa.int64()
    if pa.types.is_date32(t) or pa.types.is_time32(t):
        return pa.int32()
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, _plain_type(f.type), f.nullable, f.metadata) for f in t])
    if pa.types.is_map(t):
        return pa.map_(
            pa.field(t.key_field.name, _plain_type(t.key_type), False, t.key_field.metadata),
            pa.field(t.item_field.name, _plain_type(t.item_type), t.item_field.nullable, t.item_field.metadata),
        )
    if pa.types.is_large_list(t):
        vf = t.value_field
        return pa.large_list(pa.field(vf.name, _plain_type(vf.type), vf.nullable, vf.metadata))
    if pa.types.is_list(t):
        vf = t.value_field
        return pa.list_(pa.field(vf.name, _plain_type(vf.type), vf.nullable, vf.metadata))
    if pa.types.is_fixed_size_list(t):
        vf = t.value_field
        return pa.list_(pa.field(vf.name, _plain_type(vf.type), vf.nullable, vf.metadata), t.list_size)
    return t


def _plain_schema(schema: Any) -> Any:
    return pa.schema(
        [pa.field(f.name, _plain_type(f.type), f.nullable, f.metadata) for f in schema], metadata=schema.metadata
    )


def _storage_type(t: Any) -> Any:
    """Arrow type used to build arrays from decoded Python values (uuid as fixed 16 bytes)."""
    if isinstance(t, pa.ExtensionType):
        return _storage_type(t.storage_type)
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, _storage_type(f.type), f.nullable, f.metadata) for f in t])
    if pa.types.is_map(t):
        return pa.map_(
            pa.field(t.key_field.name, _storage_type(t.key_type), False, t.key_field.metadata),
            pa.field(t.item_field.name, _storage_type(t.item_type), t.item_field.nullable, t.item_field.metadata),
        )
    if pa.types.is_large_list(t):
        vf = t.value_field
        return pa.large_list(pa.field(vf.name, _storage_type(vf.type), vf.nullable, vf.metadata))
    if pa.types.is_list(t):
        vf = t.value_field
        return pa.list_(pa.field(vf.name, _storage_type(vf.type), vf.nullable, vf.metadata))
    return t


def rows_to_arrow(rows: list[Any], schema: Any) -> Any:
    """JSON rows (normalized encoding, objects keyed by column name) -> pa.Table in the
    table's arrow schema (PyIceberg's schema_to_pyarrow: field ids, nullability)."""
    from pyiceberg.io.pyarrow import schema_to_pyarrow

    if not isinstance(rows, list):
        raise OracleError('"rows" must be an array of objects')
    target = schema_to_pyarrow(schema)
    names = {f.name for f in schema.fields}
    decoded = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            raise OracleError(f"row {i}: expected an object, got {row!r}")
        extra = set(row) - names
        if extra:
            raise OracleError(f"row {i}: unknown column(s) {sorted(extra)}; table columns: {[f.name for f in schema.fields]}")
        try:
            decoded.append({f.name: _decode_field(row.get(f.name), f) for f in schema.fields})
        except OracleError as e:
            raise OracleError(f"row {i}: {e}") from None
    storage = pa.schema([pa.field(f.name, _storage_type(f.type), f.nullable, f.metadata) for f in target], metadata=target.metadata)
    try:
        table = pa.Table.from_pylist(decoded, schema=storage)
        return table.cast(target)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError) as e:
        raise OracleError(f"cannot convert rows to arrow: {e}") from e


# ----------------------------------------------------------------------------- single values (bounds)


def decode_bound(t: Any, raw: bytes) -> Any:
    """Iceberg single-value binary serialization -> normalized JSON value.

    Accepts 4-byte bounds for long/timestamp (written before int->long promotion) and
    4-byte bounds for double (written before float->double promotion)."""
    if isinstance(t, T.BooleanType):
        return raw[0] != 0
    if isinstance(t, (T.IntegerType, T.DateType)):
        return encode(struct.unpack("<i", raw)[0], t)
    if isinstance(t, (T.LongType, T.TimeType)) or _is_ts(t) or _is_ts_ns(t):
        n = struct.unpack("<i", raw)[0] if len(raw) == 4 else struct.unpack("<q", raw)[0]
        return encode(n, t)
    if isinstance(t, T.FloatType):
        return _float_out(struct.unpack("<f", raw)[0])
    if isinstance(t, T.DoubleType):
        return _float_out(struct.unpack("<f", raw)[0] if len(raw) == 4 else struct.unpack("<d", raw)[0])
    if isinstance(t, T.StringType):
        return raw.decode("utf-8")
    if isinstance(t, T.UUIDType):
        return str(uuid.UUID(bytes=raw))
    if isinstance(t, (T.FixedType, T.BinaryType)):
        return raw.hex()
    if isinstance(t, T.DecimalType):
        return _decimal_out(int.from_bytes(raw, "big", signed=True), t.scale)
    return raw.hex()


# ----------------------------------------------------------------------------- catalog


def _json(model: Any) -> Any:
    """A PyIceberg pydantic model as the JSON PyIceberg writes into metadata files."""
    return json.loads(model.model_dump_json())


def _props(args: argparse.Namespace) -> dict[str, str]:
    props: dict[str, str] = {}
    for kv in args.prop or []:
        if "=" not in kv:
            raise OracleError(f"--prop expects key=value, got {kv!r}")
        k, v = kv.split("=", 1)
        props[k] = v
    return props


def load_catalog(args: argparse.Namespace) -> Any:
    from pyiceberg.catalog.sql import SqlCatalog

    if args.uri == "glue":
        # PyIceberg's GlueCatalog (boto3); endpoints and region come as --prop
        # (glue.endpoint, glue.region, s3.endpoint, s3.region, ...), credentials from the
        # environment like any AWS client.
        from pyiceberg.catalog.glue import GlueCatalog

        return GlueCatalog(args.catalog_name, **_props(args))
    if not args.uri:
        raise OracleError("--uri is required (e.g. sqlite:////abs/catalog.db or postgresql+psycopg2://user:pw@host:port/db)")
    uri = args.uri
    # SQLAlchemy 2.1 maps a bare postgresql:// to psycopg (v3), which is not installed:
    # use psycopg2 (what PyIceberg's sql-postgres extra brings) unless a driver is named.
    for bare in ("postgresql://", "postgres://"):
        if uri.startswith(bare):
            uri = "postgresql+psycopg2://" + uri[len(bare):]
    if uri.startswith("sqlite:///") and not uri.startswith("sqlite:///:memory:"):
        path = uri[len("sqlite:///"):]
        if path:
            parent = os.path.dirname(path) or "."
            if not os.path.isdir(parent):
                os.makedirs(parent, exist_ok=True)
    props: dict[str, str] = {"uri": uri}
    if args.warehouse:
        props["warehouse"] = args.warehouse
    props.update(_props(args))
    return SqlCatalog(args.catalog_name, **props)


def _split_ident(ident: str) -> tuple[str, ...]:
    parts = tuple(ident.split("."))
    if len(parts) < 2 or any(not p for p in parts):
        raise OracleError(f"table identifier must be <namespace>.<table>, got {ident!r}")
    return parts


def _ns_str(ns: Any) -> str:
    return ".".join(ns) if isinstance(ns, tuple) else str(ns)


# ----------------------------------------------------------------------------- scan


def _sort_key_value(v: Any) -> tuple:
    if v is None:
        return (0,)
    if isinstance(v, float) and math.isnan(v):
        return (2,)
    if isinstance(v, (dict, list, tuple)):
        return (1, json.dumps(v, sort_keys=True, default=str))
    if isinstance(v, uuid.UUID):
        return (1, v.bytes)
    return (1, v)


def cmd_scan(args: argparse.Namespace) -> dict:
    from pyiceberg.expressions import AlwaysTrue

    catalog = load_catalog(args)
    try:
        table = catalog.load_table(_split_ident(args.table))
        selected: tuple[str, ...] = ("*",)
        if args.columns:
            selected = tuple(c.strip() for c in args.columns.split(",") if c.strip())
        scan = table.scan(
            row_filter=args.filter if args.filter else AlwaysTrue(),
            selected_fields=selected,
            snapshot_id=args.snapshot_id,
        )
        projection = scan.projection()
        arrow = scan.to_arrow()
        plain = arrow.cast(_plain_schema(arrow.schema))
        fields = projection.fields
        if [f.name for f in fields] != plain.column_names:
            by_name = {f.name: f for f in fields}
            missing = [c for c in plain.column_names if c not in by_name]
            if missing:
                raise OracleError(f"scan returned columns {missing} that are not in the projected schema")
            fields = [by_name[c] for c in plain.column_names]
        raw_rows = plain.to_pylist()

        columns = [f.name for f in fields]
        if not args.no_sort:
            order: list[tuple[str, bool]] = []
            if args.order_by:
                for part in args.order_by.split(","):
                    part = part.strip()
                    if not part:
                        continue
                    name, _, direction = part.partition(":")
                    if name not in columns:
                        raise OracleError(f"--order-by column {name!r} is not in the result columns {columns}")
                    if direction not in ("", "asc", "desc"):
                        raise OracleError(f"--order-by direction must be asc or desc, got {direction!r}")
                    order.append((name, direction == "desc"))
            # Then every column, so the order is total and deterministic.
            order += [(c, False) for c in columns if c not in {n for n, _ in order}]
            for name, desc in reversed(order):
                raw_rows.sort(key=lambda r, n=name: _sort_key_value(r[n]), reverse=desc)
        if args.limit is not None:
            raw_rows = raw_rows[: args.limit]
        rows = [{f.name: encode(r[f.name], f.field_type) for f in fields} for r in raw_rows]
        snap = table.snapshot_by_id(args.snapshot_id) if args.snapshot_id else table.current_snapshot()
        if args.snapshot_id and snap is None:
            raise OracleError(f"snapshot {args.snapshot_id} not found")
        return {
            "table": args.table,
            "snapshot_id": snap.snapshot_id if snap else None,
            "schema": _json(projection),
            "columns": columns,
            "row_count": len(rows),
            "rows": rows,
        }
    finally:
        catalog.close()


# ----------------------------------------------------------------------------- inspect


def _field_type_by_id(table: Any) -> dict[int, tuple[str, Any]]:
    """Field id -> (column path, type), current schema first, then older schemas."""
    out: dict[int, tuple[str, Any]] = {}
    schemas = [table.schema()] + list(reversed(table.metadata.schemas))
    for schema in schemas:
        for fid, field in schema._lazy_id_to_field.items():
            if fid not in out:
                out[fid] = (schema.find_column_name(fid) or field.name, field.field_type)
    return out


def _pylist(tbl: Any) -> list[dict]:
    return tbl.to_pylist()


def _datafile_json(entry: Any, table: Any, spec: Any, types_by_id: dict) -> dict:
    df = entry.data_file
    part_type = spec.partition_type(table.schema())
    partition = {}
    for pos, pf in enumerate(part_type.fields):
        partition[pf.name] = encode(df.partition[pos], pf.field_type)
    ids = set()
    for m in (df.column_sizes, df.value_counts, df.null_value_counts, df.nan_value_counts, df.lower_bounds, df.upper_bounds):
        ids.update((m or {}).keys())
    metrics = {}
    for fid in sorted(ids):
        name, ftype = types_by_id.get(fid, (None, None))
        lower = (df.lower_bounds or {}).get(fid)
        upper = (df.upper_bounds or {}).get(fid)
        item = {
            "column": name,
            "type": _type_name(ftype) if ftype is not None else None,
            "column_size": (df.column_sizes or {}).get(fid),
            "value_count": (df.value_counts or {}).get(fid),
            "null_value_count": (df.null_value_counts or {}).get(fid),
            "nan_value_count": (df.nan_value_counts or {}).get(fid),
            "lower_bound": None,
            "upper_bound": None,
            "lower_bound_hex": lower.hex() if lower is not None else None,
            "upper_bound_hex": upper.hex() if upper is not None else None,
        }
        for key, raw in (("lower_bound", lower), ("upper_bound", upper)):
            if raw is not None and ftype is not None and ftype.is_primitive:
                try:
                    item[key] = decode_bound(ftype, raw)
                except Exception as e:  # keep the hex, report the problem
                    _WARNINGS.append(f"cannot decode {key} of field {fid} ({ftype}) in {df.file_path}: {e}")
        metrics[str(fid)] = item
    return {
        "status": entry.status.name,
        "snapshot_id": entry.snapshot_id,
        "sequence_number": entry.sequence_number,
        "file_sequence_number": entry.file_sequence_number,
        "content": df.content.name,
        "file_path": df.file_path,
        "file_format": str(df.file_format.value if hasattr(df.file_format, "value") else df.file_format),
        "spec_id": spec.spec_id,
        "partition": partition,
        "record_count": df.record_count,
        "file_size_in_bytes": df.file_size_in_bytes,
        "metrics": metrics,
        "split_offsets": list(df.split_offsets) if df.split_offsets is not None else None,
        "equality_ids": list(df.equality_ids) if df.equality_ids is not None else None,
        "sort_order_id": df.sort_order_id,
    }


def cmd_inspect(args: argparse.Namespace) -> dict:
    catalog = load_catalog(args)
    try:
        table = catalog.load_table(_split_ident(args.table))
        md = table.metadata
        current = table.current_snapshot()
        snapshots = []
        # table.inspect.snapshots(): committed_at, snapshot_id, parent_id, operation, summary;
        # sequence number and schema id come from the metadata's snapshot objects.
        by_id = {s.snapshot_id: s for s in md.snapshots}
        for row in _pylist(table.inspect.snapshots()):
            s = by_id[row["snapshot_id"]]
            summary = dict(row["summary"] or [])
            snapshots.append(
                {
                    "snapshot_id": row["snapshot_id"],
                    "parent_id": row["parent_id"],
                    "sequence_number": s.sequence_number,
                    "timestamp_ms": s.timestamp_ms,
                    "committed_at": format_timestamp(s.timestamp_ms * 1000, 6, True),
                    "operation": row["operation"],
                    "summary": summary,
                    "manifest_list": row["manifest_list"],
                    "schema_id": s.schema_id,
                }
            )

        manifests = []
        files = []
        if current is not None:
            for row in _pylist(table.inspect.manifests()):
                manifests.append(
                    {
                        "path": row["path"],
                        "length": row["length"],
                        "content": "DATA" if row["content"] == 0 else "DELETES",
                        "partition_spec_id": row["partition_spec_id"],
                        "added_snapshot_id": row["added_snapshot_id"],
                        "added_data_files_count": row["added_data_files_count"],
                        "existing_data_files_count": row["existing_data_files_count"],
                        "deleted_data_files_count": row["deleted_data_files_count"],
                        "added_delete_files_count": row["added_delete_files_count"],
                        "existing_delete_files_count": row["existing_delete_files_count"],
                        "deleted_delete_files_count": row["deleted_delete_files_count"],
                        "partition_summaries": row["partition_summaries"],
                    }
                )
            # Live files of the current snapshot, read from its manifests with PyIceberg's
            # manifest reader. (inspect.files()/entries() decode bounds with the *current*
            # top-level field types only, which fails for promoted columns and skips nested
            # fields; here every field id is decoded, 4-byte bounds of promoted columns too.)
            types_by_id = _field_type_by_id(table)
            specs = md.specs()
            for manifest in current.manifests(table.io):
                spec = specs[manifest.partition_spec_id]
                for entry in manifest.fetch_manifest_entry(table.io, discard_deleted=True):
                    files.append(_datafile_json(entry, table, spec, types_by_id))
            files.sort(key=lambda f: f["file_path"])
            # Cross-check against the inspect API.
            try:
                api_paths = sorted(table.inspect.files().column("file_path").to_pylist())
                if api_paths != [f["file_path"] for f in files]:
                    _WARNINGS.append("table.inspect.files() lists different files than the manifests")
            except Exception as e:
                _WARNINGS.append(
                    f"table.inspect.files() failed ({type(e).__name__}: {e}); files were read from the manifests"
                )

        out = {
            "table": args.table,
            "metadata_location": table.metadata_location,
            "format_version": md.format_version,
            "table_uuid": str(md.table_uuid),
            "location": md.location,
            "last_updated_ms": md.last_updated_ms,
            "last_column_id": md.last_column_id,
            "last_sequence_number": getattr(md, "last_sequence_number", None),
            "current_snapshot_id": current.snapshot_id if current else None,
            "current_schema_id": md.current_schema_id,
            "schema": _json(table.schema()),
            "schemas": [_json(s) for s in md.schemas],
            "default_spec_id": md.default_spec_id,
            "partition_specs": [_json(s) for s in md.partition_specs],
            "last_partition_id": md.last_partition_id,
            "default_sort_order_id": md.default_sort_order_id,
            "sort_orders": [_json(s) for s in md.sort_orders],
            "properties": dict(md.properties),
            "refs": {k: _json(v) for k, v in md.refs.items()},
            "snapshots": snapshots,
            "snapshot_log": [_json(e) for e in md.snapshot_log],
            "metadata_log": [_json(e) for e in md.metadata_log],
            "manifests": manifests,
            "files": files,
        }
        if args.raw_metadata:
            with table.io.new_input(table.metadata_location).open() as f:
                data = f.read()
            if table.metadata_location.endswith(".gz.metadata.json"):
                import gzip

                data = gzip.decompress(data)
            out["raw_metadata"] = json.loads(data)
        return out
    finally:
        catalog.close()


# ----------------------------------------------------------------------------- list / catalog rows


def cmd_list(args: argparse.Namespace) -> dict:
    catalog = load_catalog(args)
    try:
        def walk(ns: tuple) -> list[tuple]:
            out = []
            for child in sorted(catalog.list_namespaces(ns)):
                out.append(child)
                out.extend(walk(child))
            return out

        root = tuple(args.namespace.split(".")) if args.namespace else ()
        namespaces = ([root] if root else []) + walk(root)
        result_ns = []
        for ns in namespaces:
            tables = []
            for ident in sorted(catalog.list_tables(ns)):
                entry: dict[str, Any] = {"name": ident[-1], "identifier": ".".join(ident)}
                try:
                    entry["metadata_location"] = catalog.load_table(ident).metadata_location
                except Exception as e:
                    entry["error"] = f"{type(e).__name__}: {e}"
                tables.append(entry)
            result_ns.append(
                {"namespace": _ns_str(ns), "properties": catalog.load_namespace_properties(ns), "tables": tables}
            )
        return {"catalog": args.catalog_name, "namespaces": result_ns}
    finally:
        catalog.close()


def cmd_catalog_rows(args: argparse.Namespace) -> dict:
    from sqlalchemy import text

    catalog = load_catalog(args)
    try:
        out: dict[str, Any] = {"catalog": args.catalog_name, "schema_version": getattr(catalog, "_schema_version", None)}
        with catalog.engine.connect() as conn:
            for tbl, order in (
                ("iceberg_tables", "table_namespace, table_name"),
                ("iceberg_namespace_properties", "namespace, property_key"),
            ):
                res = conn.execute(text(f"SELECT * FROM {tbl} ORDER BY catalog_name, {order}"))
                out[tbl] = [dict(r._mapping) for r in res]
        return out
    finally:
        catalog.close()


# ----------------------------------------------------------------------------- write


def _parse_type(spec: Any) -> Any:
    from pyiceberg.types import NestedField

    try:
        return NestedField.model_validate({"id": 0, "name": "x", "type": spec, "required": False}).field_type
    except Exception as e:
        raise OracleError(f"invalid Iceberg type {spec!r}: {e}") from e


def _path(p: Any) -> Any:
    if isinstance(p, list):
        return tuple(p)
    if isinstance(p, str):
        return p
    raise OracleError(f"column path must be a string or an array of names, got {p!r}")


def _req(op: dict, key: str) -> Any:
    if key not in op:
        raise OracleError(f"operation {op.get('op')!r} needs {key!r}")
    return op[key]


def _snapshot_ids(table: Any) -> list[int]:
    return [s.snapshot_id for s in table.metadata.snapshots]


def _op_create_table(catalog: Any, op: dict) -> dict:
    from pyiceberg.exceptions import TableAlreadyExistsError
    from pyiceberg.partitioning import PartitionSpec
    from pyiceberg.schema import Schema
    from pyiceberg.table.sorting import SortOrder

    ident = _split_ident(_req(op, "table"))
    schema_json = _req(op, "schema")
    try:
        schema = Schema.model_validate(schema_json)
    except Exception as e:
        raise OracleError(f"invalid schema: {e}") from e
    kwargs: dict[str, Any] = {}
    spec_json = op.get("partition_spec")
    if spec_json is not None:
        if isinstance(spec_json, list):
            spec_json = {"spec-id": 0, "fields": spec_json}
        fields = []
        for i, f in enumerate(spec_json.get("fields", [])):
            f = dict(f)
            f.setdefault("field-id", 1000 + i)
            if "name" not in f:
                src = schema.find_field(f["source-id"]).name
                tr = str(f["transform"])
                f["name"] = src if tr == "identity" else f"{src}_{re.sub(r'[^A-Za-z0-9]+', '_', tr).strip('_')}"
            fields.append(f)
        try:
            kwargs["partition_spec"] = PartitionSpec.model_validate({**spec_json, "fields": fields})
        except Exception as e:
            raise OracleError(f"invalid partition spec: {e}") from e
    if op.get("sort_order") is not None:
        try:
            kwargs["sort_order"] = SortOrder.model_validate(op["sort_order"])
        except Exception as e:
            raise OracleError(f"invalid sort order: {e}") from e
    props = {str(k): str(v) for k, v in (op.get("properties") or {}).items()}
    if op.get("location"):
        kwargs["location"] = op["location"]
    try:
        table = catalog.create_table(ident, schema=schema, properties=props, **kwargs)
        created = True
    except TableAlreadyExistsError:
        if not op.get("if_not_exists"):
            raise
        table = catalog.load_table(ident)
        created = False
    result = {
        "created": created,
        "metadata_location": table.metadata_location,
        "schema": _json(table.schema()),
        "partition_spec": _json(table.spec()),
        "location": table.metadata.location,
    }
    if created and _json(table.schema())["fields"] != _json(schema)["fields"]:
        result["note"] = "PyIceberg reassigned field ids (create_table assigns fresh ids); see 'schema'"
    return result


def _op_update_schema(table: Any, op: dict) -> dict:
    changes = _req(op, "changes")
    with table.update_schema(allow_incompatible_changes=bool(op.get("allow_incompatible_changes"))) as upd:
        for ch in changes:
            action = ch.get("action")
            if action == "add_column":
                upd.add_column(
                    _path(_req(ch, "name")),
                    _parse_type(_req(ch, "type")),
                    doc=ch.get("doc"),
                    required=bool(ch.get("required", False)),
                )
            elif action == "rename_column":
                upd.rename_column(_path(_req(ch, "name")), _req(ch, "new_name"))
            elif action in ("update_column", "widen"):
                upd.update_column(
                    _path(_req(ch, "name")),
                    field_type=_parse_type(ch["type"]) if "type" in ch else None,
                    required=ch.get("required"),
                    doc=ch.get("doc"),
                )
            elif action == "make_optional":
                upd.make_column_optional(_path(_req(ch, "name")))
            elif action == "delete_column":
                upd.delete_column(_path(_req(ch, "name")))
            elif action == "move_first":
                upd.move_first(_path(_req(ch, "name")))
            elif action == "move_after":
                upd.move_after(_path(_req(ch, "name")), _path(_req(ch, "after")))
            elif action == "move_before":
                upd.move_before(_path(_req(ch, "name")), _path(_req(ch, "before")))
            else:
                raise OracleError(
                    f"unknown schema change action {action!r} (add_column, rename_column, update_column, "
                    "make_optional, delete_column, move_first, move_after, move_before)"
                )
    return {"schema": _json(table.schema()), "schema_id": table.schema().schema_id}


def _op_update_spec(table: Any, op: dict) -> dict:
    with table.update_spec() as upd:
        for ch in _req(op, "changes"):
            action = ch.get("action")
            if action == "add_field":
                upd.add_field(_req(ch, "source"), _req(ch, "transform"), ch.get("name"))
            elif action == "remove_field":
                upd.remove_field(_req(ch, "name"))
            elif action == "rename_field":
                upd.rename_field(_req(ch, "name"), _req(ch, "new_name"))
            else:
                raise OracleError(f"unknown spec change action {action!r} (add_field, remove_field, rename_field)")
    return {"partition_spec": _json(table.spec())}


def cmd_write(args: argparse.Namespace) -> dict:
    from pyiceberg.exceptions import NamespaceAlreadyExistsError, NoSuchNamespaceError, NoSuchTableError

    raw = sys.stdin.read() if args.spec in (None, "-") else open(args.spec, encoding="utf-8").read()
    try:
        spec = json.loads(raw)
    except json.JSONDecodeError as e:
        raise OracleError(f"write spec is not valid JSON: {e}") from e
    ops = spec.get("operations") if isinstance(spec, dict) else spec
    if not isinstance(ops, list):
        raise OracleError('write spec must be {"operations": [...]} or an array of operations')

    catalog = load_catalog(args)
    results = []
    try:
        for index, op in enumerate(ops):
            if not isinstance(op, dict) or "op" not in op:
                raise OracleError(f"operation {index}: expected an object with an 'op' key")
            kind = op["op"]
            res: dict[str, Any] = {"op": kind}
            try:
                if kind == "create_namespace":
                    ns = _req(op, "namespace")
                    res["namespace"] = ns
                    try:
                        catalog.create_namespace(ns, {str(k): str(v) for k, v in (op.get("properties") or {}).items()})
                        res["created"] = True
                    except NamespaceAlreadyExistsError:
                        if not op.get("if_not_exists"):
                            raise
                        res["created"] = False
                elif kind == "drop_namespace":
                    ns = _req(op, "namespace")
                    res["namespace"] = ns
                    try:
                        catalog.drop_namespace(ns)
                        res["dropped"] = True
                    except NoSuchNamespaceError:
                        if not op.get("if_exists"):
                            raise
                        res["dropped"] = False
                elif kind == "create_table":
                    res["table"] = op.get("table")
                    res.update(_op_create_table(catalog, op))
                elif kind == "register_table":
                    res["table"] = _req(op, "table")
                    t = catalog.register_table(_split_ident(op["table"]), _req(op, "metadata_location"))
                    res["metadata_location"] = t.metadata_location
                    res["current_snapshot_id"] = t.metadata.current_snapshot_id
                elif kind == "drop_table":
                    res["table"] = _req(op, "table")
                    try:
                        if op.get("purge"):
                            catalog.purge_table(_split_ident(op["table"]))
                        else:
                            catalog.drop_table(_split_ident(op["table"]))
                        res["dropped"] = True
                    except NoSuchTableError:
                        if not op.get("if_exists"):
                            raise
                        res["dropped"] = False
                else:
                    res["table"] = _req(op, "table")
                    table = catalog.load_table(_split_ident(op["table"]))
                    before = set(_snapshot_ids(table))
                    snap_props = {str(k): str(v) for k, v in (op.get("snapshot_properties") or {}).items()}
                    if kind == "append":
                        table.append(rows_to_arrow(_req(op, "rows"), table.schema()), snapshot_properties=snap_props)
                    elif kind == "overwrite":
                        df = rows_to_arrow(op.get("rows", []), table.schema())
                        if op.get("filter"):
                            table.overwrite(df, overwrite_filter=op["filter"], snapshot_properties=snap_props)
                        else:
                            table.overwrite(df, snapshot_properties=snap_props)
                    elif kind == "dynamic_partition_overwrite":
                        table.dynamic_partition_overwrite(rows_to_arrow(_req(op, "rows"), table.schema()), snapshot_properties=snap_props)
                    elif kind == "delete":
                        table.delete(delete_filter=_req(op, "filter"), snapshot_properties=snap_props)
                    elif kind == "upsert":
                        ur = table.upsert(rows_to_arrow(_req(op, "rows"), table.schema()), join_cols=op.get("join_cols"))
                        res["rows_updated"] = ur.rows_updated
                        res["rows_inserted"] = ur.rows_inserted
                    elif kind == "update_schema":
                        res.update(_op_update_schema(table, op))
                    elif kind == "update_spec":
                        res.update(_op_update_spec(table, op))
                    elif kind == "set_properties":
                        with table.transaction() as tx:
                            tx.set_properties({str(k): str(v) for k, v in _req(op, "properties").items()})
                    elif kind == "remove_properties":
                        with table.transaction() as tx:
                            tx.remove_properties(*_req(op, "keys"))
                    else:
                        raise OracleError(
                            f"unknown op {kind!r} (create_namespace, drop_namespace, create_table, register_table, "
                            "drop_table, append, overwrite, dynamic_partition_overwrite, delete, upsert, update_schema, "
                            "update_spec, set_properties, remove_properties)"
                        )
                    table = catalog.load_table(_split_ident(op["table"]))
                    res["snapshot_ids"] = [s for s in _snapshot_ids(table) if s not in before]
                    cur = table.current_snapshot()
                    res["current_snapshot_id"] = cur.snapshot_id if cur else None
                    res["sequence_number"] = cur.sequence_number if cur else None
                    res["operation"] = cur.summary.operation.value if cur and cur.summary else None
                    res["metadata_location"] = table.metadata_location
            except OracleError as e:
                raise OracleError(f"operation {index} ({kind}): {e}") from None
            except Exception as e:
                e.args = (f"operation {index} ({kind}): {e}",)
                raise
            results.append(res)
        return {"results": results}
    finally:
        catalog.close()


# ----------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    def add_globals(p: argparse.ArgumentParser, suppress: bool) -> None:
        d = (lambda v: argparse.SUPPRESS) if suppress else (lambda v: v)
        p.add_argument("--uri", default=d(os.environ.get("ORACLE_CATALOG_URI")), help="SQLAlchemy URI of the SQL catalog, or `glue` for PyIceberg's GlueCatalog")
        p.add_argument("--warehouse", default=d(os.environ.get("ORACLE_WAREHOUSE")), help="warehouse root, e.g. file:///abs/dir")
        p.add_argument("--catalog-name", default=d("medallion"), help="catalog_name in the catalog tables (default medallion)")
        p.add_argument("--prop", action="append", default=d(None), metavar="KEY=VALUE", help="extra catalog property")

    parser = _JsonArgParser(prog="oracle.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_globals(parser, False)
    sub = parser.add_subparsers(dest="command", parser_class=_JsonArgParser)

    p = sub.add_parser("scan", help="read rows with PyIceberg")
    add_globals(p, True)
    p.add_argument("table")
    p.add_argument("--snapshot-id", type=int)
    p.add_argument("--columns", help="comma-separated column names")
    p.add_argument("--filter", help="row filter, PyIceberg expression syntax, e.g. \"id > 5 and name = 'a'\"")
    p.add_argument("--order-by", help="comma-separated columns, each optionally :desc (remaining columns follow)")
    p.add_argument("--no-sort", action="store_true", help="keep PyIceberg's order (file order)")
    p.add_argument("--limit", type=int)
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser("inspect", help="table metadata facts")
    add_globals(p, True)
    p.add_argument("table")
    p.add_argument("--raw-metadata", action="store_true", help="also include the metadata JSON file as stored")
    p.set_defaults(func=cmd_inspect)

    p = sub.add_parser("write", help="run write operations from a JSON spec on stdin")
    add_globals(p, True)
    p.add_argument("--spec", help="read the spec from this file instead of stdin ('-' = stdin)")
    p.set_defaults(func=cmd_write)

    p = sub.add_parser("list", help="namespaces and tables")
    add_globals(p, True)
    p.add_argument("--namespace", help="only this namespace and its children")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("catalog-rows", help="the catalog's SQL rows as stored")
    add_globals(p, True)
    p.set_defaults(func=cmd_catalog_rows)
    return parser


def _json_default(o: Any) -> Any:
    if isinstance(o, (bytes, bytearray)):
        return bytes(o).hex()
    if isinstance(o, decimal.Decimal):
        return format(o, "f")
    if isinstance(o, (dt.datetime, dt.date, dt.time)):
        return o.isoformat()
    if isinstance(o, uuid.UUID):
        return str(o)
    return str(o)


def main(argv: list[str] | None = None) -> int:
    _setup_logging()
    command = None
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        command = args.command
        if not command:
            raise OracleError("missing command: scan, inspect, write, list or catalog-rows (see --help)")
        _import_libs()
        result = args.func(args)
        if _WARNINGS:
            result["warnings"] = list(_WARNINGS)
        sys.stdout.write(json.dumps(result, default=_json_default, allow_nan=False) + "\n")
        sys.stdout.flush()
        return 0
    except SystemExit as e:  # --help
        return int(e.code or 0)
    except OracleError as e:
        err = {"type": "UsageError", "message": str(e), "command": command}
        code = 2
    except Exception as e:
        err = {
            "type": type(e).__name__,
            "module": type(e).__module__,
            "message": str(e),
            "command": command,
            "traceback": traceback.format_exc(),
        }
        code = 1
    if _WARNINGS:
        err["warnings"] = list(_WARNINGS)
    sys.stderr.write(json.dumps({"error": err}, default=_json_default) + "\n")
    sys.stderr.flush()
    return code


if __name__ == "__main__":
    sys.exit(main())
