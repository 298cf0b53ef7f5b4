#!/usr/bin/env bash
# Gives a Debian host what firedrill's container drills need, without a container registry:
# a running Docker engine, toxiproxy-server and k6 (built with Go), and the images the project
# uses (debian:bookworm-slim from debootstrap, Toxiproxy in its upstream layout, docker/*).
#
# Idempotent: each step checks first and prints one line, "done" or "skipped (why)"; a second
# run changes nothing and takes seconds. Run as root where something has to be installed.
#
# Environment: FIREDRILL_BIN_DIR (default /usr/local/bin) receives toxiproxy-server and k6;
# FIREDRILL_DOCKER_WAIT_SECONDS (default 60) bounds the wait for the engine to answer.
set -euo pipefail

readonly TOXIPROXY_VERSION=2.12.0
readonly K6_VERSION=2.2.0
readonly DEBIAN_IMAGE=debian:bookworm-slim
readonly TOXIPROXY_IMAGE=ghcr.io/shopify/toxiproxy:${TOXIPROXY_VERSION}
readonly DEBIAN_MIRROR=http://deb.debian.org/debian
readonly DOCKER_WAIT_SECONDS=${FIREDRILL_DOCKER_WAIT_SECONDS:-60}
readonly BIN_DIR=${FIREDRILL_BIN_DIR:-/usr/local/bin}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT

readonly SETUP_NAME=setup-env SETUP_SUDO_HINT="sudo bash scripts/setup-env.sh"
# shellcheck source=lib/setup-common.sh
. "$ROOT/scripts/lib/setup-common.sh"

# --- Debian packages ---------------------------------------------------------------------------
APT_UPDATED=0
apt_install() {
  require_root "installing $*"
  if [ "$APT_UPDATED" -eq 0 ]; then
    apt-get update -qq </dev/null >/dev/null
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" </dev/null >/dev/null
}

