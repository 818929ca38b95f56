#!/usr/bin/env bash
# JMH: the cost of rendering one ObservedService (ServiceMonitor + PrometheusRule + dashboard JSON),
# for the golden-file inputs, with and without JSON serialisation. Prints JMH's table (us/op).
# Extra arguments go to JMH (e.g. -f 2 -i 10).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
mvn -q -B -ntp -pl operator -am install -DskipTests
cd operator
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main \
  'dev.sightline.operator.bench.RenderBenchmark' "$@"
