#!/usr/bin/env bash
# Container images for the local node, made here without Docker or a registry, as docker-save tarballs
# under ${SIGHTLINE_CACHE:-~/.cache/sightline}/images (each rebuilt only when its inputs change):
# - cluster/*.tar, imported into the node by node.sh under the references the manifests use: pause,
#   CoreDNS, prometheus-operator, prometheus-config-reloader, Prometheus, Alertmanager, Thanos and kube-state-metrics (one static
#   binary each, as build-binaries.sh made them);
# - debian-jre.tar, jib's base image for the operator and demo-app images (-Dsightline.base.image=tar://...):
#   Debian's openjdk-17-jre-headless and the libraries it loads, unpacked from their .deb files, with a
#   nonroot user (65532) like the distroless images.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=e2e/scripts/versions.env
source "$here/versions.env"
cache="${SIGHTLINE_CACHE:-$HOME/.cache/sightline}"
bin="$cache/bin"
out="$cache/images"
mkdir -p "$out/cluster"
pack="$bin/imagepack"
[[ -x "$pack" ]] || { echo "build-images: $pack missing: run build-binaries.sh first" >&2; exit 1; }

fresh() { # fresh <tar> <inputs...>: true when the tar exists and was built from the same inputs
  local stamp; stamp=$(cat "${@:2}" "$0" | sha256sum | cut -c1-16)
  [[ -f "$1" && -f "$1.stamp" && "$(cat "$1.stamp")" == "$stamp" ]] && return 0
  echo "$stamp" > "$1.stamp.new"
  return 1
}
done_() { mv "$1.stamp.new" "$1.stamp"; echo "build-images: $(basename "$1") built ($(du -h "$1" | cut -f1))"; }

go_image() { # go_image <name> <ref> <user> <binary> <path in image> [more imagepack flags...]
  local name=$1 ref=$2 user=$3 binary=$4 path=$5; shift 5
  local tar="$out/cluster/$name.tar"
  if fresh "$tar" "$binary" "$pack"; then echo "build-images: $name cached"; return; fi
  "$pack" -ref "$ref" -out "$tar" -user "$user" -add "$binary:$path" -entrypoint "$path" "$@"
  done_ "$tar"
}

go_image pause "registry.k8s.io/pause:$PAUSE_VERSION" 65535:65535 "$bin/pause" /pause
# non-root like upstream's image, whose binary has cap_net_bind_service (setcap) to serve on port 53
go_image coredns "registry.k8s.io/coredns/coredns:$COREDNS_VERSION" 65532:65532 "$bin/coredns" /coredns -net-bind /coredns
go_image prometheus-operator "quay.io/prometheus-operator/prometheus-operator:$PROMETHEUS_OPERATOR_VERSION" 65534:65534 \
  "$bin/prometheus-operator" /bin/operator
go_image prometheus-config-reloader "quay.io/prometheus-operator/prometheus-config-reloader:$PROMETHEUS_OPERATOR_VERSION" \
  65534:65534 "$bin/prometheus-config-reloader" /bin/prometheus-config-reloader
go_image prometheus "quay.io/prometheus/prometheus:$PROMETHEUS_VERSION" 65534:65534 "$bin/prometheus" /bin/prometheus
go_image alertmanager "quay.io/prometheus/alertmanager:$ALERTMANAGER_VERSION" 65534:65534 "$bin/alertmanager" /bin/alertmanager
go_image thanos "quay.io/thanos/thanos:$THANOS_VERSION" 65534:65534 "$bin/thanos" /bin/thanos
go_image kube-state-metrics "registry.k8s.io/kube-state-metrics/kube-state-metrics:$KUBE_STATE_METRICS_VERSION" 65534:65534 \
  "$bin/kube-state-metrics" /kube-state-metrics

# The JRE base image, from Debian packages (downloaded with apt, unpacked, never installed)
jre_packages=(openjdk-17-jre-headless libc6 libgcc-s1 libstdc++6 zlib1g)
jre_tar="$out/debian-jre.tar"
versions_file=$(mktemp)
pins=()
for p in "${jre_packages[@]}"; do
  pins+=("$p=$(apt-cache policy "$p" | sed -n 's/^  Candidate: //p')")
done
printf '%s\n' "${pins[@]}" > "$versions_file"
if fresh "$jre_tar" "$versions_file"; then
  echo "build-images: debian-jre cached"
else
  work=$(mktemp -d)
  chmod 755 "$work" # apt downloads as its own user
  (cd "$work" && apt-get download -q -o APT::Sandbox::User=root "${pins[@]}" > /dev/null)
  root="$work/root"
  mkdir -p "$root"
  for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$root"; done
  jvm=$(find "$root/usr/lib/jvm" -mindepth 1 -maxdepth 1 -type d -name 'java-17-openjdk-*' | head -1)
  mkdir -p "$root/usr/bin" "$root/etc/ssl/certs/java" "$root/tmp"
  ln -sf "${jvm#"$root"}/bin/java" "$root/usr/bin/java"
  # the JRE's cacerts link points here (Debian generates it at install time from ca-certificates)
  if [[ -f /etc/ssl/certs/java/cacerts ]]; then cp /etc/ssl/certs/java/cacerts "$root/etc/ssl/certs/java/cacerts"; fi
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnonroot:x:65532:\n' > "$root/etc/group"
  rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/locale" "$root/usr/share/lintian"
  "$pack" -ref sightline.dev/debian-jre:17 -out "$jre_tar" -dir "$root:/" -user 65532:65532 \
    -env "JAVA_HOME=${jvm#"$root"}"
  rm -rf "$work"
  done_ "$jre_tar"
fi
rm -f "$versions_file"
