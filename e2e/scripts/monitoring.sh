#!/usr/bin/env bash
# Installs the monitoring stack of the local node with the kubeconfig in $KUBECONFIG: prometheus-operator
# from its own release manifest (bundle.yaml: CRDs, RBAC, Deployment) and Prometheus' RBAC from its
# examples, both from the pinned Go module, then e2e/node/monitoring.yaml.in (one Prometheus and one
# Alertmanager the way kube-prometheus-stack configures them, kube-state-metrics and the kubelets' cAdvisor
# scraped as it scrapes them). Returns when all serve.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=e2e/scripts/versions.env
source "$here/versions.env"
cache="${SIGHTLINE_CACHE:-$HOME/.cache/sightline}"
manifests="$cache/manifests/prometheus-operator"
kubectl=$(echo "$cache"/kubeapitest/k8s/"${KUBE_VERSION}"-linux-*/kubectl)
[[ -n "${KUBECONFIG:-}" ]] || { echo "monitoring: set KUBECONFIG" >&2; exit 1; }
[[ -f "$manifests/bundle.yaml" ]] || { echo "monitoring: $manifests missing: run e2e/scripts/setup.sh" >&2; exit 1; }
t0=$SECONDS

echo "monitoring: prometheus-operator $PROMETHEUS_OPERATOR_VERSION"
"$kubectl" apply --server-side -f "$manifests/bundle.yaml" > /dev/null
"$kubectl" wait --for condition=Established --timeout 60s crd/prometheuses.monitoring.coreos.com \
  crd/alertmanagers.monitoring.coreos.com crd/servicemonitors.monitoring.coreos.com > /dev/null
"$kubectl" create namespace monitoring --dry-run=client -o yaml | "$kubectl" apply -f - > /dev/null
"$kubectl" -n monitoring apply -f "$manifests/prometheus/prometheus-service-account.yaml" \
  -f "$manifests/prometheus/prometheus-cluster-role.yaml" > /dev/null
sed 's/namespace: default/namespace: monitoring/' "$manifests/prometheus/prometheus-cluster-role-binding.yaml" |
  "$kubectl" apply -f - > /dev/null
"$kubectl" -n default rollout status deployment/prometheus-operator --timeout 120s > /dev/null

echo "monitoring: Prometheus $PROMETHEUS_VERSION and Alertmanager $ALERTMANAGER_VERSION"
sed -e "s|@PROMETHEUS_VERSION@|$PROMETHEUS_VERSION|g" -e "s|@ALERTMANAGER_VERSION@|$ALERTMANAGER_VERSION|g" \
  -e "s|@KUBE_STATE_METRICS_VERSION@|$KUBE_STATE_METRICS_VERSION|g" \
  "$here/../node/monitoring.yaml.in" | "$kubectl" apply -f - > /dev/null
"$kubectl" -n monitoring wait --for condition=Available --timeout 180s \
  prometheus/kube-prometheus-stack-prometheus alertmanager/kube-prometheus-stack-alertmanager > /dev/null
"$kubectl" -n monitoring rollout status deployment/kube-state-metrics --timeout 120s > /dev/null
echo "monitoring: ready in $((SECONDS - t0))s"
