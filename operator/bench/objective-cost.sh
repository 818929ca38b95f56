#!/usr/bin/env bash
# What a named objective (spec.slos) costs Prometheus against a service of its own: a real Prometheus (the cached
# binary) on days of backfilled history evaluates one service with its service-wide objective only, the same
# service with one named objective per route, and one service per route. Prints the median
# prometheus_rule_group_last_duration_seconds of each, the cost per named objective and per service, and their
# ratio. Run e2e/scripts/setup.sh once. Arguments: [days of history, 4] [objectives, 8] [evaluations, 12].
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-java.sh" dev.sightline.operator.bench.ObjectiveCostBenchmark "$@"
