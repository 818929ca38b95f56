#!/usr/bin/env bash
# Runs the end-to-end suite (e2e/src/test/java/dev/sightline/e2e/EndToEndIT.java) on kind, in a cluster of
# its own (sightline-e2e, not up.sh's): cluster.sh prepares it, the same Java suite CI runs on the local
# node runs with -Dsightline.e2e.provider=kind and the kubectl and helm on PATH, then the cluster is deleted if
# this run created it, however the run ends (SIGHTLINE_KEEP_CLUSTER=1 keeps it).
#
# Environment: those of cluster.sh; SIGHTLINE_E2E_KIND_CLUSTER (default sightline-e2e); SIGHTLINE_E2E_HOST_ADDRESS,
# an address of this machine pods reach (the suite's webhook receiver; default: see host_address_for in lib.sh).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=e2e/scripts/versions.env
source "$root/e2e/scripts/versions.env"
# shellcheck source=e2e/kind/lib.sh
source "$here/lib.sh"
export SIGHTLINE_KIND_CLUSTER=${SIGHTLINE_E2E_KIND_CLUSTER:-sightline-e2e}
kubeconfig=$(kind_kubeconfig "$SIGHTLINE_KIND_CLUSTER")
check_tools

created=0
cleanup() {
  local status=$?
  if [[ $created == 1 && "${SIGHTLINE_KEEP_CLUSTER:-0}" != 1 ]]; then
    kind delete cluster --name "$SIGHTLINE_KIND_CLUSTER" --kubeconfig "$kubeconfig" || status=1
    rm -f "$kubeconfig"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# decided before cluster.sh runs: a cluster it creates and then fails in is still this run's to delete
cluster_exists "$SIGHTLINE_KIND_CLUSTER" || created=1
"$here/cluster.sh"
export KUBECONFIG=$kubeconfig
SIGHTLINE_E2E_HOST_ADDRESS=$(host_address)
export SIGHTLINE_E2E_HOST_ADDRESS
say "running EndToEndIT on $SIGHTLINE_KIND_CLUSTER (pods reach this machine at $SIGHTLINE_E2E_HOST_ADDRESS)"
(cd "$root" && mvn -B -ntp -pl e2e verify -Dsightline.e2e.provider=kind \
  -Dsightline.kubectl="$(command -v kubectl)" -Dsightline.helm="$(command -v helm)" \
  -Dit.test=EndToEndIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false)
