# shellcheck shell=bash
# The components' configuration files (sourced by setup-k8s.sh), all under $STATE/config.

readonly CONFIG=$STATE/config
readonly CNI_CONF_DIR=$CONFIG/cni

containerd_config() {
  cat <<TOML
# firedrill's own containerd: its root, state and socket are apart from Docker's.
version = 2
root = "$STATE/containerd"
state = "$RUN/containerd"
[grpc]
  address = "$CONTAINERD_SOCK"
[plugins."io.containerd.internal.v1.opt"]
  path = "$STATE/containerd-opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  # Without CAP_SYS_RESOURCE a negative oom_score_adj fails with EIO and every sandbox with it.
  restrict_oom_score_adj = true
  # Pod network namespaces under our state, so k8s:down finds whatever a crash left mounted.
  netns_mounts_under_state_dir = true
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$CNI_CONF_DIR"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
TOML
}

cni_config() {
  cat <<JSON
{
  "cniVersion": "0.4.0",
  "name": "firedrill",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$CNI_BRIDGE",
      "isGateway": true,
      "ipMasq": true,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$STATE/cni-ipam",
        "ranges": [[{ "subnet": "$POD_SUBNET" }]],
        "routes": [{ "dst": "0.0.0.0/0" }]
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
JSON
}

kubelet_config() {
  cat <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
# cgroup v1 host (1.35 refuses it by default), no systemd, swap tolerated.
failCgroupV1: false
cgroupDriver: cgroupfs
failSwapOn: false
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
# The apiserver reaches the kubelet at the node IP: exec, logs and port-forward pass through it.
address: 0.0.0.0
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
tlsCertFile: $PKI/kubelet.crt
tlsPrivateKeyFile: $PKI/kubelet.key
authentication:
  anonymous: { enabled: false }
  webhook: { enabled: true }
  x509: { clientCAFile: $PKI/ca.crt }
authorization:
  mode: Webhook
clusterDomain: cluster.local
$( [ -z "$CLUSTER_DNS" ] || printf 'clusterDNS: [%s]\n' "$CLUSTER_DNS")
resolvConf: /etc/resolv.conf
staticPodPath: ""
rotateCertificates: false
# The node's Ready condition is posted every 10 s, not only on change or every 5 min: after a
# restart k8s:up waits for a heartbeat from this kubelet, not the last run's Ready.
nodeStatusReportFrequency: 10s
YAML
}

kube_proxy_config() {
  cat <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection:
  kubeconfig: $KUBECONFIG_PATH
hostnameOverride: $NODE_NAME
clusterCIDR: $CLUSTER_CIDR
mode: iptables
metricsBindAddress: 127.0.0.1:10249
healthzBindAddress: 127.0.0.1:10256
# 0: leave the host's conntrack sysctls alone (a container may not write them).
conntrack:
  maxPerCore: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
YAML
}

# Writes $2's output to $1 when it differs; prints the file's name when written.
write_if_changed() {
  local file=$1 wanted
  wanted=$("$2")
  [ -f "$file" ] && [ "$(cat "$file")" = "$wanted" ] && return 0
  mkdir -p "$(dirname "$file")"
  printf '%s\n' "$wanted" >"$file"
  printf '%s ' "$(basename "$file")"
}

ensure_config_files() {
  local written
  written=$(
    write_if_changed "$CONFIG/containerd.toml" containerd_config
    write_if_changed "$CNI_CONF_DIR/10-firedrill.conflist" cni_config
    write_if_changed "$CONFIG/kubelet.yaml" kubelet_config
    write_if_changed "$CONFIG/kube-proxy.yaml" kube_proxy_config
  )
  if [ -z "$written" ]; then
    step "config files" "skipped ($CONFIG is current)"
  else
    step "config files" "done (wrote ${written% })"
  fi
}
