#!/usr/bin/env bash
# A kind node image for Kubernetes $KUBE_VERSION assembled offline, for machines with no registry (this one:
# kind's published images cannot be pulled). It holds what kind v0.33.0's own source says a node image holds
# (images/base/Dockerfile, pkg/build/nodeimage), taken from the places this project already builds from:
# - a Debian rootfs (debootstrap) with the packages kind's base image installs, and Debian's containerd,
#   runc and CNI plugins in place of the ones kind compiles;
# - kind's base files (entrypoint, systemd units, containerd config, /kind/bin) from its Go module;
# - kubeadm, kubelet and kubectl as e2e/scripts/build-binaries.sh built them, /kind/version;
# - the images `kubeadm config images list` names (API server, controller manager, scheduler, kube-proxy,
#   etcd, CoreDNS, pause), packed like e2e/scripts/build-images.sh packs images and imported into the
#   node's containerd (namespace k8s.io) before it first boots, as `kind build node-image` does.
# Two differences, for this machine: kindnetd's module is not served, so the node carries a bridge CNI
# configuration of its own (one node, kind's pod subnet) and an empty default-cni manifest; and containerd
# runs with restrict_oom_score_adj (this VM lacks CAP_SYS_RESOURCE, as e2e/node/containerd.toml.in says).
#
# Cached in ${SIGHTLINE_CACHE:-~/.cache/sightline}/kind as a docker-save tarball keyed by its inputs;
# loaded into the Docker daemon $DOCKER_HOST names when that lacks it. Prints the image reference last.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scripts="$here/../../scripts"
# shellcheck source=e2e/scripts/versions.env
source "$scripts/versions.env"
cache="${SIGHTLINE_CACHE:-$HOME/.cache/sightline}"
out="$cache/kind"
bin="$cache/bin"
k8s_bin=$(echo "$cache"/kubeapitest/k8s/"${KUBE_VERSION}"-linux-*)
pack="$bin/imagepack"
say() { echo "node-image: $*" >&2; }
die() { say "$*"; exit 1; }
[[ $(id -u) == 0 ]] || die "needs root (debootstrap, chroot)"
for b in "$bin/kubeadm" "$bin/kubelet" "$k8s_bin/kubectl" "$k8s_bin/kube-apiserver" "$k8s_bin/kube-controller-manager" \
         "$bin/kube-scheduler" "$bin/kube-proxy" "$k8s_bin/etcd" "$bin/coredns" "$bin/pause" "$pack" "$bin/kind"; do
  [[ -x $b ]] || die "$b missing: run e2e/scripts/setup.sh first"
