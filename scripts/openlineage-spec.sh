#!/usr/bin/env bash
# scripts/openlineage-spec.sh — the official OpenLineage JSON Schemas (core spec
# OpenLineage.json 2-0-2 and the facet schemas we emit), cached outside git, for the
# tests that validate every OpenLineage event the backend builds.
#
# Usage: scripts/openlineage-spec.sh
#   Fetches (once) the pinned files into $MEDALLION_CACHE/openlineage-spec/<tag>, checks
#   each file's SHA-256, writes a completion marker and prints the directory as the LAST
#   line on stdout (everything else goes to stderr), so callers can do:
#     export MEDALLION_OPENLINEAGE_SPEC_DIR="$(bash scripts/openlineage-spec.sh | tail -n 1)"
#   The directory holds OpenLineage.json and facets/<Name>.json. Idempotent; concurrent
#   calls wait for each other (flock); a directory whose files fail their checksum is
#   fetched again.
#
#   scripts/openlineage-spec.sh --help   this text
#
# Where the files come from, and why there: the OpenLineage project's own packages do
# not ship the spec files (checked: the Python wheels openlineage-python and
# openlineage-integration-common 1.54.0, openlineage-airflow 1.41.0, the Airflow
# provider 2.20.3, and the Java client io.openlineage:openlineage-java 1.54.0 hold no
# OpenLineage.json nor facet schema; the Java and Python clients generate code from the
# spec at build time). The Rust package datafusion-openlineage (Apache DataFusion
# contrib, Apache-2.0) ships them verbatim in tests/schemas/openlineage/, taken from
# OpenLineage release tag 1.50.0. It is fetched with cargo (`cargo info` downloads the
# package archive into cargo's cache; no dependency is fetched or built). Each file's
# bytes were checked, when pinning, to be the exact blobs of spec/OpenLineage.json and
# spec/facets/*.json at OpenLineage tag 1.50.0 (the git blob ids are listed below),
# and the SHA-256 pins below keep it that way.
#
# Needs: bash, cargo (Rust toolchain; any version with `cargo info`, i.e. >= 1.82), tar,
# sha256sum, network access to Rust's package registry for the first fetch.
#
# Environment (all optional):
#   MEDALLION_CACHE            cache root outside git, default $HOME/.cache/medallion
#   OPENLINEAGE_SPEC_DIR_ROOT  default $MEDALLION_CACHE/openlineage-spec
#   OPENLINEAGE_SPEC_CARGO_HOME  cargo home used for the download, default
#                              $OPENLINEAGE_SPEC_DIR_ROOT/cargo-home (kept apart from
#                              ~/.cargo, so the caller's cargo state is untouched)
#   OPENLINEAGE_SPEC_LOCK_TIMEOUT  seconds to wait for a concurrent fetch, default 300
#   CARGO                      cargo command, default `cargo` (else ~/.cargo/bin/cargo)
set -euo pipefail

say() { printf '[openlineage-spec] %s\n' "$*" >&2; }
die() { printf '[openlineage-spec] ERROR: %s\n' "$*" >&2; exit 1; }
abspath() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }

usage() {
  sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
}

case "${1:-}" in
  -h | --help | help) usage; exit 0 ;;
  "") ;;
  *) usage; die "unexpected argument '$1'" ;;
esac

# ---------------------------------------------------------------- pins ---------
OPENLINEAGE_TAG="1.50.0"             # OpenLineage release the files are taken from
CRATE_NAME="datafusion-openlineage"
CRATE_VERSION="0.0.12"
CRATE_SHA256="c3174cdfb83e6ada02b64b2684f696ca382886cae5ce98d12ec802bbb1392129"
CRATE_SCHEMA_DIR="$CRATE_NAME-$CRATE_VERSION/tests/schemas/openlineage"

