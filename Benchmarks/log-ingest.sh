#!/usr/bin/env bash
# Log lines into the logs view (lean issue), beside `jq -c .` over the same lines in the same
# run. A loopback target (Benchmarks/BenchTargets) streams server-sent events of JSON log lines
# as fast as the reader takes them.
#  - chutetop: the dashboard in tmux (200x50) on that one instance, its chute's logs view open
#    (`l`): lines decoded, sanitised, buffered (10,000 kept, the rest counted as dropped) and
#    drawn. Lines/s = the growth of the view's "N lines, M dropped" badge over SECONDS; one key
#    (j/k) every 100 ms meanwhile, whose keypress-to-frame percentiles chutetop logs at exit;
#    CPU-s and RSS of the chutetop process from /proc.
#  - peer: curl | sed (strip the `data: ` framing) | jq -c . for SECONDS; lines/s = lines out.
#   swift build -c release
#   Benchmarks/log-ingest.sh [SECONDS]     (default 30; needs tmux, curl and jq)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN_DIR:-$root/.build/release}   # BIN_DIR=.build/debug to try the script itself
seconds=${1:-30}
[ -x "$bin/chutetop" ] && [ -x "$bin/BenchTargets" ] || { echo "build first: swift build -c release" >&2; exit 2; }
for tool in tmux curl jq; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
work=$(mktemp -d)
sock="chutetop-logs-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 "$root/../shared/bench/gen_metrics.py" "$work" >/dev/null
"$bin/BenchTargets" "$work/small.prom" 1 "$port" &
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/targets/1/health" >/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port/targets/1"
cat >"$work/logs.yaml" <<YAML
contexts:
  - name: logs
    source:
      kind: direct
      chutes:
        - name: chatty
          instances:
            - {id: i-1, url: "$url"}
YAML

echo "## jq -c . over the same stream, ${seconds} s"
peer=$( (timeout "$seconds" curl -sN "$url/logs" || true) | sed -un 's/^data: //p' | (jq -c . 2>/dev/null || true) | wc -l)
echo "jq: $peer lines in ${seconds} s = $((peer / seconds)) lines/s"

echo
echo "## chutetop's logs view, ${seconds} s, one key per 100 ms"
tmux -L "$sock" -f /dev/null new-session -d -s logs -x 200 -y 50 \
  "export TERM=tmux-256color LANG=C.UTF-8; exec $bin/chutetop --config $work/logs.yaml --log-file $work/chutetop.log"
pane() { tmux -L "$sock" capture-pane -p -t logs; }
for _ in $(seq 1 100); do pane | grep -q chatty && break; sleep 0.1; done
tmux -L "$sock" send-keys -t logs l
# The badge reads "N lines[, M dropped]": N kept (at most 10,000) plus M dropped is every line received.
received() { pane | grep -oE '[0-9]+ lines(, [0-9]+ dropped)?' | head -1 | awk '{n=$1; if ($3 != "") n+=$3; print n}'; }
for _ in $(seq 1 100); do [ -n "$(received)" ] && break; sleep 0.1; done
sleep 3
pid=$(pgrep -n -f "$bin/chutetop --config $work/logs.yaml")  # the newest: main.swift re-executes itself
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
r0=$(received); c0=$(cpu); m0=$(rss); t0=$(date +%s.%N)
end=$((SECONDS + seconds)); n=0; keys=(k j)
while [ $SECONDS -lt $end ]; do
  tmux -L "$sock" send-keys -t logs "${keys[$((n % 2))]}"; n=$((n + 1)); sleep 0.1
done
r1=$(received); c1=$(cpu); m1=$(rss); t1=$(date +%s.%N)
tmux -L "$sock" send-keys -t logs q
sleep 2
python3 - "$r0" "$r1" "$c0" "$c1" "$ticks" "$t0" "$t1" "$m0" "$m1" "$n" <<'PY'
import sys
r0, r1, c0, c1, ticks, t0, t1, m0, m1, n = sys.argv[1:]
span = float(t1) - float(t0)
print(f"chutetop: {int(r1) - int(r0)} lines in {span:.1f} s = {(int(r1) - int(r0)) / span:,.0f} lines/s, "
      f"{(int(c1) - int(c0)) / int(ticks):.1f} CPU-s, RSS {int(m0) / 1024:.1f} -> {int(m1) / 1024:.1f} MiB, {n} keys")
PY
grep -o 'keyToFrame=[^ ]* [^ ]* [^ ]* [^ ]*' "$work/chutetop.log" | tail -1 || echo "no keyToFrame in the log"
