/**
 * The shell script the node agent runs to act on one container's processes, found from the host's
 * pid namespace by the container's runtime id in their cgroup. It is the one way to SIGKILL or
 * SIGSTOP a container's main process: inside the container that process is pid 1, and the kernel
 * drops SIGKILL and SIGSTOP sent to a pid namespace's init from within it (so `kubectl exec ...
 * kill -KILL 1` does nothing), whatever tools the image has.
 *
 * Arguments: $1 the container id, $2 the action, $3 how many 10ms rounds to wait for the effect.
 *   kill, term   signal the main process (NSpid 1); print its host pid once it is gone
 *   stop, cont   SIGSTOP / SIGCONT every process of the container; print their pids once in effect
 *   stopped      print "<stopped> <all>": how many of the container's processes are stopped
 * Exit 3: no process of that container on this node; 4: the effect did not come in time.
 */
export const AGENT_SCRIPT = `
set -u
cid=$1 action=$2 rounds=\${3:-500}
# One grep over every process's cgroup file: a fork per process is slow on a busy node.
pids=$(grep -l -F "$cid" /proc/[0-9]*/cgroup 2>/dev/null | sed 's|^/proc/\\([0-9]*\\)/cgroup$|\\1|' | tr '\\n' ' ')
[ -n "$pids" ] || { echo "no process of container $cid on this node" >&2; exit 3; }
state() { sed -n 's/^State:[[:space:]]*\\([A-Za-z]\\).*/\\1/p' "/proc/$1/status" 2>/dev/null; }
gone() { s=$(state "$1"); [ -z "$s" ] || [ "$s" = Z ] || [ "$s" = X ]; }
waitfor() { i=0; until "$@"; do i=$((i + 1)); [ "$i" -gt "$rounds" ] && return 1; sleep 0.01; done; }
main=''
for p in $pids; do
  [ "$(sed -n 's/^NSpid:.*[[:space:]]\\([0-9]*\\)$/\\1/p' "/proc/$p/status" 2>/dev/null)" = 1 ] && main=$p
done
case $action in
  kill|term)
    [ -n "$main" ] || { echo "container $cid has no main process (pid 1) left" >&2; exit 3; }
    if [ "$action" = kill ]; then kill -KILL "$main"; else kill -TERM "$main"; fi
    waitfor gone "$main" || { echo "pid $main is still alive after SIG$action" >&2; exit 4; }
    echo "$main" ;;
  stop|cont)
    sig=STOP; [ "$action" = cont ] && sig=CONT
    kill -"$sig" $pids 2>/dev/null || true
    for p in $pids; do
      if [ "$action" = stop ]; then ok() { [ "$(state "$p")" = T ] || gone "$p"; }
      else ok() { [ "$(state "$p")" != T ]; }; fi
      waitfor ok || { echo "pid $p did not take SIG$sig" >&2; exit 4; }
    done
    echo $pids ;;
  stopped)
    n=0 all=0
    for p in $pids; do all=$((all + 1)); [ "$(state "$p")" = T ] && n=$((n + 1)); done
    echo "$n $all" ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac
`;
