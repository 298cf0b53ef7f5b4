# shellcheck shell=bash
# What setup-env.sh and setup-k8s.sh share: one line per step, errors with a hint, temporary
# directories removed on exit, root checks, timing and background priority. Sourced after the
# script sets SETUP_NAME (its name in messages) and SETUP_SUDO_HINT (the command to suggest).

STARTED=$(date +%s.%N)
TMP_DIRS=()
cleanup() { [ ${#TMP_DIRS[@]} -eq 0 ] || rm -rf "${TMP_DIRS[@]}"; }
trap cleanup EXIT

step() { printf '%-40s %s\n' "$1" "$2"; }
die() {
  printf '%s: %s\n' "$SETUP_NAME" "$1" >&2
  [ -z "${2:-}" ] || printf 'hint: %s\n' "$2" >&2
  exit 1
}
# new_tmp_dir VAR: a directory removed on exit. It sets VAR rather than printing the path: a
# command substitution would run in a subshell and the parent would never learn to remove it.
new_tmp_dir() {
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/firedrill-$SETUP_NAME.XXXXXX")
  TMP_DIRS+=("$dir")
  printf -v "$1" '%s' "$dir"
}
require_root() {
  [ "$(id -u)" -eq 0 ] || die "$1 needs root" "run: $SETUP_SUDO_HINT"
}
elapsed_since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1fs", e - s }'; }
# Heavy work yields the CPU and the disk to everything else on the host, unless
# FIREDRILL_BUILD_PRIORITY=normal (CI sets it: there the build is the run's critical path, and a
# niced build on a busy host took 86 min instead of an estimated 12).
background_priority() {
  if [ "${FIREDRILL_BUILD_PRIORITY:-background}" = normal ]; then "$@"; return; fi
  if command -v ionice >/dev/null; then nice -n 19 ionice -c3 "$@"; else nice -n 19 "$@"; fi
}
docker_answers() { command -v docker >/dev/null && timeout 10 docker info >/dev/null 2>&1; }
# find_go WHAT: the go command, or a stop naming what needed it.
find_go() {
  if command -v go >/dev/null; then command -v go; return; fi
  [ -x /usr/local/go/bin/go ] && { echo /usr/local/go/bin/go; return; }
  die "Go is needed to build $1 but was not found" "install Go >= 1.24 from https://go.dev/dl into /usr/local/go"
}
