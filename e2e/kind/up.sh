#!/usr/bin/env bash
# The main job on kind (needs Docker, kind, kubectl, helm, Maven and a JDK 17 on PATH, and internet access):
# cluster.sh (kind, jib images, kube-prometheus-stack), then the sightline-stack chart with the demo app under
# normal load. Prints where to look. Tear down with e2e/kind/down.sh. The e2e suite on kind: e2e/kind/test.sh.
#
# Environment: those of cluster.sh, and SIGHTLINE_NAMESPACE (default sightline).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cluster=${SIGHTLINE_KIND_CLUSTER:-sightline}
ns=${SIGHTLINE_NAMESPACE:-sightline}

"$here/cluster.sh"
version=$(cd "$root" && mvn -q -B -ntp help:evaluate -Dexpression=project.version -DforceStdout)

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
