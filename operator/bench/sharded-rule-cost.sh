#!/usr/bin/env bash
# Rule-evaluation and query cost of Sightline's SLO rules at scale, one Prometheus against a ThanosRuler over two
# Prometheus shards (Thanos sidecars and a Querier between them), on the same backfilled history: CPU for the rules
# per minute (every process of the setup, minus its idle use), one round of every group, missed iterations, the
# closed loop's budget query and a dashboard range query, per service count, and the per-service slopes. The
# cached prometheus, promtool and thanos binaries (run e2e/scripts/setup.sh once).
# Arguments: [service counts, 250,1000] [hours of history, 2] [minutes measured, 2].
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-java.sh" dev.sightline.operator.bench.ShardedRuleCostBenchmark "$@"
