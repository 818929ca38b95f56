#!/usr/bin/env bash
# Rule-evaluation cost per SLO against Sloth: a real Prometheus (the cached binary) on days of backfilled history
# evaluates, run after run on the same data, Sightline's rules with the windows longer than 5m read from the raw
# counters (the baseline), Sightline's rules as rendered, and the rules Sloth v0.16.0 (the cached binary) generates
# for the same two SLOs per service. Prints the median prometheus_rule_group_last_duration_seconds per service,
# and per SLO for both: evaluation time, Prometheus time per minute (30 s groups, Sightline's budgets every 5m) and
# recorded series, with Sightline's golden-signal rules apart. Run e2e/scripts/setup.sh once.
# Arguments: [days of history, 4] [services, 3] [routes per service, 4] [evaluations, 12].
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-java.sh" dev.sightline.operator.bench.RuleCostBenchmark "$@"
