# shellcheck shell=bash
# Debian packages the cluster runs on (sourced by setup-k8s.sh).

APT_UPDATED=0
apt_install() {
  require_root "installing $*"
  if [ "$APT_UPDATED" -eq 0 ]; then
    apt-get update -qq </dev/null >/dev/null
    APT_UPDATED=1
  fi
  # No init system here: the packages' services must not start (etcd-server's would take the
  # default ports); policy-rc.d answering 101 tells invoke-rc.d so.
  local policy=/usr/sbin/policy-rc.d added=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 0755 "$policy" && added=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
    </dev/null >/dev/null || { [ "$added" -eq 0 ] || rm -f "$policy"; return 1; }
  [ "$added" -eq 0 ] || rm -f "$policy"
}

ensure_packages() {
  local missing=()
  command -v etcd >/dev/null || missing+=(etcd-server)
  command -v containerd >/dev/null && command -v containerd-shim-runc-v2 >/dev/null || missing+=(containerd)
  command -v runc >/dev/null || missing+=(runc)
  [ -x /usr/lib/cni/bridge ] && [ -x /usr/lib/cni/host-local ] && [ -x /usr/lib/cni/loopback ] &&
    [ -x /usr/lib/cni/portmap ] || missing+=(containernetworking-plugins)
  # kube-proxy clears stale UDP conntrack entries with it; the rest drive the node's network.
  command -v conntrack >/dev/null || missing+=(conntrack)
  command -v iptables >/dev/null || missing+=(iptables)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v jq >/dev/null || missing+=(jq)
  command -v openssl >/dev/null || missing+=(openssl)
  # The pause image is a static C binary.
  command -v gcc >/dev/null && [ -e "$(gcc -print-file-name=libc.a)" ] || missing+=(gcc libc6-dev)
  if [ ${#missing[@]} -eq 0 ]; then
    step "packages" "skipped (etcd $(etcd_version), containerd, runc, CNI plugins, conntrack are installed)"
    return
  fi
  apt_install "${missing[@]}"
  step "packages" "done (installed ${missing[*]})"
}

etcd_version() { etcd --version 2>/dev/null | awk '/etcd Version/ { print $3 }'; }
