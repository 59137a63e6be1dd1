#!/usr/bin/env bash
# The dashboard under load and at rest (dashboard issue), on static loopback targets that
# serve ../shared/bench small.prom (Benchmarks/BenchTargets):
#  1. keypress-to-frame latency while polling 200 targets every second: the dashboard runs in
#     tmux at 200x60 and gets a key every 50 ms (j/k moves, sorts 3-6) for SECONDS; chutetop
#     times each key from reading it to handing the frame to curses and logs the percentiles
#     when it quits (ProgramRuntime.keyToFrame).
#  2. idle cost on unchanging data: the dashboard on 10 of those targets at the default
#     intervals beside htop, in the same run (Benchmarks/idle-cost.sh).
#   swift build -c release
#   Benchmarks/dashboard-under-load.sh [SECONDS]     (default 60; needs tmux and htop)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.build/release"
seconds=${1:-60}
[ -x "$bin/chutetop" ] && [ -x "$bin/BenchTargets" ] || { echo "build first: swift build -c release" >&2; exit 2; }
command -v tmux >/dev/null && command -v htop >/dev/null || { echo "needs tmux and htop (apt-get install tmux htop)" >&2; exit 2; }
work=$(mktemp -d)
sock="chutetop-load-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

python3 "$root/../shared/bench/gen_metrics.py" "$work" >/dev/null
port=$(free_port)
"$bin/BenchTargets" "$work/small.prom" 200 "$port" &
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/targets/1/metrics" >/dev/null && break; sleep 0.1; done

config() { # file chutes instances-per-chute poll
  {
    echo "contexts:"
    echo "  - name: bench"
    echo "    source:"
    echo "      kind: direct"
    echo "      chutes:"
    n=0
    for c in $(seq 1 "$2"); do
      echo "        - name: bench-chute-$c"
      echo "          instances:"
      for i in $(seq 1 "$3"); do n=$((n + 1)); echo "            - {id: i-$i, url: \"http://127.0.0.1:$port/targets/$n\"}"; done
    done
    echo "    poll: $4"
  } >"$1"
}
config "$work/load.yaml" 20 10 "{health: 0, ready: 0, metrics: 1s}"
config "$work/idle.yaml" 2 5 "{health: 0, ready: 0}"

echo "## keypress-to-frame, 200 targets polled every 1 s, one key per 50 ms for ${seconds} s"
tmux -L "$sock" -f /dev/null new-session -d -s load -x 200 -y 60 \
  "export TERM=tmux-256color LANG=C.UTF-8; exec $bin/chutetop --config $work/load.yaml --log-file $work/load.log"
sleep 5
keys=(j j j k 3 j k 4 j 5 k 6)
end=$((SECONDS + seconds)); n=0
while [ $SECONDS -lt $end ]; do
  tmux -L "$sock" send-keys -t load "${keys[$((n % ${#keys[@]}))]}"
  n=$((n + 1)); sleep 0.05
done
tmux -L "$sock" send-keys -t load q
sleep 2
echo "keys sent: $n"
grep -o 'keyToFrame=[^ ]* [^ ]* [^ ]* [^ ]*' "$work/load.log" | tail -1
grep -o 'frames=[0-9]*' "$work/load.log" | tail -1
tmux -L "$sock" kill-server 2>/dev/null || true

echo
echo "## idle: 10 unchanging targets at the default intervals, beside htop, ${seconds} s"
"$root/Benchmarks/idle-cost.sh" "$seconds" -- --config "$work/idle.yaml"
