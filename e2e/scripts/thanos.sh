#!/usr/bin/env bash
# Grows the node's monitoring stack (monitoring.sh) into the sharded topology, with the kubeconfig in
# $KUBECONFIG: the Prometheus gets shards: 2 and a Thanos sidecar per shard, then e2e/node/thanos.yaml.in (a
# Thanos Querier over the sidecars and the ThanosRuler, and the ThanosRuler). Returns when all serve and the
# Querier sees every shard and the ThanosRuler.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=e2e/scripts/versions.env
source "$here/versions.env"
cache="${SIGHTLINE_CACHE:-$HOME/.cache/sightline}"
kubectl=$(echo "$cache"/kubeapitest/k8s/"${KUBE_VERSION}"-linux-*/kubectl)
[[ -n "${KUBECONFIG:-}" ]] || { echo "thanos: set KUBECONFIG" >&2; exit 1; }
t0=$SECONDS
shards=2

echo "thanos: Prometheus in $shards shards with Thanos $THANOS_VERSION sidecars"
"$kubectl" -n monitoring patch prometheus kube-prometheus-stack-prometheus --type merge \
  -p "{\"spec\":{\"shards\":$shards,\"thanos\":{\"image\":\"quay.io/thanos/thanos:$THANOS_VERSION\"}}}" > /dev/null
echo "thanos: Querier and ThanosRuler"
sed "s|@THANOS_VERSION@|$THANOS_VERSION|g" "$here/../node/thanos.yaml.in" | "$kubectl" apply -f - > /dev/null
"$kubectl" -n monitoring wait --for condition=Available --timeout 180s \
  prometheus/kube-prometheus-stack-prometheus thanosruler/global > /dev/null
"$kubectl" -n monitoring rollout status deployment/thanos-query --timeout 120s > /dev/null
# the Querier finds the sidecars and the ThanosRuler by DNS, some seconds after they serve
stores=0
for _ in $(seq 60); do
  stores=$("$kubectl" get --raw "/api/v1/namespaces/monitoring/services/thanos-query:http/proxy/api/v1/stores" \
    | grep -o '"name":' | wc -l) || true
  (( stores >= shards + 1 )) && break
  sleep 2
done
(( stores >= shards + 1 )) || { echo "thanos: the Querier sees $stores of $((shards + 1)) stores" >&2; exit 1; }
echo "thanos: ready in $((SECONDS - t0))s (the Querier sees $stores stores)"
