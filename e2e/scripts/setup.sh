#!/usr/bin/env bash
# One-time (idempotent) set-up of a fresh Debian machine for Sightline's tests and local stack:
# Debian packages (promtool/Prometheus, shellcheck, openssl) and the Go-built Kubernetes binaries.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

need=()
command -v promtool >/dev/null || need+=(prometheus)
command -v shellcheck >/dev/null || need+=(shellcheck)
command -v openssl >/dev/null || need+=(openssl)
if ((${#need[@]})); then
  echo "setup: installing Debian packages: ${need[*]}"
  sudo=""
  [[ $(id -u) == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
for tool in go java mvn promtool shellcheck openssl; do
  command -v "$tool" >/dev/null || { echo "setup: $tool is required but missing" >&2; exit 1; }
done
"$here/build-binaries.sh"
