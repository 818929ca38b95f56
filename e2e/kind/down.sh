#!/usr/bin/env bash
# Deletes the kind cluster e2e/kind/up.sh created (and everything in it).
set -euo pipefail
cluster=${SIGHTLINE_KIND_CLUSTER:-sightline}
kind delete cluster --name "$cluster"
