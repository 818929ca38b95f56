#!/usr/bin/env bash
# The main job on a machine without Docker: a real local control plane (etcd, kube-apiserver,
# kube-controller-manager built by build-binaries.sh), the third-party CRDs, the Sightline operator
# as a local process, and the sample ObservedService. Prints where to look, then watches the
# ObservedService until Ctrl-C, and stops every process it started.
#
# Environment: SIGHTLINE_API_PORT (default 6443), SIGHTLINE_ETCD_PORT (default 2379),
# SIGHTLINE_OPERATOR_PORT (default 8081), SIGHTLINE_RUN_DIR (default: a new temp dir).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=e2e/scripts/versions.env
source "$here/versions.env"
cache="${SIGHTLINE_CACHE:-$HOME/.cache/sightline}"
bin="$cache/kubeapitest/k8s/${KUBE_VERSION}-linux-amd64"
api_port=${SIGHTLINE_API_PORT:-6443}
etcd_port=${SIGHTLINE_ETCD_PORT:-2379}
op_port=${SIGHTLINE_OPERATOR_PORT:-8081}
run=${SIGHTLINE_RUN_DIR:-$(mktemp -d -t sightline-local.XXXXXX)}
mkdir -p "$run/logs"
pids=()

cleanup() {
  echo
  echo "local-up: stopping ${#pids[@]} processes"
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "local-up: logs kept in $run/logs"
}
trap cleanup EXIT
trap "exit 130" INT TERM

"$here/setup.sh"
echo "local-up: building the operator"
(cd "$root" && mvn -q -B -ntp -DskipTests -pl operator -am package dependency:build-classpath \
  -Dmdep.outputFile="$run/classpath.txt" -DincludeScope=runtime)

echo "local-up: certificates in $run/pki"
"$here/local-pki.sh" "$run/pki"

"$bin/etcd" --data-dir "$run/etcd" --listen-client-urls "http://127.0.0.1:$etcd_port" \
  --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls "http://127.0.0.1:$((etcd_port + 1))" \
  >"$run/logs/etcd.log" 2>&1 &
pids+=($!)

"$bin/kube-apiserver" --etcd-servers "http://127.0.0.1:$etcd_port" --bind-address 127.0.0.1 \
  --secure-port "$api_port" --cert-dir "$run/pki" \
  --tls-cert-file "$run/pki/apiserver.crt" --tls-private-key-file "$run/pki/apiserver.key" \
  --client-ca-file "$run/pki/ca.crt" --authorization-mode RBAC \
  --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$run/pki/sa.pub" \
  --service-account-signing-key-file "$run/pki/sa.key" --service-cluster-ip-range 10.96.0.0/16 \
  --disable-admission-plugins ServiceAccount >"$run/logs/kube-apiserver.log" 2>&1 &
pids+=($!)

export KUBECONFIG="$run/kubeconfig"
"$bin/kubectl" config set-cluster local --server "https://127.0.0.1:$api_port" \
  --certificate-authority "$run/pki/ca.crt" --embed-certs >/dev/null
"$bin/kubectl" config set-credentials admin --client-certificate "$run/pki/admin.crt" \
  --client-key "$run/pki/admin.key" --embed-certs >/dev/null
"$bin/kubectl" config set-context local --cluster local --user admin >/dev/null
"$bin/kubectl" config use-context local >/dev/null
kubectl() { "$bin/kubectl" "$@"; }

echo -n "local-up: waiting for kube-apiserver "
for _ in $(seq 120); do
  kubectl get --raw /readyz >/dev/null 2>&1 && break
  echo -n .
  sleep 1
done
kubectl get --raw /readyz >/dev/null || { echo " not ready, see $run/logs/kube-apiserver.log" >&2; exit 1; }
echo " ready"

"$bin/kube-controller-manager" --kubeconfig "$KUBECONFIG" --controllers garbagecollector,namespace \
  --leader-elect=false --secure-port 0 >"$run/logs/kube-controller-manager.log" 2>&1 &
pids+=($!)

kubectl apply --server-side -f "$root/crds/" >/dev/null
kubectl apply --server-side -f "$cache/crds/" >/dev/null
kubectl wait --for condition=Established crd --all --timeout 60s >/dev/null

SIGHTLINE_HTTP_PORT=$op_port java -cp "$root/operator/target/classes:$(cat "$run/classpath.txt")" \
  dev.sightline.operator.runtime.Main >"$run/logs/operator.log" 2>&1 &
pids+=($!)

kubectl create namespace demo --dry-run=client -o yaml | kubectl apply -f - >/dev/null
kubectl apply -f "$root/e2e/samples/orders.yaml"
kubectl wait --for condition=Ready observedservice/orders -n demo --timeout 120s

cat <<INFO

Sightline is running on a local control plane.
  export KUBECONFIG=$KUBECONFIG
  kubectl get observedservices -A                 # the Service, Ready, SLO columns
  kubectl get servicemonitor,prometheusrule,configmap -n demo
  kubectl get prometheusrule orders -n demo -o yaml   # recording rules and alerts
  curl -s localhost:$op_port/metrics | grep operator_sdk   # the operator's own metrics
  logs: $run/logs
Ctrl-C stops everything.

INFO
kubectl get observedservices -A -w