# sha256  git-blob-id-upstream  path (relative to the schema dir; $id version in brackets)
PINS="
69f68bee00b9beac88a87059c0102410e7bb05f3f43c46d02a0409831eceb0d2 58167f71407add7734810cda9943b39b83c89aa2 OpenLineage.json
04d96b4985ca32470c7f9d73163da76678fb160bc8d80cbbc5abf312e9537466 311b5d62cffc546629a46e627118c498bb7e32d2 facets/ColumnLineageDatasetFacet.json
f18db2745c1cc96ae49a52a8cbc30dd45a88446e73b4cf96def9faa5166cbfeb 4be53c4df640ec1a47a8c393a801117919700658 facets/DatasourceDatasetFacet.json
b11b4ee8b0f99f6846264f87cad48390255c7ef142ce623216660c7097be0ea6 6894c590b4d35cfa6afbb314c9e469b0d3dc1704 facets/ErrorMessageRunFacet.json
39229ddd334bea16e35942e01cd59b7acb178d50688d4227894e01f39da8a669 245a02db6164b2bae2b7d7134c998aa46a15a3cf facets/InputStatisticsInputDatasetFacet.json
2083652917d6fd40bcd04ff5af4fdb4923d09fd8887c66dcadd4ab7019e13f3e 646d8046c65a1b1fa67707088f9d775dcec3e568 facets/JobTypeJobFacet.json
0a30120210b453b797685c4d25c6d1a944204acadfb3e038b4ff8d0736b227a0 bb392e53cf133ffdf92f10a29eb21cf1dc9220e4 facets/LifecycleStateChangeDatasetFacet.json
d89f01440d08e10bb6e4a95c437f736e70034058f97d4955a35e1cda70c9d37e cbefc92194d1cb53b96d75a87fd2ad79b4550868 facets/OutputStatisticsOutputDatasetFacet.json
8c35b1347582d71b880f35effc005fda0910e34a6a2bbbcb5f0e2ac3d717096c 901318a8efb10e59630e77afd0ead1cbc609e0b2 facets/ParentRunFacet.json
7cc28d9996802685f484dcd5d4be48517f5a23a4c9ab00837e9936b769f68e10 9b91283f333ef204c8c76549b3d7d7aef9ab4ca2 facets/ProcessingEngineRunFacet.json
674e44564cd48134f19ba202fbd48c09185d4d49e209bc5a5b11e63e9ac91a60 fddbd35a225b12a6f5bd33e0162aec4afb63e7e1 facets/SQLJobFacet.json
50236a779aa64baa0bad0055391838bd22fcb36ce667c41d60ada80915e899b6 30eb086ddffa271c6d6a5baa08c467fe41b228f6 facets/SchemaDatasetFacet.json
228a565040d359e72dff295373ea2b628684a395075c0bc55b93a2a08acfde34 f792a863f876d14bfc8f3bcd8c38c1a53c93079f facets/SymlinksDatasetFacet.json
"

# ---------------------------------------------------------------- paths --------
MEDALLION_CACHE="$(abspath "${MEDALLION_CACHE:-${HOME:-/root}/.cache/medallion}")"
ROOT="$(abspath "${OPENLINEAGE_SPEC_DIR_ROOT:-$MEDALLION_CACHE/openlineage-spec}")"
SPEC_CARGO_HOME="$(abspath "${OPENLINEAGE_SPEC_CARGO_HOME:-$ROOT/cargo-home}")"
LOCK_TIMEOUT="${OPENLINEAGE_SPEC_LOCK_TIMEOUT:-300}"
TARGET="$ROOT/$OPENLINEAGE_TAG"
MARKER="$TARGET/.medallion-complete"

pins() { sed -e '/^[[:space:]]*$/d' <<<"$PINS"; }

# All pinned files present with their checksums (in directory $1).
verify_dir() {
  local dir="$1" sha _blob path actual
  while read -r sha _blob path; do
    [[ -f "$dir/$path" ]] || { say "missing $dir/$path"; return 1; }
    actual="$(sha256sum "$dir/$path" | cut -d' ' -f1)"
    [[ "$actual" == "$sha" ]] || { say "checksum mismatch for $dir/$path (got $actual, pinned $sha)"; return 1; }
  done < <(pins)
}

ready() { [[ -f "$MARKER" ]] && verify_dir "$TARGET" 2>/dev/null; }

if ready; then
  say "using $TARGET (OpenLineage $OPENLINEAGE_TAG spec files)"
  printf '%s\n' "$TARGET"
  exit 0
fi

mkdir -p "$ROOT"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$ROOT/.lock"
  if ! flock -n 9; then
    say "another openlineage-spec.sh is fetching; waiting (up to ${LOCK_TIMEOUT}s)"
    flock -w "$LOCK_TIMEOUT" 9 || die "timed out waiting for $ROOT/.lock; if no fetch is running, delete the lock file and retry"
  fi
fi
if ready; then
  say "using $TARGET (OpenLineage $OPENLINEAGE_TAG spec files)"
  printf '%s\n' "$TARGET"
  exit 0
