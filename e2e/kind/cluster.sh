#!/usr/bin/env bash
# Prepares a kind cluster for Sightline (idempotent): the cluster (Kubernetes $KUBE_VERSION, the tested version),
# both images built with jib for this machine's architecture and loaded into it, and the monitoring stack in
# namespace "monitoring", waited for until Prometheus and Alertmanager serve. Used by up.sh (main job) and test.sh
# (e2e suite). Needs Docker, kind $KIND_MIN_VERSION+, kubectl, helm, Maven and a JDK 17 on PATH.
# Leaves ~/.kube/config alone: the cluster's kubeconfig is a file of its own (printed by `cluster.sh kubeconfig`;
# `cluster.sh config` prints the kind configuration it creates the cluster with).
#
# Environment:
#   SIGHTLINE_KIND_CLUSTER      cluster name (default sightline)
#   SIGHTLINE_KIND_MONITORING   kube-prometheus-stack (default: the chart, pinned in versions.env, with
#                               kube-prometheus-stack-values.yaml) or offline: the same prometheus-operator,
#                               Prometheus and Alertmanager the local node runs, configured as the chart configures
#                               them (e2e/scripts/monitoring.sh; for machines that cannot reach the chart's
#                               repository; needs e2e/scripts/setup.sh's images)
#   SIGHTLINE_BASE_IMAGE        jib's base image (default eclipse-temurin:17-jre)
#   KIND_NODE_IMAGE             kind's node image (default kindest/node:v$KUBE_VERSION)
#   SIGHTLINE_KIND_API_ADDRESS  the address kind publishes the API server on (default kind's, 127.0.0.1), and
#   SIGHTLINE_KIND_API_PORT     its port (default: kind picks a free one)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=e2e/scripts/versions.env
source "$root/e2e/scripts/versions.env"
# shellcheck source=e2e/kind/lib.sh
source "$here/lib.sh"
cluster=${SIGHTLINE_KIND_CLUSTER:-sightline}
kubeconfig=$(kind_kubeconfig "$cluster")
monitoring=${SIGHTLINE_KIND_MONITORING:-kube-prometheus-stack}
image=$(node_image)

case "${1:-}" in
  kubeconfig) echo "$kubeconfig"; exit 0 ;;
  config) kind_config "$image" "$(docker info -f '{{.CgroupVersion}}')"; exit 0 ;;
  "") ;;
  *) echo "usage: $0 [kubeconfig|config]" >&2; exit 2 ;;
esac
[[ $monitoring == kube-prometheus-stack || $monitoring == offline ]] ||
  die "SIGHTLINE_KIND_MONITORING must be kube-prometheus-stack or offline, not $monitoring"
check_tools
export KUBECONFIG=$kubeconfig
mkdir -p "$(dirname "$kubeconfig")"

t0=$SECONDS
if ! cluster_exists "$cluster"; then
  say "creating cluster $cluster ($image)"
  kind_config "$image" "$(docker info -f '{{.CgroupVersion}}')" |
    kind create cluster --name "$cluster" --kubeconfig "$kubeconfig" --config - --wait 120s
  say "cluster $cluster created in $((SECONDS - t0))s"
else
  kind get kubeconfig --name "$cluster" > "$kubeconfig"
fi
version=$(kubectl get nodes -o jsonpath='{.items[0].status.nodeInfo.kubeletVersion}')
[[ $version == "v$KUBE_VERSION" ]] ||
  say "warning: cluster $cluster runs Kubernetes $version; Sightline is tested on v$KUBE_VERSION (delete it to recreate)"

say "building both images with jib (docker-save tars) and loading them into kind"
(cd "$root" && mvn -q -B -ntp -DskipTests install -Dsightline.base.image="${SIGHTLINE_BASE_IMAGE:-eclipse-temurin:17-jre}")
kind load image-archive "$root/operator/target/jib-image.tar" --name "$cluster"
kind load image-archive "$root/demo-app/target/jib-image.tar" --name "$cluster"

if [[ $monitoring == offline ]]; then
  say "monitoring: the local node's stack (offline)"
  cache="${SIGHTLINE_CACHE:-$HOME/.cache/sightline}"
  for t in prometheus-operator prometheus-config-reloader prometheus alertmanager kube-state-metrics; do
    [[ -f "$cache/images/cluster/$t.tar" ]] || die "$cache/images/cluster/$t.tar missing: run e2e/scripts/setup.sh"
    kind load image-archive "$cache/images/cluster/$t.tar" --name "$cluster"
  done
  "$root/e2e/scripts/monitoring.sh"
else
  say "monitoring: kube-prometheus-stack $KUBE_PROMETHEUS_STACK_VERSION (release kube-prometheus-stack)"
  helm repo add prometheus-community https://prometheus-community.github.io/helm-charts --force-update > /dev/null
  operator=$(helm show chart prometheus-community/kube-prometheus-stack --version "$KUBE_PROMETHEUS_STACK_VERSION" |
    sed -n 's/^appVersion: //p')
  [[ "$operator" == "$PROMETHEUS_OPERATOR_VERSION" ]] ||
    die "kube-prometheus-stack $KUBE_PROMETHEUS_STACK_VERSION ships prometheus-operator $operator, not $PROMETHEUS_OPERATOR_VERSION as tested here; set KUBE_PROMETHEUS_STACK_VERSION in versions.env to match"
  mapfile -t values < <(kps_args "$here/kube-prometheus-stack-values.yaml")
  helm upgrade --install kube-prometheus-stack prometheus-community/kube-prometheus-stack \
    --namespace monitoring --create-namespace "${values[@]}" --wait --timeout 10m
fi
# helm --wait covers the chart's own Deployments; prometheus-operator creates Prometheus's and Alertmanager's
# StatefulSets (and the prometheus-operated Service) afterwards
kubectl -n monitoring wait --for condition=Available --timeout 300s \
  prometheus/kube-prometheus-stack-prometheus alertmanager/kube-prometheus-stack-alertmanager > /dev/null
kubectl -n monitoring get service prometheus-operated alertmanager-operated > /dev/null
say "cluster $cluster ready in $((SECONDS - t0))s (KUBECONFIG=$kubeconfig)"
