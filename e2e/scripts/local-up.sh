#!/usr/bin/env bash
# The main job on this machine (needs root; no Docker): a real single-node Kubernetes cluster (node.sh),
# the operator and demo-app images jib builds loaded into it, the monitoring stack (monitoring.sh:
# prometheus-operator, Prometheus, Alertmanager) and Sightline's charts with the demo app under load.
# Prints where to look and runs until Ctrl-C, which stops every process and container it started.
# With Docker and kind, use e2e/kind/up.sh instead.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=e2e/scripts/versions.env
source "$here/versions.env"
# shellcheck source=e2e/scripts/lib.sh
source "$here/lib.sh"
[[ $(id -u) == 0 ]] || { echo "local-up: needs root (it runs a Kubernetes node): sudo $0" >&2; exit 1; }
cache="${SIGHTLINE_CACHE:-$HOME/.cache/sightline}"
helm="$cache/bin/helm"
ns=${SIGHTLINE_NAMESPACE:-sightline}

# the ports are checked before anything is built: another program there would answer in our place
check_ports
"$here/setup.sh"
echo "local-up: building (jib writes the images as operator/ and demo-app/target/jib-image.tar)"
(cd "$root" && mvn -q -B -ntp -DskipTests install)

if [[ $("$here/node.sh" status) == running ]]; then
  echo "local-up: a local node is already running (another local-up, or the tests); stop it first: $here/node.sh down" >&2
  exit 1
fi
stopping=0
stop() {
  ((stopping == 0)) || return 0
  stopping=1
  # the clean-up must finish even when the terminal or a pipe reading our output went away with the Ctrl-C
  set +e
  trap '' PIPE
  echo
  echo "local-up: stopping port-forwards, pods and the node"
  stop_forwards
  "$here/node.sh" down
}
trap stop EXIT
trap 'exit 130' INT TERM

"$here/node.sh" up
KUBECONFIG=$("$here/node.sh" kubeconfig)
export KUBECONFIG
kubectl=$(echo "$cache"/kubeapitest/k8s/"${KUBE_VERSION}"-linux-*/kubectl)
"$here/node.sh" load "$root/operator/target/jib-image.tar" "$root/demo-app/target/jib-image.tar"
"$here/monitoring.sh"
install_stack
where_to_look
echo "  kubectl:           $kubectl"
echo "  node logs:         $(dirname "$(dirname "$KUBECONFIG")")/logs"
echo "Ctrl-C stops everything."
while true; do sleep 3600 & wait $!; done
