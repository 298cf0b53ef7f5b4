#!/usr/bin/env bash
# A one-node Kubernetes cluster on this host, for firedrill's kubernetes drills and their tests,
# without a container registry: the pinned Kubernetes binaries are built from the Go module,
# the rest comes from Debian, and images are loaded from the local Docker engine.
#
#   setup-k8s.sh up        build what is missing, start every component, wait for a Ready node
#   setup-k8s.sh down      stop everything `up` started (by pid file) and leave no process behind
#   setup-k8s.sh binaries  only build (or check) the Kubernetes binaries
#   setup-k8s.sh images    only load the pause and project images into the cluster's containerd
#   setup-k8s.sh status    print which components run
#   setup-k8s.sh leftovers [SELECTOR]  fail if a namespace or object labelled firedrill.run
#                          (or SELECTOR) is left, after waiting for terminating namespaces
#
# Idempotent: each step checks first and prints one line, "done" or "skipped (why)". Run as root.
#
# Environment:
#   FIREDRILL_K8S_BIN_DIR   where the built binaries go (default /usr/local/lib/firedrill/k8s/bin)
#   FIREDRILL_K8S_DIR       the cluster's state: certificates, etcd data, containerd root, logs,
#                           pid files and the kubeconfig (default /var/lib/firedrill-k8s)
#   FIREDRILL_K8S_WAIT_SECONDS  bound for each wait (apiserver healthy, node Ready; default 180)
#   FIREDRILL_K8S_CLUSTER_DNS   an IP inside the service range: kubelet hands it to pods as their
#                           nameserver (for a DNS server deployed later); default none
#   FIREDRILL_BUILD_PRIORITY   `normal` builds at normal priority (CI); default niced (nice 19,
#                           idle I/O) so that a build yields to everything else on the host
# The kubeconfig is $FIREDRILL_K8S_DIR/kubeconfig (admin, context "firedrill").
set -euo pipefail

readonly K8S_VERSION=1.34.4
readonly PAUSE_VERSION=3.10.1
readonly PAUSE_IMAGE=registry.k8s.io/pause:${PAUSE_VERSION}
readonly TOXIPROXY_IMAGE=ghcr.io/shopify/toxiproxy:2.12.0
readonly BIN_DIR=${FIREDRILL_K8S_BIN_DIR:-/usr/local/lib/firedrill/k8s/bin}
readonly STATE=${FIREDRILL_K8S_DIR:-/var/lib/firedrill-k8s}
readonly WAIT_SECONDS=${FIREDRILL_K8S_WAIT_SECONDS:-180}
readonly CLUSTER_DNS=${FIREDRILL_K8S_CLUSTER_DNS:-}
readonly BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)
# Ports apart from the defaults of an etcd a drill may run on the host.
readonly ETCD_CLIENT=127.0.0.1:12379
readonly ETCD_PEER=127.0.0.1:12380
readonly APISERVER_PORT=6443
readonly SERVICE_CIDR=10.96.0.0/16
readonly SERVICE_IP=10.96.0.1
readonly CLUSTER_CIDR=10.244.0.0/16
readonly POD_SUBNET=10.244.0.0/24
readonly CNI_BRIDGE=fdk8s0
# Marks the FORWARD rules that let pods reach each other (ensure_host_network), so down finds them.
readonly FORWARD_COMMENT="firedrill-k8s: pod traffic on $CNI_BRIDGE"
readonly NODE_NAME=firedrill-node
readonly KUBECONFIG_PATH=$STATE/kubeconfig
readonly PKI=$STATE/pki
readonly RUN=$STATE/run
readonly LOGS=$STATE/logs
readonly CONTAINERD_SOCK=$RUN/containerd/containerd.sock
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
HERE=$(dirname "${BASH_SOURCE[0]}")
readonly HERE

readonly SETUP_NAME=setup-k8s
SETUP_SUDO_HINT="sudo bash scripts/setup-k8s.sh up"
# shellcheck source=lib/setup-common.sh
. "$ROOT/scripts/lib/setup-common.sh"

for part in packages binaries pki config processes components images down leftovers; do
  # shellcheck source=/dev/null
  . "$HERE/k8s/$part.sh"
done

# Packets between pods and Services cross the bridge and the host's routing.
ensure_host_network() {
  local changed=()
  if [ "$(cat /proc/sys/net/ipv4/ip_forward)" != 1 ]; then
    echo 1 >/proc/sys/net/ipv4/ip_forward && changed+=(ip_forward)
  fi
  local bridge_nf=/proc/sys/net/bridge/bridge-nf-call-iptables
  [ -e "$bridge_nf" ] || modprobe br_netfilter 2>/dev/null || true
  [ -e "$bridge_nf" ] || die "$bridge_nf is missing: pods could not reach Services on this node" \
    "load the br_netfilter kernel module on the host"
  if [ "$(cat "$bridge_nf")" != 1 ]; then
    echo 1 >"$bridge_nf" && changed+=(bridge-nf-call-iptables)
  fi
  # Docker sets the FORWARD policy to DROP, and kube-proxy accepts only packets it masqueraded
  # or that belong to a connection already made: one pod's new connection to another (directly
  # or through a Service) crosses FORWARD and would be dropped. Appended, after Docker's rules.
  local direction
  for direction in -i -o; do
    if ! iptables -C FORWARD "$direction" "$CNI_BRIDGE" -m comment --comment "$FORWARD_COMMENT" -j ACCEPT 2>/dev/null; then
      iptables -A FORWARD "$direction" "$CNI_BRIDGE" -m comment --comment "$FORWARD_COMMENT" -j ACCEPT &&
        changed+=("FORWARD $direction $CNI_BRIDGE")
    fi
  done
  if [ ${#changed[@]} -eq 0 ]; then
    step "host network" "skipped (ip_forward, bridge-nf-call-iptables and pod forwarding are on, node IP $NODE_IP)"
  else
    step "host network" "done (turned on ${changed[*]}, node IP $NODE_IP)"
  fi
}


cluster_up() {
  ensure_packages
  ensure_binaries
  detect_node_ip
  ensure_host_network
  ensure_pki
  ensure_kubeconfig
  ensure_config_files
  start_etcd
  start_apiserver
  start_controller_manager
  start_scheduler
  start_containerd
  docker_answers || die "the Docker engine does not answer: the images load from it" \
    "run: sudo bash scripts/setup-env.sh"
  ensure_images
  start_kubelet
  start_kube_proxy
  wait_node_ready
  wait_default_service_account
  step "kubeconfig path" "$KUBECONFIG_PATH (export KUBECONFIG=$KUBECONFIG_PATH)"
}

cluster_status() {
  local name pid
  for name in etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet kube-proxy; do
    if pid=$(running_pid "$name"); then step "$name" "running (pid $pid)"; else step "$name" "stopped"; fi
  done
}

main() {
  COMMAND=${1:-up}
  SETUP_SUDO_HINT="sudo bash scripts/setup-k8s.sh $COMMAND"
  case "$COMMAND" in
    up) cluster_up ;;
    down) cluster_down ;;
    binaries) ensure_binaries ;;
    images) detect_node_ip && ensure_images ;;
    status) cluster_status ;;
    leftovers) check_leftovers "${2:-}" ;;
    *) die "unknown command '$COMMAND'" "use one of: up, down, binaries, images, status, leftovers" ;;
  esac
  step "total" "$(elapsed_since "$STARTED")"
}

# `exit` on the same line: bash reads a script as it runs, and must not read on after main
# if the file was edited meanwhile.
main "$@"; exit
