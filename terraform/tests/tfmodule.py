"""The Terraform root module as data: every .tf file parsed with python-hcl2 and merged,
plus the little evaluation the tests need (locals, for_each keys, bucket references).

python-hcl2 gives attribute values as Python literals when they are literals, and as
strings "${...}" when they are expressions; quoted templates keep their text
("s3://${aws_s3_bucket.this["gold"].bucket}/warehouse"). Nothing is evaluated against
AWS: references stay references, and the tests assert what they point at.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hcl2
from hcl2 import SerializationOptions

_OPTIONS = SerializationOptions(with_comments=False, strip_string_quotes=True)
_BLOCK_MARKER = "__is_block__"


def _clean(value: Any) -> Any:
    """Drops python-hcl2's block markers, so bodies compare as plain dicts and lists."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k != _BLOCK_MARKER}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def single_expression(value: Any) -> str | None:
    """The inner text of a value that is one expression ("${expr}"), else None.

    A template with literal text or several interpolations ("${a}-${b}") is not one.
    """
    if not isinstance(value, str) or not value.startswith("${") or not value.endswith("}"):
        return None
    depth, quote, i = 0, False, 0
    while i < len(value):
        ch = value[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == '"':
                quote = False
        elif ch == '"':
            quote = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0 and i != len(value) - 1:
                return None
        i += 1
    return value[2:-1].strip()


def squash(text: str) -> str:
    """An expression without whitespace, for comparisons that ignore formatting."""
    return re.sub(r"\s+", "", text)


def block(body: dict, name: str) -> dict:
    """The one nested block `name` of a body (fails when there is none or several)."""
    found = body.get(name)
    assert isinstance(found, list) and len(found) == 1 and isinstance(found[0], dict), (
        f"expected exactly one {name!r} block, found {found!r}"
    )
    return found[0]


def blocks(body: dict, name: str) -> list[dict]:
    found = body.get(name, [])
    assert isinstance(found, list), f"{name!r} is not a block: {found!r}"
    return found


@dataclass
class Module:
    files: list[Path]
    terraform: list[dict] = field(default_factory=list)
    providers: dict[str, list[dict]] = field(default_factory=dict)
    variables: dict[str, dict] = field(default_factory=dict)
    outputs: dict[str, dict] = field(default_factory=dict)
    locals: dict[str, Any] = field(default_factory=dict)
    resources: dict[str, dict[str, dict]] = field(default_factory=dict)
    data: dict[str, dict[str, dict]] = field(default_factory=dict)
    other: dict[str, list] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path) -> Module:
        files = sorted(directory.glob("*.tf"))
        assert files, f"no .tf files in {directory}"
        module = cls(files=files)
        for path in files:
            module._add(path, _clean(hcl2.loads(path.read_text(), serialization_options=_OPTIONS)))
        return module

    def copy(self) -> Module:
        return copy.deepcopy(self)

    def _add(self, path: Path, parsed: dict) -> None:
        for kind, entries in parsed.items():
            if kind == "terraform":
                self.terraform.extend(entries)
            elif kind == "provider":
                for entry in entries:
                    for name, body in entry.items():
                        self.providers.setdefault(name, []).append(body)
            elif kind in ("variable", "output"):
                target = self.variables if kind == "variable" else self.outputs
                for entry in entries:
                    for name, body in entry.items():
                        assert name not in target, f"{kind} {name!r} declared twice ({path.name})"
                        target[name] = body
            elif kind == "locals":
                for entry in entries:
                    for name, value in entry.items():
                        assert name not in self.locals, (
                            f"local {name!r} declared twice ({path.name})"
                        )
                        self.locals[name] = value
            elif kind in ("resource", "data"):
                target = self.resources if kind == "resource" else self.data
                for entry in entries:
                    for rtype, named in entry.items():
                        for name, body in named.items():
                            assert name not in target.get(rtype, {}), (
                                f"{kind} {rtype}.{name} declared twice ({path.name})"
                            )
                            target.setdefault(rtype, {})[name] = body
            else:
                self.other.setdefault(kind, []).extend(entries)

    # ------------------------------------------------------------------ evaluation --

    def resolve(self, value: Any) -> Any:
        """Follows `local.x.y` references until the value is something else."""
        for _ in range(20):
            inner = single_expression(value)
            match = inner and re.fullmatch(r"local\.(\w+)((?:\.\w+)*)", inner)
            if not match:
                return value
            name, path = match.group(1), match.group(2)
            assert name in self.locals, f"local.{name} is not declared"
            value = self.locals[name]
            for segment in filter(None, path.split(".")):
                assert isinstance(value, dict) and segment in value, (
                    f"local.{name}{path}: no {segment!r} in {value!r}"
                )
                value = value[segment]
        raise AssertionError(f"local references loop: {value!r}")

    def keys(self, for_each: Any) -> list[str]:
        """The instance keys of a for_each over a list/set of strings or another resource."""
        inner = single_expression(for_each)
        assert inner is not None, f"for_each {for_each!r} is not an expression"
        toset = re.fullmatch(r"toset\((.*)\)", inner, re.S)
        if toset:
            inner = toset.group(1).strip()
        ref = re.fullmatch(r"(aws_\w+)\.(\w+)", inner)
        if ref:
            rtype, name = ref.groups()
            assert name in self.resources.get(rtype, {}), f"{inner} is not declared"
            return [key for key in self.instances(rtype)[name]]
        value = self.resolve("${" + inner + "}")
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            assert len(set(value)) == len(value), f"duplicate keys in {value!r}"
            return list(value)
        raise AssertionError(f"cannot evaluate for_each {for_each!r}")

    def instances(self, rtype: str) -> dict[str, dict[str | None, dict]]:
        """Resource name -> instance key (None without for_each) -> body."""
        out: dict[str, dict[str | None, dict]] = {}
        for name, body in self.resources.get(rtype, {}).items():
            if "for_each" in body:
                out[name] = {key: body for key in self.keys(body["for_each"])}
            else:
                assert "count" not in body, f"{rtype}.{name}: count is not supported by these tests"
                out[name] = {None: body}
        return out

    def bucket_instances(self) -> set[tuple[str, str | None]]:
        """Every S3 bucket as (aws_s3_bucket resource name, instance key)."""
        return {
            (name, key) for name, keyed in self.instances("aws_s3_bucket").items() for key in keyed
        }

    def bucket_targets(self, body: dict) -> set[tuple[str, str | None]]:
        """The buckets a per-bucket resource (public access block, SSE...) applies to."""
        bucket = single_expression(body.get("bucket"))
        assert bucket is not None, f"bucket {body.get('bucket')!r} is not a reference"
        if "for_each" not in body:
            keyed = re.fullmatch(r'aws_s3_bucket\.(\w+)\["([^"]+)"\]\.(id|bucket)', bucket)
            if keyed:
                return {(keyed.group(1), keyed.group(2))}
            plain = re.fullmatch(r"aws_s3_bucket\.(\w+)\.(id|bucket)", bucket)
            assert plain, f"bucket {bucket!r} does not name an aws_s3_bucket"
            return {(plain.group(1), None)}
        over = re.fullmatch(r"aws_s3_bucket\.(\w+)", single_expression(body["for_each"]) or "")
        if over:
            assert bucket in ("each.value.id", "each.value.bucket"), (
                f"for_each over aws_s3_bucket.{over.group(1)} but bucket = {bucket!r}"
            )
            return {(over.group(1), key) for key in self.keys(body["for_each"])}
        indexed = re.fullmatch(r"aws_s3_bucket\.(\w+)\[each\.key\]\.(id|bucket)", bucket)
        assert indexed, f"bucket {bucket!r} is not aws_s3_bucket.<name>[each.key].id"
        return {(indexed.group(1), key) for key in self.keys(body["for_each"])}


