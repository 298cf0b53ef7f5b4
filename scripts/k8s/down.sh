# shellcheck shell=bash
# Stopping the cluster (sourced by setup-k8s.sh): the pods go first, through the kubelet, so their
# sandboxes, mounts and network are torn down the normal way; then each daemon by its pid file.

readonly TEARDOWN_SECONDS=${FIREDRILL_K8S_TEARDOWN_SECONDS:-90}

# With the controllers stopped nothing recreates them; the kubelet stops each pod, unmounts its
# volumes and frees its address before the pod object goes.
delete_pods() {
  if ! running_pid kube-apiserver >/dev/null || ! running_pid kubelet >/dev/null || ! node_ready; then
    step "delete pods" "skipped (no apiserver with a Ready node)"
    return
  fi
  local count started deadline
  count=$(kubectl_admin get pods -A -o name | wc -l)
  if [ "$count" -eq 0 ]; then
    step "delete pods" "skipped (none)"
    return
  fi
  started=$(date +%s.%N)
  kubectl_admin delete pods -A --all --grace-period=1 --wait=false >/dev/null
  deadline=$(($(date +%s) + TEARDOWN_SECONDS))
  while [ -n "$(kubectl_admin get pods -A -o name 2>/dev/null)" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { step "delete pods" "timed out after ${TEARDOWN_SECONDS}s (forcing below)"; return; }
    sleep 0.5
  done
  step "delete pods" "done ($count in $(elapsed_since "$started"))"
}

# Whatever the kubelet did not stop (it died, or timed out): kill the tasks while containerd runs,
# so their shims exit and no container process outlives the cluster.
kill_leftover_tasks() {
  if ! running_pid containerd >/dev/null; then
    step "leftover containers" "skipped (containerd not running)"
    return
  fi
  local tasks task
  tasks=$(ctr_k8s tasks ls -q 2>/dev/null || true)
  if [ -z "$tasks" ]; then
    step "leftover containers" "skipped (none)"
    return
  fi
  for task in $tasks; do
    ctr_k8s tasks kill -s SIGKILL "$task" >/dev/null 2>&1 || true
  done
  sleep 1
  for task in $tasks; do ctr_k8s tasks delete -f "$task" >/dev/null 2>&1 || true; done
  step "leftover containers" "done (killed $(wc -w <<<"$tasks") tasks)"
}

# Processes that belong to this cluster: started from $BIN_DIR, or naming its state directory or
# containerd socket (the shims) on their command line.
cluster_pids() {
  local dir pid exe args
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    [ "$pid" != $$ ] && [ "$pid" != "$BASHPID" ] || continue
    alive "$pid" || continue
    exe=$(readlink "$dir/exe" 2>/dev/null) || continue
    args=$(tr '\0' ' ' <"$dir/cmdline" 2>/dev/null) || continue
    case "$exe $args" in
      "$BIN_DIR"/* | *" $CONTAINERD_SOCK"* | *"--config $CONFIG/containerd.toml"* | *"--data-dir $STATE/etcd"*)
        printf '%s\n' "$pid" ;;
    esac
  done
}

stop_leftover_processes() {
  local pids
  pids=$(cluster_pids)
  if [ -z "$pids" ]; then
    step "leftover processes" "skipped (none)"
    return
  fi
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  sleep 2
  # shellcheck disable=SC2086
  kill -KILL $(cluster_pids) 2>/dev/null || true
  step "leftover processes" "done (stopped pids $(tr '\n' ' ' <<<"$pids"))"
}

# The kubelet's own chains (KUBE-FIREWALL drops outside packets to 127.0.0.0/8, and canaries)
# outlive it, and kube-proxy --cleanup leaves them: drop every jump into a KUBE-* chain, then
# the chains. This host runs no other Kubernetes, so every KUBE-* chain is the cluster's.
remove_kube_chains() {
  local tool table rule chain removed=0
  for tool in iptables ip6tables; do
    command -v "$tool" >/dev/null || continue
    for table in filter nat mangle; do
      while read -r rule; do
        # iptables -S quotes rules as a shell reads them (comments have spaces).
        eval "$tool -t $table -D ${rule#-A }" && removed=$((removed + 1))
      done < <("$tool" -t "$table" -S 2>/dev/null | grep -E '^-A [^ ]+ .*-j KUBE-' | grep -vE '^-A KUBE-')
      for chain in $("$tool" -t "$table" -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^KUBE-/ { print $2 }'); do
        "$tool" -t "$table" -F "$chain" && "$tool" -t "$table" -X "$chain" && removed=$((removed + 1))
      done
    done
  done
  printf '%s' "$removed"
}

# Mounts the kubelet or containerd left (volumes, rootfs) and the CNI bridge.
release_host_resources() {
  local mounts released=()
  mounts=$(awk -v s="$STATE/" 'index($2, s) == 1 { print $2 }' /proc/mounts | sort -r)
  if [ -n "$mounts" ]; then
    xargs -r -n1 umount -l <<<"$mounts" || true
    released+=("$(wc -l <<<"$mounts") mounts")
  fi
  if ip link show "$CNI_BRIDGE" >/dev/null 2>&1; then
    ip link delete "$CNI_BRIDGE" && released+=("bridge $CNI_BRIDGE")
  fi
  # kube-proxy's iptables chains outlive it.
  if [ -x "$(bin kube-proxy)" ] && iptables -t nat -S KUBE-SERVICES >/dev/null 2>&1; then
    "$(bin kube-proxy)" --cleanup >/dev/null 2>&1 || true
    released+=("kube-proxy rules")
  fi
  local direction
  for direction in -i -o; do
    while iptables -D FORWARD "$direction" "$CNI_BRIDGE" -m comment --comment "$FORWARD_COMMENT" -j ACCEPT 2>/dev/null; do
      released+=("FORWARD $direction $CNI_BRIDGE")
    done
  done
  local chains
  chains=$(remove_kube_chains)
  [ "$chains" -eq 0 ] || released+=("$chains kubelet iptables rules and chains")
  if [ ${#released[@]} -eq 0 ]; then
    step "host resources" "skipped (no mounts, bridge or rules left)"
  else
    step "host resources" "done (released ${released[*]})"
  fi
}

cluster_down() {
  require_root "stopping the cluster"
  detect_node_ip
  stop_daemon kube-controller-manager
  stop_daemon kube-scheduler
  delete_pods
  stop_daemon kube-proxy
  stop_daemon kubelet
  kill_leftover_tasks
  stop_daemon containerd
  stop_daemon kube-apiserver
  stop_daemon etcd
  stop_leftover_processes
  release_host_resources
  local left
  left=$(cluster_pids)
  [ -z "$left" ] || die "processes left behind: $(tr '\n' ' ' <<<"$left")" "ps -o pid,args -p ${left//$'\n'/,}"
}
