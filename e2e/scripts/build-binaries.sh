#!/usr/bin/env bash
# Builds the Go programs of the local cluster and the tests from the Go module proxy, pinned by the
# go.mod/go.sum files under e2e/tools/: Kubernetes (control plane, kubelet, kube-proxy, kubeadm, kubectl),
# etcd, prometheus-operator and its config reloader, Prometheus and promtool, Alertmanager and amtool, Thanos,
# CoreDNS, kube-state-metrics, Helm, kind, Sloth (benchmarks), the CNCF Distribution registry, imagepack, the Grafana dashboard schema checkers and pause (C, gcc -static). Caches them under ${SIGHTLINE_CACHE:-~/.cache/sightline}; an entry is reused
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

# cached <module dir> <out dir> <binary>...: true (and says so) when every binary is there, built from the current pins
cached() {
  local mod=$1 out=$2; shift 2
  [[ -f "$out/.stamp-$mod" && "$(cat "$out/.stamp-$mod")" == "$(stamp_of "$mod")" ]] || return 1
  local b
  for b in "$@"; do [[ -x "$out/$b" ]] || return 1; done
  echo "build-binaries: $mod cached in $out"
}

compile() { # compile <module dir> <source dir> <out dir> <ldflags> <binary>=<package>...
  local mod=$1 src=$2 out=$3 ldflags=$4; shift 4
  echo "build-binaries: building $mod (${*%%=*}) into $out ..."
  local start=$SECONDS p
  for p in "$@"; do
    (cd "$src" && go build -trimpath -ldflags "-s -w $ldflags" -o "$out/${p%%=*}" "${p#*=}")
  done
  stamp_of "$mod" > "$out/.stamp-$mod"
  echo "build-binaries: $mod built in $((SECONDS - start))s"
}