# ------------------------------------------------------------ the backend's schema --


def declared_config_paths(config_dts: str) -> set[tuple[str, ...]]:
    """Every key path declared in a Backstage config.d.ts `export interface Config`.

    A small structural reader, not a TypeScript parser: it follows `name?:` / `name:`
    members into the object types (`{ ... }`, also after `X & {`) that they open.
    """
    text = re.sub(r"/\*.*?\*/", " ", config_dts, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`(?:\\.|[^`\\])*`", "''", text)
    start = text.index("export interface Config")
    text = text[text.index("{", start) :]

    paths: set[tuple[str, ...]] = set()
    stack: list[str | None] = []
    pending: str | None = None
    for match in re.finditer(r"([A-Za-z_$][\w$]*)\s*\??\s*:|[{};,]", text):
        token = match.group(0)
        if match.group(1):
            pending = match.group(1)
            paths.add(tuple(k for k in stack if k is not None) + (pending,))
        elif token == "{":
            stack.append(pending)
            pending = None
        elif token == "}":
            stack.pop()
            pending = None
            if not stack:
                break
        else:
            pending = None
    return paths


def flatten(value: Any, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """Leaf key paths of nested dicts."""
    if isinstance(value, dict):
        out: dict[tuple[str, ...], Any] = {}
        for key, child in value.items():
            out.update(flatten(child, prefix + (key,)))
        return out
    return {prefix: value}


def strings_in(value: Any) -> Iterable[str]:
    """Every string inside nested lists and dicts."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings_in(v)
