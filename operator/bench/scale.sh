#!/usr/bin/env bash
# Scale benchmark, Sightline side by side with Sloth v0.16.0's Kubernetes controller and with the API server's write
# floor for Sightline's objects: each on a fresh local kube-apiserver + etcd (the cached binaries and Sloth; run
# e2e/scripts/setup.sh once) with the same layout, 1,000 custom resources (+ Services and EndpointSlices) and 2,000
# unrelated Services with EndpointSlices across 20 namespaces, the operator as its own JVM process. Prints time to
# converge, controller and kube-apiserver CPU, reconcile latency, reconciliations and writes per resource, a restart
# and RSS for each, the ratios, then Sightline's own figures (checks, a full resync, the heap).
# Arguments: [count] [namespaces] [unrelated Services]; SIGHTLINE_SCALE_ONLY=sightline|sloth runs one system.
# SIGHTLINE_OPERATOR_JVM_FLAGS adds JVM flags to the operator process (e.g. -XX:NativeMemoryTracking=summary).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-java.sh" -Dsightline.operatorJvmFlags="${SIGHTLINE_OPERATOR_JVM_FLAGS:-}" \
  -Dsightline.scale.only="${SIGHTLINE_SCALE_ONLY:-}" dev.sightline.operator.bench.ScaleBenchmark "$@"
