#!/usr/bin/env bash
# A real single-node Kubernetes cluster on this machine, without Docker: containerd + runc + the CNI
# bridge (Debian packages), etcd and the Kubernetes binaries built by build-binaries.sh running as host
# processes (kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy), kubeadm for the
# PKI, kubeconfigs and the CoreDNS add-on, and the images build-images.sh made, imported without a registry.
# Needs root (containers, iptables, network namespaces). Not for a machine that already is a Kubernetes
# node: down removes every KUBE-*/CNI-* iptables chain and cni-* network namespace it finds.
#
#   node.sh up            start the node (after a down); prints the admin kubeconfig path last
#   node.sh load TAR...   import docker-save image tarballs (jib's, imagepack's) into the node
#   node.sh down          stop every process and container it started and remove its state
#   node.sh kubeconfig    print the admin kubeconfig path
#   node.sh status        running (a component of it is alive), stale (state left by a node that is gone:
#                         a reboot, a killed run; up removes it) or stopped
#   node.sh logs          the last lines of every component's log
#
# State lives in ${SIGHTLINE_NODE_DIR:-/var/lib/sightline-node}; logs in its logs/ directory.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=e2e/scripts/versions.env
source "$here/versions.env"
cache="${SIGHTLINE_CACHE:-$HOME/.cache/sightline}"
state="${SIGHTLINE_NODE_DIR:-/var/lib/sightline-node}"
node_name=sightline-node
bin="$cache/bin"
k8s_bin=$(echo "$cache"/kubeapitest/k8s/"${KUBE_VERSION}"-linux-*)
cni_bin=/usr/lib/cni
kubeconfig="$state/kubeconfig/super-admin.conf"

say() { echo "node: $*"; }
die() { echo "node: $*" >&2; exit 1; }

ctr_() { ctr --address "$state/containerd/containerd.sock" --namespace k8s.io "$@"; }
kubectl_() { "$k8s_bin/kubectl" --kubeconfig "$kubeconfig" "$@"; }

# wait_for <what> <seconds> <command...>: polls the command every half second until it succeeds
wait_for() {
  local what=$1 deadline=$((SECONDS + $2)); shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "$what not ready in time; see the logs in $state/logs"
    sleep 0.5
  done
}

