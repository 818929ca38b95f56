#!/usr/bin/env bash
# The main job on kind (needs Docker, kind, kubectl, helm, Maven and a JDK 17 on PATH): cluster.sh (kind, jib
# images, the monitoring stack), then the same steps as the local node's main command (e2e/scripts/lib.sh):
# sightline-stack with the demo app under load, port-forwards, where to look. Run it again after a change: the
# CRDs and the rebuilt images are rolled out. Runs until Ctrl-C, which stops the port-forwards; the cluster stays
# (e2e/kind/down.sh deletes it).
#
# Environment: those of cluster.sh; SIGHTLINE_NAMESPACE (default sightline); SIGHTLINE_PROMETHEUS_PORT,
# SIGHTLINE_ALERTMANAGER_PORT, SIGHTLINE_DEMO_PORT, SIGHTLINE_GRAFANA_PORT (9090, 9093, 8080, 3000).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=e2e/scripts/versions.env
source "$root/e2e/scripts/versions.env"
# shellcheck source=e2e/kind/lib.sh
source "$here/lib.sh"
# shellcheck source=e2e/scripts/lib.sh
source "$root/e2e/scripts/lib.sh"
cluster=${SIGHTLINE_KIND_CLUSTER:-sightline}
ns=${SIGHTLINE_NAMESPACE:-sightline}
helm=helm
kubectl=kubectl

# the ports are checked before anything is built: another program there would answer in our place
check_ports
monitoring=${SIGHTLINE_KIND_MONITORING:-kube-prometheus-stack}
grafana_port=${SIGHTLINE_GRAFANA_PORT:-3000}
[[ $monitoring == offline ]] || port_free "$grafana_port" SIGHTLINE_GRAFANA_PORT
"$here/cluster.sh"
KUBECONFIG=$(kind_kubeconfig "$cluster")
export KUBECONFIG
trap stop_forwards EXIT
trap 'exit 130' INT TERM
install_stack
where_to_look
if [[ $monitoring != offline ]]; then
  forward monitoring kube-prometheus-stack-grafana "$grafana_port" 80 SIGHTLINE_GRAFANA_PORT
  # kube-prometheus-stack generates Grafana's admin password unless one is set
  password=$(secret_value monitoring kube-prometheus-stack-grafana admin-password)
  echo "  Grafana:           http://127.0.0.1:$grafana_port (admin / $password), folder \"Sightline\""
else
  echo "  Grafana:           not in the offline monitoring stack; import the dashboard JSON above"
fi
echo "Ctrl-C stops the port-forwards; e2e/kind/down.sh deletes cluster \"$cluster\"."
while true; do sleep 3600 & wait $!; done
