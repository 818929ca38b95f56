#!/usr/bin/env bash
# Prepares a kind cluster for Sightline (idempotent): the cluster, both images built with jib and
# loaded into it, and kube-prometheus-stack (prometheus-operator, Prometheus, Grafana with the
# dashboard sidecar) in namespace "monitoring". Used by up.sh (main job) and test.sh (e2e suite).
# Needs Docker, kind, kubectl, helm, Maven and a JDK 17 on PATH, and internet access.
#
# Environment: SIGHTLINE_KIND_CLUSTER (default sightline), KPS_VERSION (kube-prometheus-stack chart
# version, default: latest), KPS_EVALUATION_INTERVAL (Prometheus rule evaluation, default 15s).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cluster=${SIGHTLINE_KIND_CLUSTER:-sightline}

for tool in docker kind kubectl helm mvn java; do
  command -v "$tool" >/dev/null || { echo "kind/cluster: $tool is required" >&2; exit 1; }
done

if ! kind get clusters | grep -qx "$cluster"; then
  kind create cluster --name "$cluster" --wait 120s
fi
kubectl config use-context "kind-$cluster" >/dev/null

echo "kind/cluster: building images with jib (docker-save tars) and loading them into kind"
(cd "$root" && mvn -q -B -ntp -DskipTests install && mvn -q -B -ntp -pl operator,demo-app jib:buildTar)
kind load image-archive "$root/operator/target/jib-image.tar" --name "$cluster"
kind load image-archive "$root/demo-app/target/jib-image.tar" --name "$cluster"

echo "kind/cluster: installing kube-prometheus-stack (release kube-prometheus-stack, namespace monitoring)"
helm repo add prometheus-community https://prometheus-community.github.io/helm-charts --force-update >/dev/null
helm upgrade --install kube-prometheus-stack prometheus-community/kube-prometheus-stack \
  --namespace monitoring --create-namespace ${KPS_VERSION:+--version "$KPS_VERSION"} \
  --set grafana.sidecar.dashboards.folderAnnotation=grafana_folder \
  --set grafana.sidecar.dashboards.provider.foldersFromFilesStructure=true \
  --set prometheus.prometheusSpec.evaluationInterval="${KPS_EVALUATION_INTERVAL:-15s}" \
  --wait --timeout 10m