node_ip() {
  local ip
  ip=$(ip -4 route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p' | head -1)
  [[ -n "$ip" ]] || ip=$(ip -4 -o addr show scope global | awk '{print $4}' | cut -d/ -f1 | head -1)
  [[ -n "$ip" ]] || die "this machine has no non-loopback IPv4 address for the API server to advertise;" \
    "add one: ip link add sl0 type dummy && ip addr add 10.250.0.1/32 dev sl0 && ip link set sl0 up"
  echo "$ip"
}

render() { # render <template> <output>: fills in the @NAME@ placeholders
  sed -e "s|@STATE@|$state|g" -e "s|@NODE_IP@|$ip|g" -e "s|@NODE_NAME@|$node_name|g" \
    -e "s|@KUBE_VERSION@|$KUBE_VERSION|g" -e "s|@COREDNS_VERSION@|$COREDNS_VERSION|g" \
    -e "s|@PAUSE_VERSION@|$PAUSE_VERSION|g" -e "s|@CNI_BIN@|$cni_bin|g" "$here/../node/$1" > "$2"
}

start() { # start <name> <command...>: a host process in its own session, logged, pid recorded
  local name=$1; shift
  setsid "$@" >"$state/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$state/pids/$name"
}

up() {
  [[ $(id -u) == 0 ]] || die "needs root (containers, iptables, network namespaces): run it with sudo"
  # exit 3: another node (the main command's?) owns this machine; callers must not tear it down
  case $(status) in
    running) echo "node: a node is already running (the main command's, or the tests'): $0 down stops it" >&2; exit 3 ;;
    stale) say "removing the state of a node that is no longer running (a reboot, a killed run)"; down ;;
  esac
  for b in "$k8s_bin/etcd" "$k8s_bin/kube-apiserver" "$k8s_bin/kubectl" "$k8s_bin/kube-controller-manager" \
           "$bin/kube-scheduler" "$bin/kubelet" "$bin/kube-proxy" "$bin/kubeadm" "$cni_bin/bridge"; do
    [[ -x "$b" ]] || die "$b is missing: run e2e/scripts/setup.sh first"
  done
  for c in containerd runc ctr iptables conntrack; do
    command -v "$c" >/dev/null || die "$c is missing: run e2e/scripts/setup.sh first"
  done
  local t0=$SECONDS
  ip=$(node_ip)
  mkdir -p "$state"/{logs,pids,etcd,kubelet,cni/net.d,cni/ipam,kubeconfig}
  render kubeadm.yaml.in "$state/kubeadm.yaml"
  render containerd.toml.in "$state/containerd.toml"
  render cni.conflist.in "$state/cni/net.d/10-sightline.conflist"
  render kubelet.yaml.in "$state/kubelet.yaml"
  render kube-proxy.yaml.in "$state/kube-proxy.yaml"
  # CoreDNS forwards what is not cluster-local to the host's resolvers; a loopback one would be CoreDNS
  # itself inside its pod (its loop plugin stops it), so those are left out
  grep -E '^nameserver ' /etc/resolv.conf 2>/dev/null | grep -vE ' (127\.|::1)' > "$state/resolv.conf" || true
  [[ -s "$state/resolv.conf" ]] || echo "nameserver 192.0.2.53" > "$state/resolv.conf" # documentation range: no answer

  say "PKI and kubeconfigs (kubeadm)"
  "$bin/kubeadm" init phase certs all --config "$state/kubeadm.yaml" > "$state/logs/kubeadm.log" 2>&1
  "$bin/kubeadm" init phase kubeconfig all --config "$state/kubeadm.yaml" \
    --kubeconfig-dir "$state/kubeconfig" >> "$state/logs/kubeadm.log" 2>&1
  "$bin/kubeadm" kubeconfig user --config "$state/kubeadm.yaml" --client-name system:kube-proxy \
    > "$state/kubeconfig/kube-proxy.conf" 2>> "$state/logs/kubeadm.log"

  say "kernel settings for pod networking and Service VIPs"
  sysctl -q -w net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1 net.bridge.bridge-nf-call-ip6tables=1

  local pki=$state/pki
  start containerd containerd --config "$state/containerd.toml"
  start etcd "$k8s_bin/etcd" --data-dir "$state/etcd" --listen-client-urls http://127.0.0.1:23790 \
    --advertise-client-urls http://127.0.0.1:23790 --listen-peer-urls http://127.0.0.1:23800 \
    --initial-advertise-peer-urls http://127.0.0.1:23800 --initial-cluster default=http://127.0.0.1:23800 \
    --log-level warn
  start kube-apiserver "$k8s_bin/kube-apiserver" --advertise-address "$ip" --secure-port 6443 \
    --etcd-servers http://127.0.0.1:23790 --service-cluster-ip-range 10.96.0.0/16 \
    --client-ca-file "$pki/ca.crt" --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --kubelet-client-certificate "$pki/apiserver-kubelet-client.crt" --kubelet-client-key "$pki/apiserver-kubelet-client.key" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --proxy-client-cert-file "$pki/front-proxy-client.crt" --proxy-client-key-file "$pki/front-proxy-client.key" \
    --requestheader-client-ca-file "$pki/front-proxy-ca.crt" --requestheader-allowed-names front-proxy-client \
    --requestheader-username-headers X-Remote-User --requestheader-group-headers X-Remote-Group \
    --requestheader-extra-headers-prefix X-Remote-Extra- \
    --kubelet-preferred-address-types InternalIP,Hostname \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction --allow-privileged=true \
    --profiling=false
  wait_for "containerd" 30 ctr_ version
  wait_for "kube-apiserver" 90 kubectl_ get --raw /readyz
  say "API server ready at https://$ip:6443 ($((SECONDS - t0))s)"
  # what kubeadm init binds: its admin.conf group, and the API server's client for logs, exec and
  # port-forward through the kubelet
  kubectl_ create clusterrolebinding kubeadm:cluster-admins --clusterrole cluster-admin \
    --group kubeadm:cluster-admins > /dev/null
  kubectl_ create clusterrolebinding kubeadm:kubelet-api-admin --clusterrole system:kubelet-api-admin \
    --user kube-apiserver-kubelet-client > /dev/null

  local kc=$state/kubeconfig
  start kube-controller-manager "$k8s_bin/kube-controller-manager" --kubeconfig "$kc/controller-manager.conf" \
    --authentication-kubeconfig "$kc/controller-manager.conf" --authorization-kubeconfig "$kc/controller-manager.conf" \
    --bind-address 127.0.0.1 --leader-elect=false --use-service-account-credentials \
    --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" --root-ca-file "$pki/ca.crt" \
    --service-account-private-key-file "$pki/sa.key" --controllers '*,-bootstrapsigner,-tokencleaner' --profiling=false
  start kube-scheduler "$bin/kube-scheduler" --kubeconfig "$kc/scheduler.conf" \
    --authentication-kubeconfig "$kc/scheduler.conf" --authorization-kubeconfig "$kc/scheduler.conf" \
    --bind-address 127.0.0.1 --leader-elect=false --profiling=false
  # --containerd: the kubelet's cAdvisor reads container names and pod labels from containerd at this socket
  # (its default is /run/containerd/containerd.sock); without it /metrics/cadvisor has no pod or container labels
  start kubelet "$bin/kubelet" --config "$state/kubelet.yaml" --kubeconfig "$kc/kubelet.conf" \
    --root-dir "$state/kubelet" --hostname-override "$node_name" --node-ip "$ip" \
    --containerd "$state/containerd/containerd.sock"
  start kube-proxy "$bin/kube-proxy" --config "$state/kube-proxy.yaml"

  say "images"
  load "$cache"/images/cluster/*.tar

  wait_for "node $node_name registered" 120 kubectl_ get node "$node_name"
  say "CoreDNS (kubeadm add-on)"
  "$bin/kubeadm" init phase addon coredns --config "$state/kubeadm.yaml" --kubeconfig "$kubeconfig" \
    >> "$state/logs/kubeadm.log" 2>&1
  wait_for "node $node_name Ready" 120 kubectl_ wait --for condition=Ready "node/$node_name" --timeout 1s
  wait_for "CoreDNS" 120 kubectl_ -n kube-system rollout status deployment/coredns --timeout 1s
  say "up in $((SECONDS - t0))s"
  echo "$kubeconfig"
}

load() {
  local t
  for t in "$@"; do
    [[ -f "$t" ]] || die "image tarball $t missing: run e2e/scripts/setup.sh (cluster images) or build the jib tars"
    ctr_ images import "$t" > /dev/null || die "could not import $t"
  done
}

down() {
  [[ -d "$state" ]] || { say "nothing to stop"; return 0; }
  # the kubelet first (it would restart containers), then every pod's container, then the rest
  stop_process kubelet
  if [[ -f "$state/pids/containerd" ]] && ctr_ version >/dev/null 2>&1; then
    local task
    for task in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks kill -s SIGKILL "$task" >/dev/null 2>&1 || true; done
  fi
  local name
  for name in kube-proxy kube-scheduler kube-controller-manager kube-apiserver etcd containerd; do stop_process "$name"; done
  # whatever is left in the pods' cgroups (shims, containers) goes too
  find /sys/fs/cgroup/*/kubepods -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u | xargs -r kill -9 2>/dev/null || true
  pkill -9 -f "containerd-shim-runc-v2 .*-address $state/" 2>/dev/null || true
  if [[ -x "$bin/kube-proxy" ]]; then "$bin/kube-proxy" --cleanup >/dev/null 2>&1 || true; fi
  remove_chains
  ip link delete sl-cni0 2>/dev/null || true
  { grep -E " $state/| /run/netns/cni-" /proc/mounts || true; } | awk '{print $2}' | sort -r |
    while read -r m; do umount -l "$m" 2>/dev/null || true; done
  local ns
  for ns in $(ip netns list 2>/dev/null | awk '/^cni-/{print $1}'); do ip netns delete "$ns" 2>/dev/null || true; done
  find /sys/fs/cgroup/*/kubepods -depth -type d -exec rmdir {} \; 2>/dev/null || true
  rm -rf "$state"
  say "stopped and removed $state"
}

# remove_chains: the iptables chains the CNI plugins, the kubelet and kube-proxy made (CNI-*, KUBE-*),
# and the rules of the built-in chains that jump to them
remove_chains() {
  local table chain rule
  for table in nat filter mangle; do
    { iptables -t "$table" -S 2>/dev/null || true; } | { grep -E -- '^-A [A-Z]+ .*-j (CNI|KUBE)-' || true; } |
      sed 's/^-A/-D/' | while read -r rule; do eval "iptables -t $table $rule" 2>/dev/null || true; done
    for chain in $(iptables -t "$table" -S 2>/dev/null | awk '/^-N (CNI|KUBE)-/{print $2}'); do
      iptables -t "$table" -F "$chain" 2>/dev/null || true
    done
    for chain in $(iptables -t "$table" -S 2>/dev/null | awk '/^-N (CNI|KUBE)-/{print $2}'); do
      iptables -t "$table" -X "$chain" 2>/dev/null || true
    done
  done
}

# status: running when a process the node started is still alive, stale when only its state is left
status() {
  if [[ ! -e "$state" ]]; then echo stopped; return; fi
  local f
  for f in "$state"/pids/*; do
    if [[ -f "$f" ]] && alive "$(basename "$f")" "$(cat "$f")"; then echo running; return; fi
  done
  echo stale
}

# alive <name> <pid>: the process is running and still the component started under that name (after a
# reboot the pid may belong to something else, which must not be killed)
alive() {
  kill -0 "$2" 2>/dev/null && tr '\0' ' ' < "/proc/$2/cmdline" 2>/dev/null | grep -q -- "$1"
}

stop_process() {
  local f="$state/pids/$1" pid
  [[ -f "$f" ]] || return 0
  pid=$(cat "$f")
  if ! alive "$1" "$pid"; then rm -f "$f"; return 0; fi
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$f"
}

case "${1:-}" in
  up) up ;;
  logs) tail -n 20 "$state"/logs/*.log ;;
  down) down ;;
  load) shift; load "$@" ;;
  kubeconfig) echo "$kubeconfig" ;;
  status) status ;;
  *) echo "usage: $0 up|down|load TAR...|kubeconfig|logs|status" >&2; exit 2 ;;
esac
