#!/usr/bin/env bash
# Builds the Go programs of the local cluster and the tests from the Go module proxy, pinned by the
# go.mod/go.sum files under e2e/tools/: Kubernetes (control plane, kubelet, kube-proxy, kubeadm, kubectl),
# etcd, prometheus-operator and its config reloader, Prometheus and promtool, Alertmanager and amtool,
# CoreDNS, Helm and imagepack. Caches them under ${SIGHTLINE_CACHE:-~/.cache/sightline}; an entry is reused
# only while its go.mod/go.sum (and, for imagepack, source) hash matches. Also fetches the third-party CRDs (prometheus-operator,
# grafana-operator) and prometheus-operator's own manifests from their Go modules.
#
# Prints one line per component on a warm cache. Fails loudly on any error.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tools="$here/../tools"
# shellcheck source=e2e/scripts/versions.env
source "$here/versions.env"
cache="${SIGHTLINE_CACHE:-$HOME/.cache/sightline}"
command -v go >/dev/null || { echo "build-binaries: go is required" >&2; exit 1; }
arch=$(go env GOARCH)
# kube-api-test (the operator's integration tests) looks for etcd, kube-apiserver and kubectl here
k8s_dir="$cache/kubeapitest/k8s/${KUBE_VERSION}-linux-$arch"
bin_dir="$cache/bin"
crd_dir="$cache/crds"
mkdir -p "$k8s_dir" "$bin_dir" "$crd_dir"
export GOFLAGS="${GOFLAGS:-} -mod=mod" CGO_ENABLED=0

# the pins, and the source of a tool of our own (imagepack)
stamp_of() {
  local files=("$tools/$1/go.mod" "$tools/$1/go.sum")
  mapfile -t -O 2 files < <(find "$tools/$1" -maxdepth 1 -name '*.go' | sort)
  cat "${files[@]}" | sha256sum | cut -c1-16
}

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
minor=${KUBE_VERSION#*.}; minor=${minor%%.*}
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  kube_ldflags+=" -X $pkg.gitVersion=v${KUBE_VERSION} -X $pkg.gitMajor=${KUBE_VERSION%%.*}"
  kube_ldflags+=" -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done
module_dir() { (cd "$tools/$2" && go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'); }
version_of() { echo "-X github.com/prometheus/common/version.Version=${1#v}"; }

build etcd "$k8s_dir" "" etcd=go.etcd.io/etcd/server/v3
build kube "$k8s_dir" "$kube_ldflags" \
  kube-apiserver=k8s.io/kubernetes/cmd/kube-apiserver \
  kube-controller-manager=k8s.io/kubernetes/cmd/kube-controller-manager \
  kubectl=k8s.io/kubernetes/cmd/kubectl
build kube "$bin_dir" "$kube_ldflags" \
  kube-scheduler=k8s.io/kubernetes/cmd/kube-scheduler \
  kubelet=k8s.io/kubernetes/cmd/kubelet \
  kube-proxy=k8s.io/kubernetes/cmd/kube-proxy \
  kubeadm=k8s.io/kubernetes/cmd/kubeadm
build promop "$bin_dir" "$(version_of "$PROMETHEUS_OPERATOR_VERSION")" \
  prometheus-operator=github.com/prometheus-operator/prometheus-operator/cmd/operator \
  prometheus-config-reloader=github.com/prometheus-operator/prometheus-operator/cmd/prometheus-config-reloader
build prometheus "$bin_dir" "$(version_of "$PROMETHEUS_VERSION")" \
  prometheus=github.com/prometheus/prometheus/cmd/prometheus \
  promtool=github.com/prometheus/prometheus/cmd/promtool
# Alertmanager embeds its web UI from ui/app/dist, which is built with npm/Elm and is not in the module zip.
# It is built from a copy of its module (with its own go.mod and go.sum, as upstream builds it) that has a
# one-page placeholder there; the API, which everything here uses, is untouched.
am_stamp=$(stamp_of alertmanager)
if [[ -f "$bin_dir/.stamp-alertmanager" && "$(cat "$bin_dir/.stamp-alertmanager")" == "$am_stamp" &&
      -x "$bin_dir/alertmanager" && -x "$bin_dir/amtool" ]]; then
  echo "build-binaries: alertmanager cached in $bin_dir"
else
  echo "build-binaries: building alertmanager (alertmanager amtool) into $bin_dir ..."
  am_start=$SECONDS
  am_src=$(mktemp -d)
  cp -r "$(module_dir "github.com/prometheus/alertmanager@$ALERTMANAGER_VERSION" alertmanager)/." "$am_src"
  chmod -R u+w "$am_src"
  mkdir -p "$am_src/ui/app/dist"
  echo '<!doctype html><title>Alertmanager</title><p>Built without its web UI: the API is at /api/v2/.' \
    > "$am_src/ui/app/dist/index.html"
  for cmd in alertmanager amtool; do
    (cd "$am_src" && go build -trimpath -ldflags "-s -w $(version_of "$ALERTMANAGER_VERSION")" \
      -o "$bin_dir/$cmd" "./cmd/$cmd")
  done
  rm -rf "$am_src"
  echo "$am_stamp" > "$bin_dir/.stamp-alertmanager"
  echo "build-binaries: alertmanager built in $((SECONDS - am_start))s"
fi
build coredns "$bin_dir" "-X github.com/coredns/coredns/coremain.GitCommit=${COREDNS_VERSION}" \
  coredns=github.com/coredns/coredns
build helm "$bin_dir" "-X helm.sh/helm/v3/internal/version.version=${HELM_VERSION} \
  -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=${KUBE_VERSION%%.*} -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$minor" \
  helm=helm.sh/helm/v3/cmd/helm
build images "$bin_dir" "" imagepack=sightline.dev/e2e/tools/images

# Third-party CRDs and manifests straight from the upstream modules (checksums verified by the Go checksum database).
pdir=$(module_dir "github.com/prometheus-operator/prometheus-operator@${PROMETHEUS_OPERATOR_VERSION}" promop)
gdir=$(module_dir "github.com/grafana/grafana-operator/v5@${GRAFANA_OPERATOR_VERSION}" promop)
rm -f "$crd_dir"/*.yaml
for c in servicemonitors podmonitors prometheusrules prometheuses alertmanagers alertmanagerconfigs probes \
         scrapeconfigs thanosrulers prometheusagents; do
  cp "$pdir/example/prometheus-operator-crd/monitoring.coreos.com_$c.yaml" "$crd_dir/"
done
cp "$gdir/config/crd/bases/grafana.integreatly.org_grafanadashboards.yaml" "$crd_dir/"
chmod 644 "$crd_dir"/*.yaml
manifests="$cache/manifests/prometheus-operator"
rm -rf "$manifests" && mkdir -p "$manifests"
cp "$pdir/bundle.yaml" "$manifests/"
cp -r "$pdir/example/rbac/prometheus" "$manifests/"
chmod -R u+w "$manifests"
echo "build-binaries: CRDs in $crd_dir ($(find "$crd_dir" -name "*.yaml" | wc -l) files), prometheus-operator manifests in $manifests"
