#!/usr/bin/env bash
# One-time (idempotent) set-up of a fresh Debian machine for Sightline's tests and local cluster:
# Debian packages (the container runtime and CNI plugins of the local node, iptables, shellcheck; Docker's
# daemon, debootstrap and jq for the kind path on this machine: e2e/kind/offline/), the
# Go-built binaries (build-binaries.sh) and the container images (build-images.sh), all cached under
# ${SIGHTLINE_CACHE:-~/.cache/sightline}.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

packages=(containerd runc containernetworking-plugins iptables conntrack iproute2 shellcheck tmux curl
  docker.io debootstrap jq)
need=()
for p in "${packages[@]}"; do
  dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need+=("$p")
done
if ((${#need[@]})); then
  echo "setup: installing Debian packages: ${need[*]}"
  sudo=""
  [[ $(id -u) == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
for tool in go gcc java mvn node npm shellcheck containerd runc ctr iptables dockerd docker debootstrap jq; do
  command -v "$tool" >/dev/null || { echo "setup: $tool is required but missing" >&2; exit 1; }
done
"$here/build-binaries.sh"
"$here/build-images.sh"
