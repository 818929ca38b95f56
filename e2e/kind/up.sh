#!/usr/bin/env bash
# The kind provider (needs Docker, kind, kubectl and helm on PATH, and internet access): a kind cluster with
# kube-prometheus-stack (prometheus-operator, Prometheus, Grafana) and the sightline-stack chart, using images
# built with jib and loaded into kind. Prints where to look. Tear down with e2e/kind/down.sh.
#
# Environment: SIGHTLINE_KIND_CLUSTER (default sightline), KPS_VERSION (kube-prometheus-stack chart version,
# default: latest), SIGHTLINE_NAMESPACE (default sightline).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cluster=${SIGHTLINE_KIND_CLUSTER:-sightline}
ns=${SIGHTLINE_NAMESPACE:-sightline}
version=$(cd "$root" && mvn -q -B -ntp help:evaluate -Dexpression=project.version -DforceStdout)

for tool in docker kind kubectl helm mvn java; do
  command -v "$tool" >/dev/null || { echo "kind/up: $tool is required" >&2; exit 1; }
done

if ! kind get clusters | grep -qx "$cluster"; then
  kind create cluster --name "$cluster" --wait 120s
fi
kubectl config use-context "kind-$cluster" >/dev/null

echo "kind/up: building images with jib (docker-save tars) and loading them into kind"
(cd "$root" && mvn -q -B -ntp -DskipTests package jib:buildTar -pl operator,demo-app -am)
kind load image-archive "$root/operator/target/jib-image.tar" --name "$cluster"
kind load image-archive "$root/demo-app/target/jib-image.tar" --name "$cluster"

echo "kind/up: installing kube-prometheus-stack (release name kube-prometheus-stack, namespace monitoring)"
helm repo add prometheus-community https://prometheus-community.github.io/helm-charts --force-update >/dev/null
helm upgrade --install kube-prometheus-stack prometheus-community/kube-prometheus-stack \
  --namespace monitoring --create-namespace ${KPS_VERSION:+--version "$KPS_VERSION"} \
  --set grafana.sidecar.dashboards.folderAnnotation=grafana_folder \
  --set grafana.sidecar.dashboards.provider.foldersFromFilesStructure=true \
  --set prometheus.prometheusSpec.evaluationInterval=15s \
  --wait --timeout 10m

echo "kind/up: installing sightline-stack"
helm dependency build "$root/charts/sightline-stack" >/dev/null
helm upgrade --install sightline "$root/charts/sightline-stack" --namespace "$ns" --create-namespace \
  --set sightline-operator.image.tag="$version" --set sightline-operator.image.pullPolicy=Never \
  --set demo-app.image.tag="$version" --set demo-app.image.pullPolicy=Never \
  --set sightline-operator.serviceMonitor.enabled=true \
  --set demo-app.loadGenerator.enabled=true --set demo-app.loadGenerator.duration=24h \
  --wait --timeout 5m
kubectl wait --for condition=Ready "observedservice/sightline-demo-app" -n "$ns" --timeout 120s

cat <<INFO

Sightline runs on kind cluster "$cluster", the demo app under normal load.
  kubectl get observedservices -A
  kubectl -n monitoring port-forward svc/kube-prometheus-stack-prometheus 9090   # http://localhost:9090/alerts
  kubectl -n monitoring port-forward svc/kube-prometheus-stack-grafana 3000:80   # http://localhost:3000 (admin / prom-operator), folder "Sightline"
  kubectl -n $ns port-forward svc/sightline-demo-app 8080 && curl -X PUT localhost:8080/admin/faults -d '{"*":{"errorRate":0.3}}'
Tear down: e2e/kind/down.sh
INFO
