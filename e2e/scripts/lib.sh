# shellcheck shell=bash
# Shared by the main commands on the local node (local-up.sh) and on kind (e2e/kind/up.sh), so that the
# two differ only in creating the cluster and loading the images. Source it; it defines functions only.
# The callers set: helm and kubectl (commands), ns (Sightline's namespace), root (the repository).
# shellcheck disable=SC2154

# install_stack: Sightline's CRDs (applied first: Helm installs a chart's crds/ once and never upgrades them),
# then sightline-stack with the chart's default images (the tag this build gave them), the operator's own
# ServiceMonitor, and the demo app under normal load from the load-generator Job. Each pod template carries its
# image's content digest, so a rebuilt image (same tag, pulled IfNotPresent) rolls out on the next run.
install_stack() {
  echo "stack: installing sightline-stack into namespace $ns"
  "$kubectl" apply --server-side --force-conflicts -f "$root/charts/sightline-operator/crds/" > /dev/null
  "$helm" dependency build "$root/charts/sightline-stack" > /dev/null
  "$helm" upgrade --install sightline "$root/charts/sightline-stack" --namespace "$ns" --create-namespace \
    --set sightline-operator.serviceMonitor.enabled=true \
    --set demo-app.loadGenerator.enabled=true --set demo-app.loadGenerator.duration=24h \
    --set-string "sightline-operator.podAnnotations.sightline\.dev/image-id=$(image_id "$root/operator/target/jib-image.tar")" \
    --set-string "demo-app.podAnnotations.sightline\.dev/image-id=$(image_id "$root/demo-app/target/jib-image.tar")" \
    --wait --timeout 5m > /dev/null
  "$kubectl" wait --for condition=Ready observedservice/sightline-demo-app -n "$ns" --timeout 120s > /dev/null
}

# image_id <docker-save tarball>: the image's content digest (of its config file), which changes with every
# rebuild that changes the image, whatever its tag
image_id() {
  local config
  config=$(tar -xOf "$1" manifest.json | sed -n 's/.*"Config":"\([^"]*\)".*/\1/p')
  [[ -n $config ]] || { echo "stack: $1 is not a docker-save tarball" >&2; return 1; }
  tar -xOf "$1" "$config" | sha256sum | cut -c1-12
}

# forward <namespace> <service> <local port> <remote port> <variable>: a port-forward in the background, its
# pid in forwards, once kubectl says it listens on the port. Fails, naming <variable> (the setting that moves
# the port), when another program has the port: it would answer in place of the forward.
forwards=()
forward() {
  local log
  port_free "$3" "$5" || return 1
  log=$(mktemp)
  "$kubectl" -n "$1" port-forward "svc/$2" "$3:$4" --address 127.0.0.1 > "$log" 2>&1 &
  forwards+=($!)
  local pid=$! deadline=$((SECONDS + 60))
  until grep -q "^Forwarding from 127.0.0.1:$3 " "$log"; do
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
      echo "stack: port-forward to $1/$2 on port $3 did not come up: $(cat "$log")" >&2
      rm -f "$log"
      return 1
    fi
    sleep 0.2
  done
  rm -f "$log"
}

# port_free <port> <variable>: true when nothing listens on 127.0.0.1:<port>
port_free() {
  if (: > "/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    echo "stack: port $1 is taken by another program (it would answer in place of the port-forward): stop it, or set $2 to a free port" >&2
    return 1
  fi
}

# check_ports: the ports where_to_look forwards to, all free (before the stack is brought up)
check_ports() {
  port_free "${SIGHTLINE_PROMETHEUS_PORT:-9090}" SIGHTLINE_PROMETHEUS_PORT &&
    port_free "${SIGHTLINE_ALERTMANAGER_PORT:-9093}" SIGHTLINE_ALERTMANAGER_PORT &&
    port_free "${SIGHTLINE_DEMO_PORT:-8080}" SIGHTLINE_DEMO_PORT
}

stop_forwards() {
  ((${#forwards[@]} == 0)) || kill "${forwards[@]}" 2>/dev/null || true
  forwards=()
}

# where_to_look: port-forwards to Prometheus, Alertmanager and the demo app, the dashboard JSON in a file,
# and what to type next.
where_to_look() {
  local prom=${SIGHTLINE_PROMETHEUS_PORT:-9090} am=${SIGHTLINE_ALERTMANAGER_PORT:-9093} demo=${SIGHTLINE_DEMO_PORT:-8080}
  forward monitoring prometheus-operated "$prom" 9090 SIGHTLINE_PROMETHEUS_PORT
  forward monitoring alertmanager-operated "$am" 9093 SIGHTLINE_ALERTMANAGER_PORT
  forward "$ns" sightline-demo-app "$demo" 8080 SIGHTLINE_DEMO_PORT
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
