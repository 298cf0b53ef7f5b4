# shellcheck shell=bash
# Images for the cluster's containerd, from the local Docker engine (sourced by setup-k8s.sh):
# nothing is pulled, so pods use `imagePullPolicy: Never`.

docker_image_id() { docker image inspect -f '{{.Id}}' "$1" 2>/dev/null; }
loaded_stamp() { printf '%s/images/%s' "$STATE" "$(printf '%s' "$1" | tr '/:' '__')"; }

# The name containerd stores IMAGE under, as Docker normalizes it (docker.io/, library/).
normalized_ref() {
  local image=$1 first=${1%%/*}
  if [[ "$image" != */* ]]; then
    printf 'docker.io/library/%s' "$image"
  elif [[ "$first" != *.* && "$first" != *:* && "$first" != localhost ]]; then
    printf 'docker.io/%s' "$image"
  else
    printf '%s' "$image"
  fi
}

# Loads IMAGE unless the cluster already holds this very build of it (same Docker image id).
load_image() {
  local image=$1 id stamp
  if ! id=$(docker_image_id "$image"); then
    step "load $image" "skipped (not in Docker: run scripts/setup-env.sh)"
    return
  fi
  stamp=$(loaded_stamp "$image")
  if [ "$(cat "$stamp" 2>/dev/null)" = "$id" ] &&
    ctr_k8s images ls -q | grep -xF "$(normalized_ref "$image")" >/dev/null; then
    step "load $image" "skipped (loaded, ${id:7:12})"
    return
  fi
  docker save "$image" | ctr_k8s images import - >/dev/null ||
    die "loading $image into the cluster's containerd failed"
  mkdir -p "$(dirname "$stamp")"
  printf '%s' "$id" >"$stamp"
  step "load $image" "done (${id:7:12})"
}

# The sandbox image, built as upstream builds it: pause.c from the same module, static, FROM scratch.
ensure_pause_image() {
  if docker_image_id "$PAUSE_IMAGE" >/dev/null; then
    step "image $PAUSE_IMAGE" "skipped (present in Docker)"
    return
  fi
  local GO module_dir context
  GO=$(find_go "the pause image")
  module_dir=$(GOFLAGS=-modcacherw "$GO" mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | jq -r .Dir)
  new_tmp_dir context
  background_priority gcc -Os -Wall -Werror -static -DVERSION="v$PAUSE_VERSION" \
    -o "$context/pause" "$module_dir/build/pause/linux/pause.c"
  printf 'FROM scratch\nCOPY pause /pause\nUSER 65535:65535\nENTRYPOINT ["/pause"]\n' >"$context/Dockerfile"
  local log
  # The legacy builder takes FROM scratch as it is and never asks a registry.
  log=$(DOCKER_BUILDKIT=0 docker build -q -t "$PAUSE_IMAGE" "$context" 2>&1) ||
    { printf '%s\n' "$log" >&2; die "building $PAUSE_IMAGE failed (output above)"; }
  step "image $PAUSE_IMAGE" "done (pause.c of k8s.io/kubernetes@v$K8S_VERSION, static)"
}

# The project's images as setup-env.sh tags them (docker/<name>/VERSION), plus Toxiproxy's.
project_images() {
  local dockerfile dir
  for dockerfile in "$ROOT"/docker/*/Dockerfile; do
    [ -e "$dockerfile" ] || continue
    dir=$(dirname "$dockerfile")
    printf 'firedrill/%s:%s\n' "$(basename "$dir")" "$(tr -d ' \n' <"$dir/VERSION")"
  done
  printf '%s\n' "$TOXIPROXY_IMAGE"
}

ensure_images() {
  ensure_pause_image
  load_image "$PAUSE_IMAGE"
  local image
  for image in $(project_images); do load_image "$image"; done
}
