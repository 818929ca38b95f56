# shellcheck shell=bash
# Typing a README command in a terminal of its own (tmux) and checking what it promises, as a user would: shared
# by .ci/main-command (the local node) and .ci/kind (kind). Source it; set `who` (the prefix of its messages).
# shellcheck disable=SC2154

# type_until <session> <log> <last line> <command...>: the command alone in a new terminal; returns once its last
# line is on the screen, fails with its output when it ends first or takes more than 15 minutes
type_until() {
  local session=$1 log=$2 last=$3 deadline=$((SECONDS + 900))
  tmux new-session -d -s "$session" -x 250 -y 50 "${@:4}"
  tmux pipe-pane -t "$session" -o "cat >> $log"
  until tmux capture-pane -p -t "$session" -S -200 2>/dev/null | grep -qF "$last"; do
    if ((SECONDS > deadline)) || ! tmux has-session -t "$session" 2>/dev/null; then
      echo "$who: $4 did not come up; its output:" >&2; cat "$log" >&2
      tmux kill-session -t "$session" 2>/dev/null || true
      exit 1
    fi
    sleep 1
  done
}

# demo_answers: the demo target up in Prometheus and the demo app answering, through the printed port-forwards
demo_answers() {
  local deadline=$((SECONDS + 180))
  until curl -fsS 'http://127.0.0.1:9090/api/v1/query' --data-urlencode 'query=up{job="sightline-demo-app"} == 1' |
      grep -q '"value"'; do
    ((SECONDS < deadline)) || { echo "$who: the demo target never became up in Prometheus" >&2; exit 1; }
    sleep 2
  done
  curl -fsS http://127.0.0.1:8080/api/orders > /dev/null
}

# screen_kubeconfig <session>: the KUBECONFIG the command printed beside `kubectl get observedservices -A`
screen_kubeconfig() {
  sed -n 's/.*kubectl get observedservices -A *(KUBECONFIG=\(.*\))$/\1/p' <<< "$(tmux capture-pane -p -t "$1" -S -200)"
}

# demo_monitored <kubeconfig> <kubectl>: what the screen says to type shows the demo MONITORED True (printed)
demo_monitored() {
  local deadline=$((SECONDS + 240))
  until KUBECONFIG=$1 "$2" get observedservices -A | awk '$2 == "sightline-demo-app" && $4 == "True" {ok=1} END {exit !ok}'; do
    ((SECONDS < deadline)) || { echo "$who: the demo ObservedService never became Monitored" >&2
      KUBECONFIG=$1 "$2" get observedservices -A -o yaml >&2; exit 1; }
    sleep 2
  done
  KUBECONFIG=$1 "$2" get observedservices -A
}

# ctrl_c <session> <seconds>: presses Ctrl-C and waits for the command to end
ctrl_c() {
  tmux send-keys -t "$1" C-c
  local deadline=$((SECONDS + $2))
  while tmux has-session -t "$1" 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "$who: still running $2 s after Ctrl-C" >&2; exit 1; }
    sleep 1
  done
}
