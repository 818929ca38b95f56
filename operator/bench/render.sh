#!/usr/bin/env bash
# JMH: the cost of rendering one ObservedService (ServiceMonitor + PrometheusRule + dashboard JSON),
# for the golden-file inputs, with and without JSON serialisation. Prints JMH's table (us/op).
# Extra arguments go to JMH (e.g. -f 2 -i 10).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-java.sh" org.openjdk.jmh.Main 'dev.sightline.operator.bench.RenderBenchmark' "$@"