ensure_packages() {
  local missing=()
  command -v iptables >/dev/null || missing+=(iptables)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  # docker.io only when no engine answers and none is installed: a host may run Docker CE.
  if ! docker_answers && ! command -v dockerd >/dev/null; then missing+=(docker.io); fi
  if [ ${#missing[@]} -eq 0 ]; then
    step "packages" "skipped (iptables, debootstrap and a Docker engine are installed)"
    return
  fi
  apt_install "${missing[@]}"
  step "packages" "done (installed ${missing[*]})"
}

# --- browser for the report tests --------------------------------------------------------------
# The report tests open report.html in Debian's chromium through playwright-core, which downloads
# no browser. The wrapper's version output can carry a shell warning on stderr: keep only stdout.
chromium_version() { /usr/bin/chromium --version 2>/dev/null | awk '{ print $2 }'; }

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then
    step "chromium" "skipped (/usr/bin/chromium is $(chromium_version))"
    return
  fi
  apt_install chromium fonts-liberation
  step "chromium" "done (installed $(chromium_version))"
}

# --- Docker engine -----------------------------------------------------------------------------
docker_api_version() { docker version --format '{{.Server.APIVersion}}' 2>/dev/null || echo '?'; }

ensure_docker() {
  if docker_answers; then
    step "docker engine" "skipped (answers, API $(docker_api_version))"
    return
  fi
  local action="waited for the running dockerd"
  if ! pgrep -x dockerd >/dev/null; then
    require_root "starting dockerd"
    # No systemd on these hosts: dockerd runs in the background, logging to /var/log/dockerd.log.
    nohup dockerd </dev/null >/var/log/dockerd.log 2>&1 &
    action="started dockerd"
  fi
  local waited=0
  until docker_answers; do
    [ "$waited" -lt "$DOCKER_WAIT_SECONDS" ] ||
      die "Docker engine did not answer within ${DOCKER_WAIT_SECONDS}s${DOCKER_HOST:+ at DOCKER_HOST=$DOCKER_HOST}" \
        "${DOCKER_HOST:+unset DOCKER_HOST to use the local engine, or }see /var/log/dockerd.log"
    sleep 1
    waited=$((waited + 1))
  done
  step "docker engine" "done ($action, answered after ${waited}s, API $(docker_api_version))"
}

# --- Go-built tools ----------------------------------------------------------------------------
go_path_bin() {
  local GO
  GO=$(find_go "toxiproxy-server and k6" 2>/dev/null) && printf '%s/bin' "$("$GO" env GOPATH 2>/dev/null)" || true
}

# The version a tool reports; for go-built binaries without a stamped version ("git",
# "(devel)"), the main module's version from the build info.
tool_version() {
  local bin=$1 flag=$2 out
  out=$("$bin" "$flag" 2>/dev/null | head -1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1) || true
  if [ -z "$out" ] && GO=$(find_go "toxiproxy-server and k6" 2>/dev/null); then
    out=$("$GO" version -m "$bin" 2>/dev/null | awk '$1 == "mod" { sub(/^v/, "", $3); print $3 }') || true
  fi
  printf '%s' "${out:-unknown}"
}

# Prints the first of $BIN_DIR/<name>, <name> on PATH at the wanted version; returns 1 if none.
installed_tool() {
  local name=$1 flag=$2 wanted=$3 bin
  for bin in "$BIN_DIR/$name" "$(command -v "$name" || true)"; do
    [ -n "$bin" ] && [ -x "$bin" ] || continue
    [ "$(tool_version "$bin" "$flag")" = "$wanted" ] && { printf '%s' "$bin"; return 0; }
  done
  return 1
}

ensure_toxiproxy_binary() {
  local bin
  if bin=$(installed_tool toxiproxy-server -version "$TOXIPROXY_VERSION"); then
    step "toxiproxy-server" "skipped ($bin is $TOXIPROXY_VERSION)"
    return
  fi
  require_root "installing toxiproxy-server into $BIN_DIR"
  local out
  new_tmp_dir out
  build_toxiproxy "$out"
  install -m 0755 "$out/server" "$BIN_DIR/toxiproxy-server"
  step "toxiproxy-server" "done (built v$TOXIPROXY_VERSION into $BIN_DIR/toxiproxy-server)"
}

# Static (CGO off) so the same binary also runs in the FROM-scratch image; the version is
# stamped as upstream's release build does, so `toxiproxy-server -version` tells it.
build_toxiproxy() {
  local GO
  GO=$(find_go "toxiproxy-server and k6")
  CGO_ENABLED=0 GOBIN=$1 GOFLAGS=-buildvcs=false "$GO" install \
    -ldflags "-s -w -X github.com/Shopify/toxiproxy/v2.Version=$TOXIPROXY_VERSION" \
    "github.com/Shopify/toxiproxy/v2/cmd/server@v$TOXIPROXY_VERSION"
}

ensure_k6() {
  local bin gobin
  if bin=$(installed_tool k6 version "$K6_VERSION"); then
    step "k6" "skipped ($bin is $K6_VERSION)"
    return
  fi
  # An earlier `go build`/`go install` may have left it in a Go bin directory: copying beats a
  # minute-long rebuild.
  for gobin in "$(go_path_bin)" "${HOME:-/root}/go/bin" /root/go/bin; do
    [ -x "$gobin/k6" ] && [ "$(tool_version "$gobin/k6" version)" = "$K6_VERSION" ] || continue
    require_root "installing k6 into $BIN_DIR"
    install -m 0755 "$gobin/k6" "$BIN_DIR/k6"
    step "k6" "done (copied v$K6_VERSION from $gobin/k6 to $BIN_DIR/k6)"
    return
  done
  require_root "installing k6 into $BIN_DIR"
  local GO dir out
  GO=$(find_go "toxiproxy-server and k6")
  # `go install go.k6.io/k6/v2@...` fails here: it queries the unreachable vanity host for
  # deprecations. Fetching the module through the proxy and building it in place works.
  GOPROXY=https://proxy.golang.org "$GO" mod download "go.k6.io/k6/v2@v$K6_VERSION"
  dir="$("$GO" env GOMODCACHE)/go.k6.io/k6/v2@v$K6_VERSION"
  new_tmp_dir out
  (cd "$dir" && CGO_ENABLED=0 GOPROXY=https://proxy.golang.org GOFLAGS=-buildvcs=false \
    "$GO" build -trimpath -o "$out/k6" .)
  install -m 0755 "$out/k6" "$BIN_DIR/k6"
  step "k6" "done (built v$K6_VERSION into $BIN_DIR/k6)"
}

# --- images ------------------------------------------------------------------------------------
image_present() { docker image inspect "$1" >/dev/null 2>&1; }

ensure_debian_image() {
  if image_present "$DEBIAN_IMAGE"; then
    step "image $DEBIAN_IMAGE" "skipped (present)"
    return
  fi
  require_root "debootstrap"
  local rootfs
  new_tmp_dir rootfs
  debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" >/dev/null
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import --change 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null
  step "image $DEBIAN_IMAGE" "done (debootstrap minbase + docker import)"
}

ensure_toxiproxy_image() {
  if image_present "$TOXIPROXY_IMAGE"; then
    step "image $TOXIPROXY_IMAGE" "skipped (present)"
    return
  fi
  local context
  new_tmp_dir context
  build_toxiproxy "$context"
  mv "$context/server" "$context/toxiproxy"
  # Upstream's layout (its Dockerfile, minus the CLI), so users with a registry pull the same thing.
  cat >"$context/Dockerfile" <<EOF
FROM scratch
EXPOSE 8474
ENTRYPOINT ["/toxiproxy"]
CMD ["-host=0.0.0.0"]
ENV LOG_LEVEL=info
LABEL org.opencontainers.image.source="https://github.com/Shopify/toxiproxy" \\
      org.opencontainers.image.version="$TOXIPROXY_VERSION"
COPY toxiproxy /toxiproxy
EOF
  docker_build "$TOXIPROXY_IMAGE" "$context"
  step "image $TOXIPROXY_IMAGE" "done (built from the go-built binary)"
}

docker_build() {
  local tag=$1 context=$2
  shift 2
  local log
  # The legacy builder uses local base images as they are and never tries a registry.
  if ! log=$(DOCKER_BUILDKIT=0 docker build -q -t "$tag" "$@" "$context" 2>&1); then
    printf '%s\n' "$log" >&2
    die "building $tag from $context failed (output above)"
  fi
}

# A digest of a build context, stored as a label, so an edited Dockerfile is rebuilt even when
# its VERSION was not bumped.
context_digest() {
  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

ensure_project_images() {
  local dockerfile dir name version tag digest current
  for dockerfile in "$ROOT"/docker/*/Dockerfile; do
    [ -e "$dockerfile" ] || continue
    dir=$(dirname "$dockerfile")
    name=$(basename "$dir")
    [ -s "$dir/VERSION" ] || die "$dir has no VERSION file" "add one holding the image tag, e.g. 1"
    version=$(tr -d ' \n' <"$dir/VERSION")
    tag="firedrill/$name:$version"
    digest=$(context_digest "$dir")
    current=$(docker image inspect -f '{{index .Config.Labels "firedrill.context-digest"}}' "$tag" 2>/dev/null) || true
    if [ "$current" = "$digest" ]; then
      step "image $tag" "skipped (present, docker/$name unchanged)"
      continue
    fi
    docker_build "$tag" "$dir" --label "firedrill.image=$name" --label "firedrill.context-digest=$digest"
    step "image $tag" "done (built from docker/$name${current:+, context changed})"
  done
}

main() {
  ensure_packages
  ensure_chromium
  ensure_docker
  ensure_toxiproxy_binary
  ensure_k6
  ensure_debian_image
  ensure_toxiproxy_image
  ensure_project_images
  step "total" "$(awk -v s="$STARTED" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1fs", e - s }')"
}

main "$@"
