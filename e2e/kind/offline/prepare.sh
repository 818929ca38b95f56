#!/usr/bin/env bash
# Prepares this machine (root, no registry, no Docker of its own) to run e2e/kind/ as a user with Docker and kind
# runs it: the private Docker daemon (dockerd.sh), the offline node image (node-image.sh) loaded into it, kind,
# kubectl and helm as build-binaries.sh built them on a PATH of their own, and the settings a user of such a
# machine would make, written to a file to source:
#   source "$(e2e/kind/offline/prepare.sh)"
# DOCKER_HOST (the private daemon), KIND_NODE_IMAGE (the offline image), SIGHTLINE_KIND_API_ADDRESS (the API
# server on the daemon's network namespace, which this machine reaches), SIGHTLINE_E2E_HOST_ADDRESS (this
# machine seen from there), SIGHTLINE_KIND_MONITORING=offline (kube-prometheus-stack's chart is not reachable)
# and SIGHTLINE_BASE_IMAGE (the Debian JRE build-images.sh made; Docker Hub is not reachable either).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=e2e/scripts/versions.env
source "$here/../../scripts/versions.env"
cache="${SIGHTLINE_CACHE:-$HOME/.cache/sightline}"
"$here/dockerd.sh" up >&2
docker_env=$("$here/dockerd.sh" env)
eval "$docker_env"
ref=$("$here/node-image.sh")
path="$cache/kind/path"
mkdir -p "$path"
ln -sfn "$cache/bin/kind" "$path/kind"
ln -sfn "$cache/bin/helm" "$path/helm"
ln -sfn "$(echo "$cache"/kubeapitest/k8s/"${KUBE_VERSION}"-linux-*/kubectl)" "$path/kubectl"
env_file="$cache/kind/offline.env"
cat > "$env_file" <<ENV
$docker_env
export KIND_NODE_IMAGE=$ref
export SIGHTLINE_KIND_MONITORING=offline
export SIGHTLINE_BASE_IMAGE=tar://$cache/images/debian-jre.tar
export PATH="$path:\$PATH"
ENV
echo "$env_file"
