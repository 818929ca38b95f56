#!/usr/bin/env bash
# Rule-evaluation cost per service: a real Prometheus (the cached binary) on days of backfilled history
# evaluates Sightline's rule groups twice, with the windows longer than 5m read from the recorded 5m
# rates (what Sightline renders) and from the raw counters (the baseline). Prints the median
# prometheus_rule_group_last_duration_seconds per group and the ratio. Run e2e/scripts/setup.sh once.
# Arguments: [days of history, 4] [services, 3] [routes per service, 4] [evaluations, 12].
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-java.sh" dev.sightline.operator.bench.RuleCostBenchmark "$@"
