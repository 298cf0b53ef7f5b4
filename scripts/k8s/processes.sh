# shellcheck shell=bash
# Starting and stopping the cluster's daemons by pid file (sourced by setup-k8s.sh).

pid_file() { printf '%s/%s.pid' "$RUN" "$1"; }

# A zombie (exited, not yet reaped by its new parent) counts as gone.
alive() { [ -r "/proc/$1/stat" ] && [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

# The pid in NAME's pid file when that process still runs the binary it was started from.
running_pid() {
  local file pid exe
  file=$(pid_file "$1")
  [ -s "$file" ] || return 1
  pid=$(cat "$file")
  alive "$pid" || return 1
  exe=$(awk 'NR == 1 { print $1 }' "$(pid_file "$1").exe" 2>/dev/null) || return 1
  [ "$(readlink "/proc/$pid/exe")" = "$exe" ] || return 1
  printf '%s' "$pid"
}

# wait_until SECONDS WHAT COMMAND...: polls COMMAND every half second; dies with WHAT's log.
wait_until() {
  local seconds=$1 what=$2 deadline
  shift 2
  deadline=$(($(date +%s) + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      [ ! -f "$LOGS/$what.log" ] || tail -n 15 "$LOGS/$what.log" >&2
      die "$what was not healthy within ${seconds}s" "its log: $LOGS/$what.log"
    fi
    sleep 0.5
  done
}

# start_daemon NAME HEALTH-FUNCTION BINARY ARGS...: runs BINARY in its own session (it outlives
# this script and npm), logging to $LOGS/NAME.log, and waits for HEALTH-FUNCTION to succeed.
start_daemon() {
  local name=$1 health=$2 binary=$3 pid started
  shift 3
  if pid=$(running_pid "$name"); then
    wait_until "$WAIT_SECONDS" "$name" "$health"
    step "$name" "skipped (running, pid $pid)"
    return
  fi
  require_root "starting $name"
  mkdir -p "$RUN" "$LOGS"
  started=$(date +%s.%N)
  setsid "$binary" "$@" </dev/null >>"$LOGS/$name.log" 2>&1 &
  pid=$!
  printf '%s\n' "$pid" >"$(pid_file "$name")"
  readlink -f "$binary" >"$(pid_file "$name").exe"
  wait_until "$WAIT_SECONDS" "$name" "$health"
  step "$name" "done (started, pid $pid, healthy after $(elapsed_since "$started"))"
}

# Sends TERM, waits up to 20 s, then KILL; the pid file goes either way.
stop_daemon() {
  local name=$1 pid waited=0
  if ! pid=$(running_pid "$name"); then
    rm -f "$(pid_file "$name")" "$(pid_file "$name").exe"
    step "stop $name" "skipped (not running)"
    return
  fi
  kill -TERM "$pid" 2>/dev/null || true
  while alive "$pid" && [ "$waited" -lt 40 ]; do
    sleep 0.5
    waited=$((waited + 1))
  done
  local how="TERM"
  if alive "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
    how="KILL after 20s"
  fi
  rm -f "$(pid_file "$name")" "$(pid_file "$name").exe"
  step "stop $name" "done (pid $pid, $how)"
}
