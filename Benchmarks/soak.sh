#!/usr/bin/env bash
# A soak (lean issue): `chutetop watch` on TARGETS targets (default 1,000) serving ../shared/bench
# small.prom (one loopback server, Benchmarks/BenchTargets), metrics every second, for SECONDS
# (default 600). RSS (/proc/PID/status) every minute; growth is measured from the end of the first
# minute. Missed poll rounds are seen from the targets' side (BenchTargets /stats): a target
# waiting over 2 s between two scrapes missed a round; counted after the first minute.
#   swift build -c release --static-swift-stdlib --scratch-path .build-static --product chutetop
#   swift build -c release --static-swift-stdlib --scratch-path .build-static --product BenchTargets
#   Benchmarks/soak.sh [SECONDS] [TARGETS]       (BIN_DIR=.build/release for the dynamic build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN_DIR:-$root/.build-static/release}
seconds=${1:-600}
targets=${2:-1000}
[ -x "$bin/chutetop" ] && [ -x "$bin/BenchTargets" ] || { echo "build first (see the head of this script)" >&2; exit 2; }
hz=$(getconf CLK_TCK)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 "$root/../shared/bench/gen_metrics.py" "$work" >/dev/null
"$bin/BenchTargets" "$work/small.prom" "$targets" "$port" &
targets_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/targets/1/metrics" >/dev/null && break; sleep 0.1; done
{
  echo "contexts:"
  echo "  - name: soak"
  echo "    source:"
  echo "      kind: direct"
  echo "      chutes:"
  echo "        - name: soak"
  echo "          instances:"
  for n in $(seq 1 "$targets"); do echo "            - {id: t$n, url: \"http://127.0.0.1:$port/targets/$n\"}"; done
  echo "    poll: {health: 0, ready: 0, metrics: 1s, rateWindow: 60s}"
} >"$work/chutetop.yaml"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mib() { awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
"$bin/chutetop" watch --config "$work/chutetop.yaml" --duration "$seconds" >"$work/chutetop.out" 2>&1 &
pid=$!
sleep 60
curl -sf -X POST "http://127.0.0.1:$port/stats/reset" >/dev/null
first=$(rss_mib $pid); c0=$(ticks $pid); t0=$(ticks $targets_pid)
samples="$first"
for _ in $(seq 2 $((seconds / 60 - 1))); do sleep 60; samples="$samples $(rss_mib $pid)"; done
sleep $((seconds - 60 * (seconds / 60 - 1) - 5))
last=$(rss_mib $pid); c1=$(ticks $pid); t1=$(ticks $targets_pid)
stats=$(curl -sf "http://127.0.0.1:$port/stats")
anon=$(awk '/^RssAnon/ {a=$2} /^RssFile/ {f=$2} END {printf "%.1f MiB anonymous + %.1f MiB file-backed", a/1024, f/1024}' "/proc/$pid/status")
wait $pid || true
summary=$(grep '^summary:' "$work/chutetop.out" || { cat "$work/chutetop.out" >&2; exit 1; })
window=$((seconds - 65))
echo "$summary"
echo "RSS each minute from 60 s (MiB): $samples $last   (at the end: $anon)"
echo "targets' side after the first minute: $stats"
python3 - "$first" "$last" "$stats" "$((c1 - c0))" "$((t1 - t0))" "$hz" "$window" "$targets" <<'PY'
import json, sys
first, last, stats, cpu, tcpu, hz, window, targets = float(sys.argv[1]), float(sys.argv[2]), json.loads(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
print()
print("| targets @ 1 s | window after the first minute | scrapes (of a round a second) | longest wait of a target | missed rounds | RSS at 60 s → end | growth | chutetop CPU-s per 1,000 scrapes | BenchTargets CPU share |")
print("|---|---|---|---|---|---|---|---|---|")
expected = targets * stats["seconds"]
print(f"| {targets} | {stats['seconds']:.0f} s | {stats['scrapes']} ({stats['scrapes'] / expected * 100:.1f} %) | {stats['longestWait']:.2f} s | {stats['missedRounds'] + stats['targetsWaitingNow']} | {first:.1f} → {last:.1f} MiB | {(last - first) / first * 100:+.1f} % | {cpu / hz / max(1, stats['scrapes']) * 1000:.3f} | {tcpu / hz / window * 100:.0f} % |")
PY
