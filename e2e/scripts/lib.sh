# shellcheck shell=bash
# Shared by the main commands on the local node (local-up.sh) and on kind (e2e/kind/up.sh), so that the
# two differ only in creating the cluster and loading the images. Source it; it defines functions only.
# The callers set: helm and kubectl (commands), ns (Sightline's namespace), root (the repository).
# shellcheck disable=SC2154

# install_stack: sightline-stack with the chart's default images (the tag this build gave them), the
# operator's own ServiceMonitor, and the demo app under normal load from the load-generator Job.
install_stack() {
  echo "stack: installing sightline-stack into namespace $ns"
  "$helm" dependency build "$root/charts/sightline-stack" > /dev/null
  "$helm" upgrade --install sightline "$root/charts/sightline-stack" --namespace "$ns" --create-namespace \
    --set sightline-operator.serviceMonitor.enabled=true \
    --set demo-app.loadGenerator.enabled=true --set demo-app.loadGenerator.duration=24h \
    --wait --timeout 5m > /dev/null
  "$kubectl" wait --for condition=Ready observedservice/sightline-demo-app -n "$ns" --timeout 120s > /dev/null
}

# forward <namespace> <service> <local port> <remote port>: a port-forward in the background, its pid
# in forwards; waits until the local port answers. The caller kills the forwards when it stops.
forwards=()
forward() {
  "$kubectl" -n "$1" port-forward "svc/$2" "$3:$4" --address 127.0.0.1 > /dev/null 2>&1 &
  forwards+=($!)
  local deadline=$((SECONDS + 30))
  until (: > "/dev/tcp/127.0.0.1/$3") 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "stack: port-forward to $1/$2 did not come up" >&2; return 1; }
    sleep 0.5
  done
}

stop_forwards() {
  ((${#forwards[@]} == 0)) || kill "${forwards[@]}" 2>/dev/null || true
  forwards=()
}

# where_to_look: port-forwards to Prometheus, Alertmanager and the demo app, the dashboard JSON in a file,
# and what to type next.
where_to_look() {
  local prom=${SIGHTLINE_PROMETHEUS_PORT:-9090} am=${SIGHTLINE_ALERTMANAGER_PORT:-9093} demo=${SIGHTLINE_DEMO_PORT:-8080}
  forward monitoring prometheus-operated "$prom" 9090
  forward monitoring alertmanager-operated "$am" 9093
  forward "$ns" sightline-demo-app "$demo" 8080
  local dashboard=${TMPDIR:-/tmp}/sightline-demo-dashboard.json
  "$kubectl" -n "$ns" get configmap sightline-demo-app-dashboard -o jsonpath='{.data.*}' > "$dashboard"
  cat <<INFO

Sightline is up, the demo app under normal load from the load-generator Job.
  ObservedServices:  kubectl get observedservices -A      (KUBECONFIG=${KUBECONFIG:-~/.kube/config})
  Prometheus:        http://127.0.0.1:$prom/targets  /alerts  /rules
  Alertmanager:      http://127.0.0.1:$am
  demo app:          http://127.0.0.1:$demo/api/orders
  error storm:       curl -X PUT http://127.0.0.1:$demo/admin/faults -d '{"*":{"errorRate":0.3}}'
                     (DemoHighErrorRate fires in about 5 minutes; faults off: -d '{}')
  dashboard JSON:    $dashboard
INFO
}
