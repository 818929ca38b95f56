#!/usr/bin/env bash
# Builds the real Kubernetes control plane (kube-apiserver, kube-controller-manager, kubectl), etcd,
# prometheus-operator, Prometheus and helm from the Go module proxy, pinned by the go.mod/go.sum files under e2e/tools/, and caches them
# under ${SIGHTLINE_CACHE:-~/.cache/sightline}. A cache entry is reused only when its go.mod/go.sum hash matches.
# It also fetches the third-party CRDs (prometheus-operator, grafana-operator) from their Go modules.
#
# Prints nothing on a warm cache except one line per component. Fails loudly on any error.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tools="$here/../tools"
# shellcheck source=e2e/scripts/versions.env
source "$here/versions.env"
cache="${SIGHTLINE_CACHE:-$HOME/.cache/sightline}"
k8s_dir="$cache/kubeapitest/k8s/${KUBE_VERSION}-linux-amd64"
bin_dir="$cache/bin"
crd_dir="$cache/crds"
mkdir -p "$k8s_dir" "$bin_dir" "$crd_dir"

command -v go >/dev/null || { echo "build-binaries: go is required" >&2; exit 1; }
export GOFLAGS="${GOFLAGS:-} -mod=mod" CGO_ENABLED=0

stamp_of() { cat "$tools/$1/go.mod" "$tools/$1/go.sum" | sha256sum | cut -c1-16; }

build() { # build <module dir> <out dir> <ldflags> <binary>=<package>...
  local mod=$1 out=$2 ldflags=$3; shift 3
  local stamp; stamp=$(stamp_of "$mod")
  if [[ -f "$out/.stamp-$mod" && "$(cat "$out/.stamp-$mod")" == "$stamp" ]]; then
    local missing=0
    for p in "$@"; do [[ -x "$out/${p%%=*}" ]] || missing=1; done
    if [[ $missing == 0 ]]; then echo "build-binaries: $mod cached in $out"; return; fi
  fi
  echo "build-binaries: building $mod (${*%%=*}) into $out ..."
  local start=$SECONDS
  for p in "$@"; do
    (cd "$tools/$mod" && go build -trimpath -ldflags "-s -w $ldflags" -o "$out/${p%%=*}" "${p#*=}")
  done
  echo "$stamp" > "$out/.stamp-$mod"
  echo "build-binaries: $mod built in $((SECONDS - start))s"
}

kube_ldflags=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  kube_ldflags+=" -X $pkg.gitVersion=v${KUBE_VERSION} -X $pkg.gitMajor=${KUBE_VERSION%%.*}"
  minor=${KUBE_VERSION#*.}; minor=${minor%%.*}
  kube_ldflags+=" -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done

build etcd "$k8s_dir" "" etcd=go.etcd.io/etcd/server/v3
build kube "$k8s_dir" "$kube_ldflags" \
  kube-apiserver=k8s.io/kubernetes/cmd/kube-apiserver \
  kube-controller-manager=k8s.io/kubernetes/cmd/kube-controller-manager \
  kubectl=k8s.io/kubernetes/cmd/kubectl
build promop "$bin_dir" "-X github.com/prometheus/common/version.Version=${PROMETHEUS_OPERATOR_VERSION#v}" \
  prometheus-operator=github.com/prometheus-operator/prometheus-operator/cmd/operator
minor=${KUBE_VERSION#*.}; minor=${minor%%.*}
build helm "$bin_dir" "-X helm.sh/helm/v3/internal/version.version=${HELM_VERSION} \
  -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=${KUBE_VERSION%%.*} -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$minor" \
  helm=helm.sh/helm/v3/cmd/helm
# Debian's prometheus package lacks Kubernetes service discovery; the local e2e needs a real one.
build prometheus "$bin_dir" "-X github.com/prometheus/common/version.Version=${PROMETHEUS_VERSION#v}" \
  prometheus=github.com/prometheus/prometheus/cmd/prometheus

# Third-party CRDs straight from the upstream modules (checksums verified by the Go checksum database).
crd_src() { (cd "$tools/promop" && go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'); }
pdir=$(crd_src "github.com/prometheus-operator/prometheus-operator@${PROMETHEUS_OPERATOR_VERSION}")
gdir=$(crd_src "github.com/grafana/grafana-operator/v5@${GRAFANA_OPERATOR_VERSION}")
rm -f "$crd_dir"/*.yaml
for c in servicemonitors podmonitors prometheusrules prometheuses alertmanagers alertmanagerconfigs probes \
         scrapeconfigs thanosrulers prometheusagents; do
  cp "$pdir/example/prometheus-operator-crd/monitoring.coreos.com_$c.yaml" "$crd_dir/"
done
cp "$gdir/config/crd/bases/grafana.integreatly.org_grafanadashboards.yaml" "$crd_dir/"
chmod 644 "$crd_dir"/*.yaml
echo "build-binaries: CRDs in $crd_dir ($(find "$crd_dir" -name "*.yaml" | wc -l) files)"
