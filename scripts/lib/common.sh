# Shared helpers for the repository's entry scripts (sourced, not executed).
# Installs what a fresh clone lacks, so `npm start` and `npm test` work on their own.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"

say() { printf '\033[1m[medallion]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[medallion] error:\033[0m %s\n' "$*" >&2; exit 1; }

require_node() {
  command -v node >/dev/null || die "Node.js is not installed: install Node 20, 22 or 24 and retry."
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  case "$major" in
    20|22|24) ;;
    *) say "warning: Node $major is untested; Medallion supports Node 20, 22 and 24." ;;
  esac
}

# npm ci when node_modules is missing or older than the lockfile.
ensure_node_modules() {
  require_node
  local stamp="$REPO_ROOT/node_modules/.medallion-installed"
  if [[ ! -f "$stamp" || "$REPO_ROOT/package-lock.json" -nt "$stamp" ]]; then
    say "installing npm packages (npm ci; the first time takes a few minutes)"
    (cd "$REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error) \
      || die "npm ci failed: see the output above (a network problem reaching the npm registry, or an out-of-date lockfile)."
    touch "$stamp"
  fi
}