fi

# ---------------------------------------------------------------- fetch --------
CARGO="${CARGO:-cargo}"
if ! command -v "$CARGO" >/dev/null 2>&1 && [[ -x "${HOME:-/root}/.cargo/bin/cargo" ]]; then
  CARGO="${HOME:-/root}/.cargo/bin/cargo"   # rustup's default place, when not on PATH
fi
command -v "$CARGO" >/dev/null 2>&1 || die "cargo is not installed: install a Rust toolchain (e.g. rustup, or Debian's cargo package) and rerun"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum is missing (coreutils)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/openlineage-spec.XXXXXX")"
trap 'rm -rf -- "$WORK"' EXIT

find_crate() {
  compgen -G "$SPEC_CARGO_HOME/registry/cache/*/$CRATE_NAME-$CRATE_VERSION.crate" | head -n 1 || true
}

download_crate() {
  say "downloading $CRATE_NAME $CRATE_VERSION with cargo (cargo home $SPEC_CARGO_HOME)"
  mkdir -p "$SPEC_CARGO_HOME"
  # Run outside any cargo workspace; `cargo info` fetches the package archive into the
  # cache to read its manifest.
  if ! (cd "$WORK" && CARGO_HOME="$SPEC_CARGO_HOME" CARGO_TERM_COLOR=never \
      "$CARGO" info "$CRATE_NAME@$CRATE_VERSION" </dev/null >"$WORK/cargo-info.txt" 2>"$WORK/cargo-info.err"); then
    cat "$WORK/cargo-info.err" >&2
    die "cargo could not fetch $CRATE_NAME $CRATE_VERSION (see above): a network problem reaching Rust's package registry, or a cargo older than 1.82 without 'cargo info'"
  fi
  CRATE_FILE="$(find_crate)"
  [[ -n "$CRATE_FILE" ]] || die "cargo info ran but left no $CRATE_NAME-$CRATE_VERSION.crate under $SPEC_CARGO_HOME/registry/cache (has cargo changed how it caches packages?)"
}

crate_ok() { [[ "$(sha256sum "$CRATE_FILE" | cut -d' ' -f1)" == "$CRATE_SHA256" ]]; }

CRATE_FILE="$(find_crate)"
[[ -n "$CRATE_FILE" ]] || download_crate
if ! crate_ok; then
  say "$CRATE_FILE does not have the pinned SHA-256 $CRATE_SHA256; fetching it again"
  rm -f -- "$CRATE_FILE"
  download_crate
  crate_ok || die "$CRATE_FILE has SHA-256 $(sha256sum "$CRATE_FILE" | cut -d' ' -f1), pinned $CRATE_SHA256: the registry serves other bytes than were pinned; refusing them"
fi

tar -xzf "$CRATE_FILE" -C "$WORK" "$CRATE_SCHEMA_DIR" \
  || die "could not extract $CRATE_SCHEMA_DIR from $CRATE_FILE"
verify_dir "$WORK/$CRATE_SCHEMA_DIR" \
  || die "the schema files in $CRATE_FILE do not match the pinned checksums"

STAGE="$TARGET.tmp.$$"
rm -rf -- "$STAGE"
mkdir -p "$STAGE/facets"
while read -r _sha _blob path; do
  cp "$WORK/$CRATE_SCHEMA_DIR/$path" "$STAGE/$path"
done < <(pins)
{
  echo "OpenLineage JSON Schemas, byte-identical to spec/ at OpenLineage release tag $OPENLINEAGE_TAG."
  echo "Taken from the Rust package $CRATE_NAME $CRATE_VERSION (sha256 $CRATE_SHA256), $CRATE_SCHEMA_DIR."
  echo "Fetched $(date -u +%Y-%m-%dT%H:%M:%SZ) by scripts/openlineage-spec.sh."
  echo
  echo "sha256 upstream-git-blob-id path"
  pins
} >"$STAGE/PROVENANCE.txt"
verify_dir "$STAGE" || die "staged files failed their checksums"
date -u +%Y-%m-%dT%H:%M:%SZ >"$STAGE/.medallion-complete"
rm -rf -- "$TARGET"
mv "$STAGE" "$TARGET"
say "ready: $TARGET ($(pins | wc -l) schema files, OpenLineage $OPENLINEAGE_TAG)"
printf '%s\n' "$TARGET"
