#!/usr/bin/env bash
# Runs the end-to-end suite (e2e/src/test/java/dev/sightline/e2e/EndToEndIT.java) on kind: prepares
# the cluster with cluster.sh, runs the same Java suite CI runs on the local provider with
# -Dsightline.e2e.provider=kind (helm install into namespace sightline-e2e, Prometheus and the demo
# app through port-forwards), then deletes the cluster unless SIGHTLINE_KEEP_CLUSTER=1.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cluster=${SIGHTLINE_KIND_CLUSTER:-sightline}

KPS_EVALUATION_INTERVAL=${KPS_EVALUATION_INTERVAL:-5s} "$here/cluster.sh"
status=0
(cd "$root" && mvn -B -ntp -pl e2e verify -Dsightline.e2e.provider=kind -Dsightline.helm="$(command -v helm)" \
  -Dit.test=EndToEndIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false) || status=$?
if [[ "${SIGHTLINE_KEEP_CLUSTER:-0}" != 1 ]]; then
  kind delete cluster --name "$cluster"
fi
exit "$status"