done
for c in debootstrap docker ctr containerd jq; do command -v "$c" >/dev/null || die "$c is required"; done
mkdir -p "$out"
kind_src=$(cd "$here/../../tools/kind" && GOFLAGS=-mod=mod go mod download -json sigs.k8s.io/kind |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[[ -d "$kind_src/images/base/files" ]] || die "kind's module has no images/base/files ($kind_src)"

# The rootfs: kind's package list (images/base/Dockerfile) less what only rootless or storage tests use
# (fuse-overlayfs, nfs-common, open-iscsi), plus Debian's container runtime and CNI plugins.
suite=bookworm
packages=(systemd systemd-sysv dbus conntrack iptables nftables iproute2 ethtool util-linux mount kmod libseccomp2
  pigz e2fsprogs bash ca-certificates curl jq procps containerd runc containernetworking-plugins)
rootfs_key=$(printf '%s\n' "$suite" "${packages[@]}" | sha256sum | cut -c1-12)
rootfs_tar="$out/rootfs-$suite-$rootfs_key.tar"
if [[ ! -f $rootfs_tar ]]; then
  say "debootstrap $suite (${#packages[@]} packages)"
  t0=$SECONDS
  tmp=$(mktemp -d "$out/rootfs.XXXX")
  debootstrap --variant=minbase --include="$(IFS=,; echo "${packages[*]}")" "$suite" "$tmp/root" \
    > "$out/debootstrap.log" 2>&1 || { tail -20 "$out/debootstrap.log" >&2; die "debootstrap failed"; }
  rm -rf "$tmp/root/var/cache/apt/archives"/*.deb "$tmp/root/var/lib/apt/lists"/*
  tar -C "$tmp/root" -cf "$rootfs_tar.new" .
  mv "$rootfs_tar.new" "$rootfs_tar"
  rm -rf "$tmp"
  say "rootfs in $((SECONDS - t0))s ($(du -h "$rootfs_tar" | cut -f1))"
fi

# The images kubeadm of this version asks for, by the references it asks for them under, running as upstream's
# do (the control plane as root: kubeadm's static pods read its root-only PKI). CoreDNS and etcd are
# this project's pinned builds (versions.env) under kubeadm's references, as kind's images hold whatever
# kubeadm pins; the control plane images are the binaries of $KUBE_VERSION built here.
kubeadm_images=$("$bin/kubeadm" config images list --kubernetes-version "v$KUBE_VERSION" 2>/dev/null)
[[ -n $kubeadm_images ]] || die "kubeadm config images list printed nothing"
# kube-proxy runs iptables and conntrack: Debian's, unpacked from their .deb files (like build-images.sh's JRE)
proxy_packages=(iptables libip4tc2 libip6tc2 libxtables12 libnftnl11 libmnl0 libnetfilter-conntrack3 libnfnetlink0
  conntrack libc6 libgcc-s1)
pins=()
for p in "${proxy_packages[@]}"; do pins+=("$p=$(apt-cache policy "$p" | sed -n 's/^  Candidate: //p')"); done
inputs=$(
  { printf '%s\n' "$kubeadm_images" "${pins[@]}" "$rootfs_key" "$KUBE_VERSION" "$PAUSE_VERSION"
    cat "$0" "$here/../../tools/kind/go.sum"
    for b in kubeadm kubelet kube-scheduler kube-proxy coredns pause; do cat "$bin/$b.stamp" 2>/dev/null || sha256sum "$bin/$b"; done
    sha256sum "$k8s_bin/kubectl" "$k8s_bin/kube-apiserver" "$k8s_bin/kube-controller-manager" "$k8s_bin/etcd"
  } | sha256sum | cut -c1-12)
ref="sightline.dev/kind-node:v$KUBE_VERSION-$inputs"
image_tar="$out/node-v$KUBE_VERSION-$inputs.tar"

if [[ ! -f $image_tar ]]; then
  t0=$SECONDS
  work=$(mktemp -d "$out/node.XXXX")
  chmod 755 "$work"
  trap 'pkill -f "containerd --config $work/containerd.toml" 2>/dev/null || true; rm -rf "$work"' EXIT
  root="$work/root"
  mkdir -p "$root" "$work/images"
  tar -C "$root" -xf "$rootfs_tar"

  say "images: $(tr '\n' ' ' <<< "$kubeadm_images")"
  image() { # image <kubeadm image name> <imagepack flags...>
    local r; r=$(grep -E "^registry\.k8s\.io/($1):" <<< "$kubeadm_images") || die "kubeadm names no $1 image"
    "$pack" -ref "$r" -out "$work/images/${1##*/}.tar" -env PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${@:2}"
  }
  image kube-apiserver -add "$k8s_bin/kube-apiserver:/usr/local/bin/kube-apiserver" \
    -entrypoint /usr/local/bin/kube-apiserver
  image kube-controller-manager -add "$k8s_bin/kube-controller-manager:/usr/local/bin/kube-controller-manager" \
    -entrypoint /usr/local/bin/kube-controller-manager
  image kube-scheduler -add "$bin/kube-scheduler:/usr/local/bin/kube-scheduler" \
    -entrypoint /usr/local/bin/kube-scheduler
  image etcd -add "$k8s_bin/etcd:/usr/local/bin/etcd" -entrypoint /usr/local/bin/etcd
  image coredns/coredns -user 65532:65532 -add "$bin/coredns:/coredns" -net-bind /coredns -entrypoint /coredns
  image pause -user 65535:65535 -add "$bin/pause:/pause" -entrypoint /pause
  proxy="$work/proxy"
  mkdir -p "$proxy/debs" "$proxy/root/usr/local/bin"
  (cd "$proxy/debs" && apt-get download -q -o APT::Sandbox::User=root "${pins[@]}" > /dev/null)
  for deb in "$proxy/debs"/*.deb; do dpkg-deb -x "$deb" "$proxy/root"; done
  for t in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
    ln -sf "xtables-nft-multi" "$proxy/root/usr/sbin/$t" # the mode Debian and kind's entrypoint choose here
  done
  rm -rf "$proxy/root/usr/share"
  cp "$bin/kube-proxy" "$proxy/root/usr/local/bin/kube-proxy"
  image kube-proxy -dir "$proxy/root:/" -entrypoint /usr/local/bin/kube-proxy

  say "kind's base files ($kind_src/images/base/files)"
  files="$kind_src/images/base/files"
  install -D -m 0755 -t "$root/usr/local/bin" "$files"/usr/local/bin/*
  mkdir -p "$root/kind/bin" "$root/LICENSES"
  cp -r "$files/kind/." "$root/kind/"
  chmod -R u+w,go+r "$root/kind" && chmod 0755 "$root/kind" "$root/kind/bin" "$root"/kind/bin/*
  cp "$files/LICENSES/README.txt" "$root/LICENSES/"
  for d in etc etc/containerd etc/default etc/sysctl.d etc/systemd/system etc/systemd/system/kubelet.service.d; do
    mkdir -p "$root/$d"
    find "$files/$d" -maxdepth 1 -type f -exec install -m 0644 -t "$root/$d" {} +
  done
  # kind's Dockerfile steps, in the rootfs
  find "$root/lib/systemd/system/sysinit.target.wants/" -name systemd-tmpfiles-setup.service -delete
  rm -f "$root"/lib/systemd/system/multi-user.target.wants/* "$root"/etc/systemd/system/*.wants/* \
    "$root"/lib/systemd/system/local-fs.target.wants/* "$root"/lib/systemd/system/sockets.target.wants/*udev* \
    "$root"/lib/systemd/system/sockets.target.wants/*initctl* "$root"/lib/systemd/system/basic.target.wants/*
  echo "ReadKMsg=no" >> "$root/etc/systemd/journald.conf"
  ln -sf /usr/lib/systemd/systemd "$root/sbin/init"
  systemctl --root="$root" enable kubelet.service containerd.service undo-mount-hacks.service > /dev/null 2>&1
  systemctl --root="$root" mask systemd-binfmt.service > /dev/null 2>&1
  mkdir -p "$root/etc/kubernetes/manifests"
  # Debian's containerd, runc and CNI plugins where kind's units and config look for them
  ln -sf /usr/bin/containerd "$root/usr/local/bin/containerd"
  mkdir -p "$root/opt/cni"
  ln -sfn /usr/lib/cni "$root/opt/cni/bin"
  ctr oci spec | jq '.hooks.createContainer[.hooks.createContainer| length] |= . + {"path": "/kind/bin/mount-product-files.sh"}' |
    jq 'del(.process.rlimits)' > "$root/etc/containerd/cri-base.json"
  sed -i -e "s|sandbox_image = .*|sandbox_image = \"registry.k8s.io/pause:$PAUSE_VERSION\"|" \
    -e 's/restrict_oom_score_adj = false/restrict_oom_score_adj = true/' "$root/etc/containerd/config.toml"
  # what `kind build node-image` adds
  install -m 0755 "$bin/kubeadm" "$bin/kubelet" "$k8s_bin/kubectl" "$root/usr/bin/"
  echo "v$KUBE_VERSION" > "$root/kind/version"
  mkdir -p "$root/kind/manifests" "$root/etc/cni/net.d"
  cat > "$root/etc/cni/net.d/10-sightline.conflist" <<'CNI'
{
  "cniVersion": "1.0.0",
  "name": "sightline",
  "plugins": [
    {"type": "bridge", "bridge": "kind-cni0", "isGateway": true, "ipMasq": true, "hairpinMode": true,
     "ipam": {"type": "host-local", "ranges": [[{"subnet": "10.244.0.0/24"}]], "routes": [{"dst": "0.0.0.0/0"}]}},
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
CNI
  cat > "$root/kind/manifests/default-cni.yaml" <<'CNI'
# This node image's pod network is the bridge configuration in /etc/cni/net.d (one node, kind's pod subnet):
# kindnetd's module is not served where the image was built. kind applies this file in place of kindnetd.
apiVersion: v1
kind: ConfigMap
metadata: {name: sightline-node-cni, namespace: kube-system}
data: {cni: "bridge + host-local 10.244.0.0/24 + portmap, /etc/cni/net.d/10-sightline.conflist"}
CNI

  say "importing the images into the node's containerd (namespace k8s.io)"
  cat > "$work/containerd.toml" <<TOML
version = 2
root = "$root/var/lib/containerd"
state = "$work/state"
[grpc]
  address = "$work/containerd.sock"
[plugins."io.containerd.grpc.v1.cri"]
  disable_cri = true
TOML
  containerd --config "$work/containerd.toml" > "$work/containerd.log" 2>&1 &
  for _ in $(seq 60); do ctr -a "$work/containerd.sock" version > /dev/null 2>&1 && break; sleep 0.5; done
  for t in "$work"/images/*.tar; do
    ctr -a "$work/containerd.sock" -n k8s.io images import --snapshotter overlayfs "$t" > /dev/null
  done
  ctr -a "$work/containerd.sock" -n k8s.io images ls -q | sed 's/^/node-image:   /' >&2
  pkill -f "containerd --config $work/containerd.toml"
  for _ in $(seq 60); do pgrep -f "containerd --config $work/containerd.toml" > /dev/null || break; sleep 0.5; done

  say "docker import as $ref"
  tar -C "$root" --xattrs --xattrs-include="*" -c . | docker import --change 'ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]' \
    --change 'ENV container=docker' - "$ref" > /dev/null
  docker save -o "$image_tar.new" "$ref"
  mv "$image_tar.new" "$image_tar"
  # one image per version is kept: the cache would otherwise grow by a gigabyte per change
  find "$out" -maxdepth 1 -name "node-v$KUBE_VERSION-*.tar" ! -name "$(basename "$image_tar")" -delete
  docker images --format '{{.Repository}}:{{.Tag}}' sightline.dev/kind-node | { grep -vxF "$ref" || true; } |
    xargs -r docker rmi > /dev/null
  say "built in $((SECONDS - t0))s ($(du -h "$image_tar" | cut -f1))"
fi
if ! docker image inspect "$ref" > /dev/null 2>&1; then
  docker load -i "$image_tar" > /dev/null
fi
echo "$ref"
