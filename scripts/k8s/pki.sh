# shellcheck shell=bash
# The cluster's credentials (sourced by setup-k8s.sh): one CA signs the apiserver's and the
# kubelet's serving certificates and the apiserver's client certificate for the kubelet; one
# static token is the admin (system:masters) every component and the kubeconfig use.

NODE_IP=
# The address other hosts and pods reach this one by: the source of the default route, else the
# first global IPv4 address. The apiserver must advertise it (its Service refuses 127.0.0.1).
detect_node_ip() {
  NODE_IP=$(ip -4 route get 1.1.1.1 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == "src") { print $(i + 1); exit } }')
  [ -n "$NODE_IP" ] || NODE_IP=$(ip -4 -o addr show scope global | awk '{ sub(/\/.*/, "", $4); print $4; exit }')
  [ -n "$NODE_IP" ] || die "this host has no non-loopback IPv4 address for the apiserver to advertise"
}

# Whether $1's certificate is valid for another day and names every one of the IPs $2...
cert_fits() {
  local cert=$1 ip sans
  shift
  [ -s "$cert" ] && openssl x509 -in "$cert" -noout -checkend 86400 >/dev/null 2>&1 || return 1
  sans=$(openssl x509 -in "$cert" -noout -ext subjectAltName 2>/dev/null) || return 1
  for ip in "$@"; do grep -q "IP Address:$ip\(,\|$\)" <<<"$sans" || return 1; done
}

# sign NAME SUBJECT EXTENSIONS: a key and a certificate signed by the cluster CA, valid one year.
sign() {
  local name=$1 subject=$2 extensions=$3
  openssl req -new -newkey rsa:2048 -nodes -keyout "$PKI/$name.key" -subj "$subject" \
    -out "$PKI/$name.csr" 2>/dev/null
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 365 -extfile <(printf '%s\n' "$extensions") -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.csr"
  chmod 0600 "$PKI/$name.key"
}

ensure_pki() {
  mkdir -p "$PKI"
  chmod 0700 "$PKI"
  local made=()
  if ! cert_fits "$PKI/ca.crt"; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=firedrill-k8s-ca" \
      -keyout "$PKI/ca.key" -out "$PKI/ca.crt" 2>/dev/null
    chmod 0600 "$PKI/ca.key"
    rm -f "$PKI/apiserver.crt" "$PKI/kubelet.crt" "$PKI/apiserver-kubelet-client.crt"
    made+=(CA)
  fi
  local server_ext="basicConstraints=CA:FALSE
keyUsage=digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth"
  if ! cert_fits "$PKI/apiserver.crt" "$NODE_IP" 127.0.0.1 "$SERVICE_IP"; then
    sign apiserver "/CN=kube-apiserver" "$server_ext
subjectAltName=IP:$NODE_IP,IP:127.0.0.1,IP:$SERVICE_IP,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
    made+=(apiserver)
  fi
  if ! cert_fits "$PKI/kubelet.crt" "$NODE_IP"; then
    sign kubelet "/CN=$NODE_NAME" "$server_ext
subjectAltName=IP:$NODE_IP,IP:127.0.0.1,DNS:$NODE_NAME,DNS:localhost"
    made+=(kubelet)
  fi
  if ! cert_fits "$PKI/apiserver-kubelet-client.crt"; then
    sign apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" \
      "basicConstraints=CA:FALSE
keyUsage=digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
    made+=(kubelet-client)
  fi
  # Service account tokens are signed with this key and checked with its public half.
  if [ ! -s "$PKI/sa.key" ]; then
    openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
    openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
    chmod 0600 "$PKI/sa.key"
    made+=(service-account-key)
  fi
  if [ ! -s "$PKI/tokens.csv" ]; then
    printf '%s,admin,admin,system:masters\n' "$(openssl rand -hex 24)" >"$PKI/tokens.csv"
    chmod 0600 "$PKI/tokens.csv"
    made+=(admin-token)
  fi
  if [ ${#made[@]} -eq 0 ]; then
    step "certificates and token" "skipped (valid for $NODE_IP, in $PKI)"
  else
    step "certificates and token" "done (made ${made[*]} in $PKI)"
  fi
}

admin_token() { cut -d, -f1 "$PKI/tokens.csv"; }

# The admin kubeconfig every component and user shares; rewritten when the address or token moved.
ensure_kubeconfig() {
  local wanted
  wanted=$(cat <<YAML
apiVersion: v1
kind: Config
clusters:
  - name: firedrill
    cluster:
      server: https://$NODE_IP:$APISERVER_PORT
      certificate-authority-data: $(base64 -w0 "$PKI/ca.crt")
users:
  - name: admin
    user:
      token: $(admin_token)
contexts:
  - name: firedrill
    context: { cluster: firedrill, user: admin }
current-context: firedrill
YAML
  )
  if [ -f "$KUBECONFIG_PATH" ] && [ "$(cat "$KUBECONFIG_PATH")" = "$wanted" ]; then
    step "kubeconfig" "skipped ($KUBECONFIG_PATH is current)"
    return
  fi
  (umask 077 && printf '%s\n' "$wanted" >"$KUBECONFIG_PATH")
  step "kubeconfig" "done (wrote $KUBECONFIG_PATH, server https://$NODE_IP:$APISERVER_PORT)"
}