build() { # build <module dir> <out dir> <ldflags> <binary>=<package>...
  local mod=$1 out=$2 ldflags=$3; shift 3
  cached "$mod" "$out" "${@%%=*}" || compile "$mod" "$tools/$mod" "$out" "$ldflags" "$@"
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
if ! cached alertmanager "$bin_dir" alertmanager amtool; then
  am_src=$(mktemp -d)
  cp -r "$(module_dir "github.com/prometheus/alertmanager@$ALERTMANAGER_VERSION" alertmanager)/." "$am_src"
  chmod -R u+w "$am_src"
  mkdir -p "$am_src/ui/app/dist"
  echo '<!doctype html><title>Alertmanager</title><p>Built without its web UI: the API is at /api/v2/.' \
    > "$am_src/ui/app/dist/index.html"
  compile alertmanager "$am_src" "$bin_dir" "$(version_of "$ALERTMANAGER_VERSION")" \
    alertmanager=./cmd/alertmanager amtool=./cmd/amtool
  rm -rf "$am_src"
fi
# Thanos builds from a copy of its module too: its go.mod replaces modules with forks (kingpin, gomemcache,
# galaxycache, ...), which a build of it as a dependency would ignore. And with upstream's build tags
# (.promu.yml): slicelabels, because Thanos casts its protobuf labels to Prometheus's slice representation
# (without it the sidecar and the Querier crash on their first gRPC call).
if ! cached thanos "$bin_dir" thanos; then
  th_src=$(mktemp -d)
  cp -r "$(module_dir "github.com/thanos-io/thanos@$THANOS_VERSION" thanos)/." "$th_src"
  chmod -R u+w "$th_src"
  GOFLAGS="$GOFLAGS -tags=netgo,slicelabels" \
    compile thanos "$th_src" "$bin_dir" "$(version_of "$THANOS_VERSION")" thanos=./cmd/thanos
  rm -rf "$th_src"
fi
build coredns "$bin_dir" "-X github.com/coredns/coredns/coremain.GitCommit=${COREDNS_VERSION}" \
  coredns=github.com/coredns/coredns
build helm "$bin_dir" "-X helm.sh/helm/v3/internal/version.version=${HELM_VERSION} \
  -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=${KUBE_VERSION%%.*} -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$minor" \
  helm=helm.sh/helm/v3/cmd/helm
build ksm "$bin_dir" "-X github.com/prometheus/common/version.Version=${KUBE_STATE_METRICS_VERSION#v}" \
  kube-state-metrics=k8s.io/kube-state-metrics/v2
build kind "$bin_dir" "" kind=sigs.k8s.io/kind
build registry "$bin_dir" "" registry=github.com/distribution/distribution/v3/cmd/registry
build images "$bin_dir" "" imagepack=sightline.dev/e2e/tools/images
# Sloth, the peer the benchmarks run side by side (operator/bench/scale.sh, rule-cost.sh); nothing shipped uses it
build sloth "$bin_dir" "-X github.com/slok/sloth/internal/info.Version=${SLOTH_VERSION}" sloth=github.com/slok/sloth/cmd/sloth
# Grafana's published dashboard schema, two ways (both Apache-2.0): the Go types of grafana-foundation-sdk
# (strict unmarshal and Validate), and npm @grafana/schema checked by tsc (node_modules installed once per
# package-lock.json, offline afterwards); plus Grafana's unit ids from the SDK's units package, for the lint rules
build grafana-foundation "$bin_dir" "" grafana-foundation-check=sightline.dev/e2e/tools/grafana-foundation
grafana="$cache/grafana"
mkdir -p "$grafana"
sed -n 's/^const [A-Za-z0-9_]* = "\(.*\)"$/\1/p' \
  "$(module_dir "github.com/grafana/grafana-foundation-sdk/go@$GRAFANA_FOUNDATION_SDK_VERSION" grafana-foundation)/units/types_gen.go" \
  | sort -u > "$grafana/units.txt"
schema_stamp=$(cat "$tools/grafana-schema/package.json" "$tools/grafana-schema/package-lock.json" | sha256sum | cut -c1-16)
if [[ -f "$grafana/.stamp-schema" && "$(cat "$grafana/.stamp-schema")" == "$schema_stamp" && -d "$grafana/node_modules" ]]; then
  echo "build-binaries: @grafana/schema cached in $grafana"
else
  command -v npm >/dev/null || { echo "build-binaries: npm is required (Node.js 20+)" >&2; exit 1; }
  cp "$tools/grafana-schema/package.json" "$tools/grafana-schema/package-lock.json" "$grafana/"
  (cd "$grafana" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$schema_stamp" > "$grafana/.stamp-schema"
  echo "build-binaries: @grafana/schema installed in $grafana"
fi
# pause, the sandbox every pod starts with: C, from the pinned Kubernetes module's source
pause_src="$(module_dir "k8s.io/kubernetes@v$KUBE_VERSION" kube)/build/pause/linux/pause.c"
if [[ ! -x "$bin_dir/pause" || "$pause_src" -nt "$bin_dir/pause" ]]; then
  gcc -Os -static -DVERSION="$PAUSE_VERSION" -o "$bin_dir/pause" "$pause_src"
  strip "$bin_dir/pause"
fi

# Third-party CRDs and manifests straight from the upstream modules (checksums verified by the Go checksum database).
pdir=$(module_dir "github.com/prometheus-operator/prometheus-operator@${PROMETHEUS_OPERATOR_VERSION}" promop)
gdir=$(module_dir "github.com/grafana/grafana-operator/v5@${GRAFANA_OPERATOR_VERSION}" promop)
rm -f "$crd_dir"/*.yaml
for c in servicemonitors podmonitors prometheusrules prometheuses alertmanagers alertmanagerconfigs probes \
         scrapeconfigs thanosrulers prometheusagents; do
  cp "$pdir/example/prometheus-operator-crd/monitoring.coreos.com_$c.yaml" "$crd_dir/"
done
cp "$gdir/config/crd/bases/grafana.integreatly.org_grafanadashboards.yaml" "$crd_dir/"
cp "$(module_dir "github.com/slok/sloth@${SLOTH_VERSION}" sloth)/pkg/kubernetes/gen/crd/sloth.slok.dev_prometheusservicelevels.yaml" "$crd_dir/"
chmod 644 "$crd_dir"/*.yaml
manifests="$cache/manifests/prometheus-operator"
rm -rf "$manifests" && mkdir -p "$manifests"
cp "$pdir/bundle.yaml" "$manifests/"
cp -r "$pdir/example/rbac/prometheus" "$manifests/"
chmod -R u+w "$manifests"
echo "build-binaries: CRDs in $crd_dir ($(find "$crd_dir" -name "*.yaml" | wc -l) files), prometheus-operator manifests in $manifests"
