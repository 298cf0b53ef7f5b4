# shellcheck shell=bash
# The pinned Kubernetes binaries, built from the k8s.io/kubernetes Go module (sourced by
# setup-k8s.sh). The module zip carries no staging/ tree, so its go.mod is rewritten to require
# the published k8s.io/* v0.x modules instead of the ./staging replaces.

# "v1.34.4" from "Kubernetes v1.34.4" (servers, kubelet) or kubectl's client version.
k8s_binary_version() {
  local bin=$1
  if [ "$(basename "$bin")" = kubectl ]; then
    "$bin" version --client -o json 2>/dev/null | jq -r '.clientVersion.gitVersion // empty' || true
  else
    "$bin" --version 2>/dev/null | awk '{ print $2 }' || true
  fi
}

# The binaries absent from $BIN_DIR or not at the pinned version.
stale_binaries() {
  local name
  for name in "${BINARIES[@]}"; do
    [ -x "$BIN_DIR/$name" ] && [ "$(k8s_binary_version "$BIN_DIR/$name")" = "v$K8S_VERSION" ] ||
      printf '%s\n' "$name"
  done
}

# Copies the module out of the (read-only) module cache and points its go.mod at published modules.
prepare_kubernetes_source() {
  local GO=$1 src=$2 module_dir minor replaced
  module_dir=$(GOFLAGS=-modcacherw "$GO" mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | jq -r .Dir)
  [ -d "$module_dir" ] || die "go mod download k8s.io/kubernetes@v$K8S_VERSION gave no directory"
  cp -r "$module_dir/." "$src"
  chmod -R u+w "$src"
  rm -f "$src/go.work" "$src/go.work.sum"
  minor=${K8S_VERSION#*.}
  replaced=$(cd "$src" && "$GO" mod edit -json |
    jq -r '.Replace[]? | select(.New.Path | startswith("./staging/")) | .Old.Path')
  [ -n "$replaced" ] || die "k8s.io/kubernetes@v$K8S_VERSION has no ./staging replaces to rewrite"
  local edits=() path
  for path in $replaced; do
    edits+=("-dropreplace=$path" "-require=$path@v0.$minor")
  done
  (cd "$src" && "$GO" mod edit "${edits[@]}")
}

# Version stamps as upstream's hack/lib/version.sh sets them, so `--version` tells the build.
kubernetes_ldflags() {
  local major=${K8S_VERSION%%.*} minor rest key value flags=(-s -w)
  rest=${K8S_VERSION#*.}
  minor=${rest%%.*}
  for pair in "gitVersion=v$K8S_VERSION" "gitMajor=$major" "gitMinor=$minor" \
    "gitTreeState=clean" "buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"; do
    key=${pair%%=*}
    value=${pair#*=}
    flags+=("-X" "k8s.io/component-base/version.$key=$value" "-X" "k8s.io/client-go/pkg/version.$key=$value")
  done
  printf '%s ' "${flags[@]}"
}

ensure_binaries() {
  local stale
  stale=$(stale_binaries)
  if [ -z "$stale" ]; then
    step "kubernetes binaries" "skipped ($BIN_DIR has v$K8S_VERSION of ${BINARIES[*]})"
    return
  fi
  require_root "installing the Kubernetes binaries into $BIN_DIR"
  local GO src out started packages=() name
  GO=$(find_go "the Kubernetes binaries")
  started=$(date +%s.%N)
  new_tmp_dir src
  new_tmp_dir out
  prepare_kubernetes_source "$GO" "$src"
  for name in $stale; do packages+=("./cmd/$name"); done
  # -mod=mod: the rewritten go.mod needs go.sum lines for the published modules, checked
  # against the checksum database as they are added. One `go build` for all shares the work.
  if ! (cd "$src" && CGO_ENABLED=0 GOWORK=off GOFLAGS="-mod=mod -buildvcs=false" \
    background_priority "$GO" build -trimpath -ldflags "$(kubernetes_ldflags)" -o "$out/" \
    "${packages[@]}"); then
    die "building ${stale//$'\n'/ } v$K8S_VERSION failed (output above)"
  fi
  mkdir -p "$BIN_DIR"
  for name in $stale; do install -m 0755 "$out/$name" "$BIN_DIR/$name"; done
  step "kubernetes binaries" "done (built v$K8S_VERSION of ${stale//$'\n'/ } in $(elapsed_since "$started"))"
}
