#!/usr/bin/env bash
# Benchmark (not a test): the cost of the demo app's instrumentation on this machine.
# Starts the app twice (DEMO_INSTRUMENTATION=true / false) and loads them alternately with wrk
# (closed loop, from a second process on loopback), then times /metrics scrapes.
# Prints throughput and p99 side by side and their ratio. Usage: demo-app/bench/overhead.sh [seconds] [rounds]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
secs=${1:-10}
rounds=${2:-3}
command -v wrk >/dev/null || { sudo=""; [[ $(id -u) == 0 ]] || sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }

cd "$root"
mvn -q -B -ntp -DskipTests -pl demo-app -am package dependency:build-classpath \
  -Dmdep.outputFile=/tmp/sightline-demo.cp -DincludeScope=runtime
cp="$root/demo-app/target/classes:$(cat /tmp/sightline-demo.cp)"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
start_app() { # start_app <port> <instrumented>
  PORT=$1 BIND_ADDRESS=127.0.0.1 DEMO_INSTRUMENTATION=$2 DEMO_LOG_LEVEL=WARN \
    java -Xmx256m -cp "$cp" dev.sightline.demo.DemoApp >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1/readyz" >/dev/null && return; sleep 0.1; done
  echo "app on $1 did not start" >&2; exit 1
}
start_app 18081 true
start_app 18082 false

load() { # load <port> -> "req/s p99_ms"
  wrk -t1 -c16 -d"${secs}s" --latency "http://127.0.0.1:$1/api/orders/1" |
    awk '/Requests\/sec/ {rps=$2} /^ +99%/ {v=$2; if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v} END {printf "%s %s\n", rps, p99}'
}
echo "warm-up"; load 18081 >/dev/null; load 18082 >/dev/null
on_rps=0; off_rps=0; on_p99=0; off_p99=0
printf "%-6s %-22s %-22s\n" round "instrumented req/s p99" "bare req/s p99"
for r in $(seq "$rounds"); do
  read -r a ap < <(load 18081)
  read -r b bp < <(load 18082)
  printf "%-6s %-22s %-22s\n" "$r" "$a ${ap}ms" "$b ${bp}ms"
  on_rps=$(echo "$on_rps + $a" | bc -l); off_rps=$(echo "$off_rps + $b" | bc -l)
  on_p99=$(echo "$on_p99 + $ap" | bc -l); off_p99=$(echo "$off_p99 + $bp" | bc -l)
done
printf "mean   %-22s %-22s\n" "$(echo "scale=0; $on_rps/$rounds" | bc) $(echo "scale=2; $on_p99/$rounds" | bc)ms" \
  "$(echo "scale=0; $off_rps/$rounds" | bc) $(echo "scale=2; $off_p99/$rounds" | bc)ms"
echo "throughput ratio instrumented/bare: $(echo "scale=3; $on_rps/$off_rps" | bc)"
echo "p99 ratio instrumented/bare:        $(echo "scale=3; $on_p99/$off_p99" | bc)"

# /metrics after the load: median of 21 scrapes
times=(); size=0
for _ in $(seq 21); do
  read -r t s < <(curl -s -o /dev/null -w '%{time_total} %{size_download}\n' http://127.0.0.1:18081/metrics)
  times+=("$t"); size=$s
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 11p)
echo "/metrics scrape: median $(echo "scale=2; $median*1000/1" | bc) ms, $size bytes, $(curl -s http://127.0.0.1:18081/metrics | grep -vc '^#') samples"
