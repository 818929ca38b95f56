#!/usr/bin/env bash
# Deletes the kind cluster e2e/kind/up.sh created (and everything in it) and its kubeconfig file.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=e2e/kind/lib.sh
source "$here/lib.sh"
cluster=${SIGHTLINE_KIND_CLUSTER:-sightline}
kubeconfig=$(kind_kubeconfig "$cluster")
kind delete cluster --name "$cluster" --kubeconfig "$kubeconfig"
rm -f "$kubeconfig"
