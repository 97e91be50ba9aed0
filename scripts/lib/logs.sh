# Shared by the service scripts (sourced). `show_log FILE [-f] [N]`: the last N lines
# (default 100) of a service's log, following it with -f. Uses the caller's say/die.
show_log() {
  local file="$1" follow=0 n=100 a
  shift
  for a in "$@"; do
    case "$a" in
      -f | --follow) follow=1 ;;
      [0-9]*) n="$a" ;;
      *) die "logs: unknown argument '$a' (usage: logs [-f] [N])" ;;
    esac
  done
  [[ -f "$file" ]] || die "logs: no log yet at $file"
  say "log: $file"
  if ((follow)); then exec tail -n "$n" -F "$file"; fi
  tail -n "$n" "$file"
}
