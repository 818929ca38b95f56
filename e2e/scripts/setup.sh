#!/usr/bin/env bash
# One-time (idempotent) set-up of a fresh Debian machine for Sightline's tests and local stack:
# Debian packages (promtool, shellcheck) and the Go-built binaries (Kubernetes, etcd, prometheus-operator,
# Prometheus, Helm).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

need=()
command -v promtool >/dev/null || need+=(prometheus)
command -v shellcheck >/dev/null || need+=(shellcheck)
if ((${#need[@]})); then
  echo "setup: installing Debian packages: ${need[*]}"
  sudo=""
  [[ $(id -u) == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
for tool in go java mvn promtool shellcheck; do
  command -v "$tool" >/dev/null || { echo "setup: $tool is required but missing" >&2; exit 1; }
done
"$here/build-binaries.sh"
