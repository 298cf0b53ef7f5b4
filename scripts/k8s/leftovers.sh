# shellcheck shell=bash
# The Kubernetes twin of the e2e tests' Docker leftovers check: after a test suite, no namespace
# and no object labelled `firedrill.run` may be left in the cluster. Namespaces being deleted
# are waited for (their objects go with them) up to LEFTOVERS_WAIT_SECONDS.

# Kinds firedrill creates: run namespaces, manifest objects, agent and helper pods, links.
readonly LEFTOVER_KINDS=namespaces,pods,services,statefulsets,deployments,configmaps

labelled_objects() {
  kubectl_admin get "$LEFTOVER_KINDS" --all-namespaces -l "${1:-firedrill.run}" \
    -o 'custom-columns=KIND:.kind,NAMESPACE:.metadata.namespace,NAME:.metadata.name,RUN:.metadata.labels.firedrill\.run,PHASE:.status.phase' \
    --no-headers 2>&1
}

check_leftovers() {
  local selector=${1:-firedrill.run} deadline=$((SECONDS + ${LEFTOVERS_WAIT_SECONDS:-120})) left
  until left=$(labelled_objects "$selector") && [ -z "$left" ]; do
    # A failed kubectl is not "nothing left": only an empty answer is.
    if [ "$SECONDS" -ge "$deadline" ] || ! grep -q Terminating <<<"$left"; then
      printf '%s\n' "$left" >&2
      die "objects labelled $selector are left in the cluster (above)" \
        "a test or drill did not delete what it made: find it by the label's run id"
    fi
    sleep 2
  done
  step "kubernetes leftovers" "none (no namespace or object labelled $selector)"
}
