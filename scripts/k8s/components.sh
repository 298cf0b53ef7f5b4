# shellcheck shell=bash
# The control plane, the node and their health checks (sourced by setup-k8s.sh).

# Pipes end in `grep >/dev/null`, not `grep -q`: -q stops reading at the first match, the writer
# may then die of SIGPIPE, and pipefail turns a match into a failure.
bin() { printf '%s/%s' "$BIN_DIR" "$1"; }
kubectl_admin() { "$(bin kubectl)" --kubeconfig "$KUBECONFIG_PATH" --request-timeout 10s "$@"; }
ctr_k8s() { ctr --address "$CONTAINERD_SOCK" --namespace k8s.io "$@"; }

etcd_healthy() { curl -fsS --max-time 3 "http://$ETCD_CLIENT/health" | grep '"health":"true"' >/dev/null; }
apiserver_healthy() {
  curl -fsS --max-time 3 --cacert "$PKI/ca.crt" -H "Authorization: Bearer $(admin_token)" \
    "https://$NODE_IP:$APISERVER_PORT/readyz" | grep -x ok >/dev/null
}
# /healthz of the secure ports is open to everyone (--authorization-always-allow-paths).
controller_manager_healthy() { curl -fsSk --max-time 3 https://127.0.0.1:10257/healthz | grep -x ok >/dev/null; }
scheduler_healthy() { curl -fsSk --max-time 3 https://127.0.0.1:10259/healthz | grep -x ok >/dev/null; }
containerd_healthy() { ctr --address "$CONTAINERD_SOCK" version; }
kubelet_healthy() { curl -fsS --max-time 3 http://127.0.0.1:10248/healthz | grep -x ok >/dev/null; }
kube_proxy_healthy() { curl -fsS --max-time 3 http://127.0.0.1:10256/healthz; }

start_etcd() {
  mkdir -p "$STATE/etcd"
  chmod 0700 "$STATE/etcd"
  start_daemon etcd etcd_healthy "$(command -v etcd)" \
    --name firedrill --data-dir "$STATE/etcd" \
    --listen-client-urls "http://$ETCD_CLIENT" --advertise-client-urls "http://$ETCD_CLIENT" \
    --listen-peer-urls "http://$ETCD_PEER" --initial-advertise-peer-urls "http://$ETCD_PEER" \
    --initial-cluster "firedrill=http://$ETCD_PEER"
}

start_apiserver() {
  start_daemon kube-apiserver apiserver_healthy "$(bin kube-apiserver)" \
    --etcd-servers "http://$ETCD_CLIENT" \
    --advertise-address "$NODE_IP" --secure-port "$APISERVER_PORT" \
    --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --client-ca-file "$PKI/ca.crt" --token-auth-file "$PKI/tokens.csv" \
    --authorization-mode Node,RBAC --allow-privileged=true \
    --service-cluster-ip-range "$SERVICE_CIDR" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --kubelet-client-certificate "$PKI/apiserver-kubelet-client.crt" \
    --kubelet-client-key "$PKI/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority "$PKI/ca.crt" \
    --kubelet-preferred-address-types InternalIP \
    --profiling=false
}

start_controller_manager() {
  start_daemon kube-controller-manager controller_manager_healthy "$(bin kube-controller-manager)" \
    --kubeconfig "$KUBECONFIG_PATH" --authentication-kubeconfig "$KUBECONFIG_PATH" \
    --authorization-kubeconfig "$KUBECONFIG_PATH" --bind-address 127.0.0.1 --leader-elect=false \
    --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
    --cluster-cidr "$CLUSTER_CIDR" --service-cluster-ip-range "$SERVICE_CIDR" \
    --use-service-account-credentials=false --profiling=false
}

start_scheduler() {
  start_daemon kube-scheduler scheduler_healthy "$(bin kube-scheduler)" \
    --kubeconfig "$KUBECONFIG_PATH" --authentication-kubeconfig "$KUBECONFIG_PATH" \
    --authorization-kubeconfig "$KUBECONFIG_PATH" --bind-address 127.0.0.1 --leader-elect=false \
    --profiling=false
}

start_containerd() {
  mkdir -p "$(dirname "$CONTAINERD_SOCK")"
  start_daemon containerd containerd_healthy "$(command -v containerd)" --config "$CONFIG/containerd.toml"
}

start_kubelet() {
  mkdir -p "$STATE/kubelet"
  start_daemon kubelet kubelet_healthy "$(bin kubelet)" \
    --config "$CONFIG/kubelet.yaml" --kubeconfig "$KUBECONFIG_PATH" \
    --root-dir "$STATE/kubelet" --cert-dir "$PKI" \
    --hostname-override "$NODE_NAME" --node-ip "$NODE_IP"
}

start_kube_proxy() {
  start_daemon kube-proxy kube_proxy_healthy "$(bin kube-proxy)" --config "$CONFIG/kube-proxy.yaml"
}

# Ready as reported by the kubelet now running: after a restart the node object still carries
# the last run's Ready until its grace period ends, so the heartbeat must postdate this kubelet.
node_ready() {
  local conditions status heartbeat since
  conditions=$(kubectl_admin get node "$NODE_NAME" -o \
    jsonpath='{.status.conditions[?(@.type=="Ready")].status} {.status.conditions[?(@.type=="Ready")].lastHeartbeatTime}' \
    2>/dev/null) || return 1
  read -r status heartbeat <<<"$conditions"
  [ "$status" = True ] || return 1
  since=$(stat -c %Y "$(pid_file kubelet)" 2>/dev/null) || return 1
  [ "$(date -d "$heartbeat" +%s 2>/dev/null || echo 0)" -ge "$since" ]
}

wait_node_ready() {
  local started
  if node_ready; then
    step "node $NODE_NAME" "skipped (Ready)"
    return
  fi
  started=$(date +%s.%N)
  wait_until "$WAIT_SECONDS" kubelet node_ready
  step "node $NODE_NAME" "done (Ready after $(elapsed_since "$started"))"
}

# The default ServiceAccount appears a moment after the namespace; pods wait for it.
wait_default_service_account() {
  wait_until "$WAIT_SECONDS" kube-controller-manager kubectl_admin get serviceaccount default -n default
}
