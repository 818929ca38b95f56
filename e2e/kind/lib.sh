# shellcheck shell=bash
# Shared by e2e/kind/*.sh (source it after e2e/scripts/versions.env; it defines functions only).

say() { echo "kind: $*" >&2; }
die() { say "$*"; exit 1; }

# The kubeconfig of one kind cluster: a file of its own, so that creating and deleting clusters leaves the
# user's ~/.kube/config and its current context alone (SIGHTLINE_KIND_KUBECONFIG overrides it).
kind_kubeconfig() { # kind_kubeconfig <cluster>
  echo "${SIGHTLINE_KIND_KUBECONFIG:-${XDG_CACHE_HOME:-$HOME/.cache}/sightline/kind-$1.kubeconfig}"
}

# version_at_least <have> <want>: true when version <have> (v1.2.3, extra words ignored) is <want> or newer
version_at_least() {
  local have=${1#v} want=${2#v}
  have=${have%%[^0-9.]*}
  [[ -n $have && $(printf '%s\n' "$want" "$have" | sort -V | head -1) == "$want" ]]
}

# check_tools: what cluster.sh needs, each with a way to get it, Docker answering, kind new enough
check_tools() {
  local tool
  for tool in docker kind kubectl helm mvn java; do
    command -v "$tool" > /dev/null || die "$tool is required on PATH (see README: a laptop with Docker and kind)"
  done
  docker info > /dev/null 2>&1 ||
    die "Docker does not answer (docker info failed): start Docker (Docker Desktop, colima, dockerd) or set DOCKER_HOST"
  local have
  have=$(kind version 2>/dev/null | awk '{print $2}')
  version_at_least "$have" "$KIND_MIN_VERSION" ||
    die "kind ${have:-(unknown version)} is too old: $KIND_MIN_VERSION or newer is needed (go install sigs.k8s.io/kind@$KIND_VERSION)"
}

# cluster_exists <name>: kind's whole answer read first (grep -q on a pipe can end kind with SIGPIPE, which
# pipefail would report as "absent")
cluster_exists() {
  local clusters
  clusters=$(kind get clusters 2>/dev/null) || return 1
  grep -qxF -- "$1" <<< "$clusters"
}

# The node image: kind's image of the tested Kubernetes version (kind's own default is newer and untested here)
node_image() {
  echo "${KIND_NODE_IMAGE:-kindest/node:v$KUBE_VERSION}"
}

# kps_args <values file>: helm's arguments for kube-prometheus-stack: the pinned chart, the values Sightline
# expects (Grafana's sidecar folders, 15 s scrapes), and the Prometheus and Alertmanager versions tested here in
# place of the ones the chart pairs
kps_args() {
  printf '%s\n' --version "$KUBE_PROMETHEUS_STACK_VERSION" -f "$1" \
    --set "prometheus.prometheusSpec.image.tag=$PROMETHEUS_VERSION" \
    --set "alertmanager.alertmanagerSpec.image.tag=$ALERTMANAGER_VERSION"
}

# The kind Cluster configuration: Kubernetes $KUBE_VERSION (the tested version, not kind's default), the API
# server on SIGHTLINE_KIND_API_ADDRESS (and SIGHTLINE_KIND_API_PORT) when set (a Docker daemon in another
# network namespace or machine), the kubelet refreshing mounted ConfigMaps every 10 s as on the local node, and on
# a cgroup v1 Docker host the kubelet told to run there (1.35+ refuses cgroup v1 unless failCgroupV1 is false).
kind_config() { # kind_config <image> <cgroup version>
  cat <<YAML
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
    image: $1
YAML
  if [[ -n ${SIGHTLINE_KIND_API_ADDRESS:-} ]]; then
    printf 'networking:\n  apiServerAddress: "%s"\n' "$SIGHTLINE_KIND_API_ADDRESS"
    # kind picks a free port by listening on that address here, which it cannot where the address is not this
    # machine's own (a daemon in another network namespace): then the port is given
    if [[ -n ${SIGHTLINE_KIND_API_PORT:-} ]]; then
      printf '  apiServerPort: %s\n' "$SIGHTLINE_KIND_API_PORT"
    fi
  fi
  cat <<YAML
kubeadmConfigPatches:
  - |
    kind: KubeletConfiguration
    syncFrequency: 10s
YAML
  if [[ $2 == 1 ]]; then
    echo "    failCgroupV1: false"
  fi
}

# host_address_for <docker OS> <docker security options> <DOCKER_HOST> <kind network gateway>: an address of
# this machine that pods reach (the suite's webhook receiver): SIGHTLINE_E2E_HOST_ADDRESS when set; Docker
# Desktop's and colima's (lima's) names for the host, rootless Docker's slirp4netns host address; the kind
# network's gateway only where Docker runs natively on this machine.
host_address_for() {
  if [[ -n ${SIGHTLINE_E2E_HOST_ADDRESS:-} ]]; then echo "$SIGHTLINE_E2E_HOST_ADDRESS"; return; fi
  case "$1|$2|$3" in
    *"Docker Desktop"*) echo host.docker.internal ;;
    *colima* | *lima*) echo host.lima.internal ;;
    *rootless*) echo 10.0.2.2 ;;
    *) [[ -n $4 ]] || return 1; echo "$4" ;;
  esac
}

host_address() {
  local info gateway
  info=$(docker info -f '{{.OperatingSystem}}|{{json .SecurityOptions}}')
  gateway=$(docker network inspect kind -f '{{range .IPAM.Config}}{{.Gateway}} {{end}}' 2>/dev/null |
    tr ' ' '\n' | grep -m1 -E '^[0-9.]+$' || true)
  host_address_for "${info%%|*}" "${info#*|}" "${DOCKER_HOST:-$(docker context inspect -f '{{.Endpoints.docker.Host}}' 2>/dev/null || true)}" "$gateway" ||
    die "cannot tell which address of this machine pods reach: set SIGHTLINE_E2E_HOST_ADDRESS"
}

# secret_value <namespace> <secret> <key>: one value of a Secret, decoded by kubectl itself (`base64 -d` is
# `base64 -D` on older macOS)
secret_value() {
  kubectl -n "$1" get secret "$2" -o go-template="{{index .data \"$3\" | base64decode}}"
}
