#!/usr/bin/env bash
# scripts/test-terraform.sh — the Terraform tests (terraform/tests): the root module parsed
# with python-hcl2 and checked for policy (private, encrypted, versioned buckets; an
# enforced Athena workgroup; a least-privilege backend role) and for consistency with the
# backend's configuration keys, plus a `terraform fmt` check. Needs no terraform binary,
# no provider download and no AWS account.
#
# Usage: scripts/test-terraform.sh [pytest args...]
#   Creates the test venv on first use (terraform/requirements-test.txt) and builds the
#   formatter check terraform/tools/hclfmt (hclwrite, the formatter `terraform fmt` is
#   built on) once into $MEDALLION_CACHE/bin/, again whenever its sources change.
#   To fix formatting: "$MEDALLION_CACHE/bin/hclfmt-<digest>" -w terraform/*.tf
# Environment: MEDALLION_TERRAFORM_RESULTS (JUnit XML report path, optional),
#   MEDALLION_CACHE (default $HOME/.cache/medallion).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

CACHE="${MEDALLION_CACHE:-${HOME:-/root}/.cache/medallion}"
[[ "$CACHE" == /* ]] || CACHE="$PWD/$CACHE"
TOOL_DIR="terraform/tools/hclfmt"

if [[ -z "${MEDALLION_HCLFMT:-}" ]]; then
  command -v go >/dev/null || die "Go is not installed: the formatter check (terraform/tools/hclfmt) needs it (apt-get install golang, or Go from its official releases)."
  digest="$(cat "$TOOL_DIR/go.mod" "$TOOL_DIR/go.sum" "$TOOL_DIR/main.go" | sha256sum | cut -c1-12)"
  MEDALLION_HCLFMT="$CACHE/bin/hclfmt-$digest"
  if [[ ! -x "$MEDALLION_HCLFMT" ]]; then
    say "building the Terraform formatter check (terraform/tools/hclfmt; first time: under a minute)"
    mkdir -p "$CACHE/bin"
    tmp="$MEDALLION_HCLFMT.tmp.$$"
    (cd "$TOOL_DIR" && go build -trimpath -buildvcs=false -o "$tmp" .) \
      || { rm -f "$tmp"; die "building $TOOL_DIR failed (see above): a network problem reaching the Go module proxy, or a Go older than go.mod asks for"; }
    mv -f "$tmp" "$MEDALLION_HCLFMT"
    # Older builds of the tool are dead weight now.
    find "$CACHE/bin" -maxdepth 1 -name 'hclfmt-*' ! -name '*.tmp.*' ! -name "hclfmt-$digest" -delete
  fi
  export MEDALLION_HCLFMT
fi

if [[ -z "${MEDALLION_TERRAFORM_PYTHON:-}" ]]; then
  MEDALLION_TERRAFORM_PYTHON="$(bash scripts/python-env.sh terraform terraform/requirements-test.txt | tail -n 1)"
fi

args=()
[[ -n "${MEDALLION_TERRAFORM_RESULTS:-}" ]] && args+=("--junitxml=$MEDALLION_TERRAFORM_RESULTS")
cd terraform
exec "$MEDALLION_TERRAFORM_PYTHON" -m pytest "${args[@]}" "$@"
