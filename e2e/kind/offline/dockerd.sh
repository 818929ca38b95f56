#!/usr/bin/env bash
# A private Docker daemon for kind on this machine (root, no Docker of its own): Debian's docker.io
# dockerd in a network namespace of its own, with its own data-root, exec-root, socket and pid file, so
# it leaves the host's iptables, its default Docker (if any) and the local node alone. The namespace is
# linked to the host by one veth pair (host $SIGHTLINE_DOCKER_HOST_IP, namespace
# $SIGHTLINE_DOCKER_NS_IP): kind publishes its API servers on the namespace's address (e2e/kind/cluster.sh
# reads SIGHTLINE_KIND_API_ADDRESS), and pods reach this machine's JVM at the host's end. No NAT or
# forwarding on the host: the namespace reaches the host only, never the internet.
# Containers run under runc-without-sys-resource (see that file: this VM lacks CAP_SYS_RESOURCE).
#
#   dockerd.sh up      start it (idempotent); prints nothing but progress
#   dockerd.sh env     the variables that point docker and kind at it (eval "$(dockerd.sh env)")
#   dockerd.sh status  running | stopped
#   dockerd.sh pid     the daemon's process id
#   dockerd.sh down    stop it, every container with it; the data-root (images) stays
# A daemon that starts finds no container of its own: any it finds were left by a run killed before its `down`
# (a kind node that Docker restarts with a stale cluster inside), and are removed before anything uses them.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
netns=sightline-docker
state=${SIGHTLINE_DOCKER_DIR:-/var/lib/sightline-docker}
run=/run/sightline-docker
socket="$run/docker.sock"
host_if=sl-docker0
host_ip=${SIGHTLINE_DOCKER_HOST_IP:-10.213.0.1}
ns_ip=${SIGHTLINE_DOCKER_NS_IP:-10.213.0.2}
pidfile="$run/dockerd.pid"

running() { [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

# remove_containers [why]: every container of this daemon, running or not, removed (printed with why, if given)
remove_containers() {
  local ids
  ids=$(DOCKER_HOST="unix://$socket" docker ps -aq)
  [[ -n $ids ]] || return 0
  [[ -z ${1:-} ]] || echo "dockerd: removing $(wc -l <<< "$ids") container(s) $1: $(DOCKER_HOST="unix://$socket" docker ps -a --format '{{.Names}}' | paste -sd' ')"
  xargs -r env DOCKER_HOST="unix://$socket" docker rm -f <<< "$ids" > /dev/null
}

env_() {
  echo "export DOCKER_HOST=unix://$socket"
  echo "export SIGHTLINE_KIND_API_ADDRESS=$ns_ip SIGHTLINE_KIND_API_PORT=${SIGHTLINE_KIND_API_PORT:-6443}"
  echo "export SIGHTLINE_E2E_HOST_ADDRESS=$host_ip"
}

up() {
  [[ $(id -u) == 0 ]] || { echo "dockerd: needs root" >&2; exit 1; }
  command -v dockerd >/dev/null || { echo "dockerd: dockerd missing (apt-get install docker.io)" >&2; exit 1; }
  if running; then echo "dockerd: running (pid $(cat "$pidfile"))"; return; fi
  mkdir -p "$state" "$run"
  if [[ ! -e /var/run/netns/$netns ]]; then
    ip netns add "$netns"
  fi
  if ! ip link show "$host_if" >/dev/null 2>&1; then
    ip link add "$host_if" type veth peer name eth0 netns "$netns"
    ip addr add "$host_ip/30" dev "$host_if"
    ip link set "$host_if" up
  fi
  ip -n "$netns" link set lo up
  ip -n "$netns" addr replace "$ns_ip/30" dev eth0
  ip -n "$netns" link set eth0 up
  ip -n "$netns" route replace default via "$host_ip"
  # not `ip netns exec`, which remounts /sys; dockerd needs the host's
  nsenter --net="/var/run/netns/$netns" dockerd \
    --data-root "$state/data" --exec-root "$run/exec" -H "unix://$socket" --pidfile "$pidfile" \
    --add-runtime "sightline=$here/runc-without-sys-resource" --default-runtime sightline \
    --storage-driver overlay2 --log-level warn > "$state/dockerd.log" 2>&1 &
  local deadline=$((SECONDS + 60))
  until DOCKER_HOST="unix://$socket" docker info > /dev/null 2>&1; do
    ((SECONDS < deadline)) || { echo "dockerd: did not come up; $state/dockerd.log:" >&2; tail -20 "$state/dockerd.log" >&2; exit 1; }
    sleep 0.5
  done
  remove_containers "left behind by a run that was stopped before dockerd.sh down"
  echo "dockerd: up (socket $socket, network namespace $netns, $ns_ip; host end $host_ip)"
}

down() {
  if running; then
    local pid; pid=$(cat "$pidfile")
    remove_containers || true
    kill "$pid"
    local deadline=$((SECONDS + 60))
    while kill -0 "$pid" 2>/dev/null; do
      ((SECONDS < deadline)) || { kill -9 "$pid"; break; }
      sleep 0.5
    done
  fi
  ip link del "$host_if" 2>/dev/null || true
  [[ ! -e /var/run/netns/$netns ]] || ip netns del "$netns"
  echo "dockerd: stopped"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  env) env_ ;;
  pid) cat "$pidfile" ;;
  status) if running; then echo running; else echo stopped; fi ;;
  *) echo "usage: $0 up|env|status|pid|down" >&2; exit 2 ;;
esac
