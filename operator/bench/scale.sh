#!/usr/bin/env bash
# Scale benchmark: 1,000 ObservedServices (+ Services and EndpointSlices) and 2,000 unrelated Services with
# EndpointSlices across 20 namespaces on a local kube-apiserver +
# etcd (the cached binaries; run e2e/scripts/setup.sh once), the operator as its own JVM process.
# Prints time to all Ready, API writes (total, per ObservedService, during a full resync and across a
# restart), reconcile latency, RSS and heap, next to the targets. Arguments: [count] [namespaces] [unrelated Services].
# SIGHTLINE_OPERATOR_JVM_FLAGS adds JVM flags to the operator process (e.g. -XX:NativeMemoryTracking=summary).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
mvn -q -B -ntp -pl operator -am install -DskipTests
cd operator
exec java -Dsightline.operatorJvmFlags="${SIGHTLINE_OPERATOR_JVM_FLAGS:-}" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.sightline.operator.bench.ScaleBenchmark "$@"
