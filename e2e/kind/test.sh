#!/usr/bin/env bash
# Runs the end-to-end suite (e2e/src/test/java/dev/sightline/e2e/EndToEndIT.java) on kind, in a cluster of
# its own (sightline-e2e, not up.sh's): cluster.sh prepares it, the same Java suite CI runs on the local
# node runs with -Dsightline.e2e.provider=kind, then the cluster is deleted if this run created it
# (SIGHTLINE_KEEP_CLUSTER=1 keeps it).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
export SIGHTLINE_KIND_CLUSTER=${SIGHTLINE_E2E_KIND_CLUSTER:-sightline-e2e}

created=0
kind get clusters | grep -qx "$SIGHTLINE_KIND_CLUSTER" || created=1
"$here/cluster.sh"
# pods reach the receivers the suite runs (Alertmanager's webhook) at the kind network's gateway
SIGHTLINE_E2E_HOST_ADDRESS=$(docker network inspect kind -f '{{range .IPAM.Config}}{{.Gateway}} {{end}}' |
  tr ' ' '\n' | grep -m1 -E '^[0-9.]+$')
export SIGHTLINE_E2E_HOST_ADDRESS
status=0
(cd "$root" && mvn -B -ntp -pl e2e verify -Dsightline.e2e.provider=kind -Dsightline.helm="$(command -v helm)" \
  -Dit.test=EndToEndIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false) || status=$?
if [[ $created == 1 && "${SIGHTLINE_KEEP_CLUSTER:-0}" != 1 ]]; then
  kind delete cluster --name "$SIGHTLINE_KIND_CLUSTER"
fi
exit "$status"
