#!/usr/bin/env bash
# Prepares a kind cluster for Sightline (idempotent): the cluster, both images built with jib for this
# machine's architecture and loaded into it, and kube-prometheus-stack (pinned: KUBE_PROMETHEUS_STACK_VERSION
# in e2e/scripts/versions.env) in namespace "monitoring", its Prometheus evaluating every 15 s like the
# local node's, its Grafana sidecar importing dashboards into the folder Sightline's ConfigMaps name.
# Used by up.sh (main job) and test.sh (e2e suite). Needs Docker, kind, kubectl, helm, Maven and a
# JDK 17 on PATH, and internet access (the JRE base image comes from a registry here).
#
# Environment: SIGHTLINE_KIND_CLUSTER (default sightline), SIGHTLINE_BASE_IMAGE (jib's base, default
# eclipse-temurin:17-jre), KIND_NODE_IMAGE (kind's default unless set).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=e2e/scripts/versions.env
source "$root/e2e/scripts/versions.env"
cluster=${SIGHTLINE_KIND_CLUSTER:-sightline}

for tool in docker kind kubectl helm mvn java; do
  command -v "$tool" >/dev/null || { echo "kind/cluster: $tool is required" >&2; exit 1; }
done

if ! kind get clusters | grep -qx "$cluster"; then
  kind create cluster --name "$cluster" --wait 120s ${KIND_NODE_IMAGE:+--image "$KIND_NODE_IMAGE"}
fi
kubectl config use-context "kind-$cluster" >/dev/null

echo "kind/cluster: building both images with jib (docker-save tars) and loading them into kind"
(cd "$root" && mvn -q -B -ntp -DskipTests install -Dsightline.base.image="${SIGHTLINE_BASE_IMAGE:-eclipse-temurin:17-jre}")
kind load image-archive "$root/operator/target/jib-image.tar" --name "$cluster"
kind load image-archive "$root/demo-app/target/jib-image.tar" --name "$cluster"

echo "kind/cluster: kube-prometheus-stack $KUBE_PROMETHEUS_STACK_VERSION (release kube-prometheus-stack, namespace monitoring)"
helm repo add prometheus-community https://prometheus-community.github.io/helm-charts --force-update >/dev/null
operator=$(helm show chart prometheus-community/kube-prometheus-stack --version "$KUBE_PROMETHEUS_STACK_VERSION" |
  sed -n 's/^appVersion: //p')
if [[ "$operator" != "$PROMETHEUS_OPERATOR_VERSION" ]]; then
  echo "kind/cluster: kube-prometheus-stack $KUBE_PROMETHEUS_STACK_VERSION ships prometheus-operator $operator," \
    "not $PROMETHEUS_OPERATOR_VERSION as tested here; set KUBE_PROMETHEUS_STACK_VERSION in versions.env to match" >&2
  exit 1
fi
helm upgrade --install kube-prometheus-stack prometheus-community/kube-prometheus-stack \
  --namespace monitoring --create-namespace --version "$KUBE_PROMETHEUS_STACK_VERSION" \
  --set grafana.sidecar.dashboards.folderAnnotation=grafana_folder \
  --set grafana.sidecar.dashboards.provider.foldersFromFilesStructure=true \
  --set prometheus.prometheusSpec.scrapeInterval=15s \
  --set prometheus.prometheusSpec.evaluationInterval=15s \
  --wait --timeout 10m
