#!/usr/bin/env bash
# The main job on kind (needs Docker, kind, kubectl, helm, Maven and a JDK 17 on PATH, and internet access):
# cluster.sh (kind, jib images, kube-prometheus-stack), then the same steps as the local node's main
# command (e2e/scripts/lib.sh): sightline-stack with the demo app under load, port-forwards, where to look.
# Runs until Ctrl-C, which stops the port-forwards; the cluster stays (e2e/kind/down.sh deletes it).
#
# Environment: those of cluster.sh, and SIGHTLINE_NAMESPACE (default sightline).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=e2e/scripts/lib.sh
source "$root/e2e/scripts/lib.sh"
cluster=${SIGHTLINE_KIND_CLUSTER:-sightline}
ns=${SIGHTLINE_NAMESPACE:-sightline}
helm=helm
kubectl=kubectl

"$here/cluster.sh"
trap stop_forwards EXIT
trap 'exit 130' INT TERM
install_stack
where_to_look
grafana_port=${SIGHTLINE_GRAFANA_PORT:-3000}
forward monitoring kube-prometheus-stack-grafana "$grafana_port" 80
# kube-prometheus-stack generates Grafana's admin password unless one is set
password=$(kubectl -n monitoring get secret kube-prometheus-stack-grafana -o jsonpath='{.data.admin-password}' | base64 -d)
echo "  Grafana:           http://127.0.0.1:$grafana_port (admin / $password), folder \"Sightline\""
echo "Ctrl-C stops the port-forwards; e2e/kind/down.sh deletes cluster \"$cluster\"."
while true; do sleep 3600 & wait $!; done
