#!/usr/bin/env bash
# scripts/chromium.sh — Debian's Chromium for the browser tests (playwright-core drives
# it; browsers cannot be downloaded here). `check` installs it with apt-get when missing
# (as root, or with sudo) and prints its path.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

find_chromium() {
  local p
  for p in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    [[ -n "$p" && -x "$p" ]] && { echo "$p"; return 0; }
  done
  return 1
}

case "${1:-check}" in
  check)
    if ! find_chromium >/dev/null; then
      say "installing Chromium from Debian's packages (apt-get install chromium)"
      SUDO=""
      [[ "$(id -u)" == 0 ]] || SUDO="sudo"
      export DEBIAN_FRONTEND=noninteractive
      $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null \
        || die "could not install Chromium: install Debian's package 'chromium' (or set CHROMIUM_PATH) and retry."
    fi
    find_chromium
    ;;
  *)
    echo "usage: scripts/chromium.sh check" >&2
    exit 2
    ;;
esac
