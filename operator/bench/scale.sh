#!/usr/bin/env bash
# Scale benchmark: 1,000 ObservedServices (+ Services and EndpointSlices) and 2,000 unrelated Services with
# EndpointSlices across 20 namespaces on a local kube-apiserver +
# etcd (the cached binaries; run e2e/scripts/setup.sh once), the operator as its own JVM process.
# Prints time to all Ready, API writes (total, per ObservedService, during a full resync and across a
# restart), reconcile latency, RSS and heap, next to the targets. Arguments: [count] [namespaces] [unrelated Services].
# SIGHTLINE_OPERATOR_JVM_FLAGS adds JVM flags to the operator process (e.g. -XX:NativeMemoryTracking=summary).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-java.sh" -Dsightline.operatorJvmFlags="${SIGHTLINE_OPERATOR_JVM_FLAGS:-}" \
  dev.sightline.operator.bench.ScaleBenchmark "$@"
