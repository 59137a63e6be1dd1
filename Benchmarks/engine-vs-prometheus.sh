#!/usr/bin/env bash
# The live engine's scrape cost beside a real Prometheus, in one run (live monitoring issue):
# 200 targets serving ../shared/bench small.prom (one loopback server, Benchmarks/BenchTargets),
# each scraped every second by `chutetop watch` (direct source, metrics only, 1 h of history)
# and by Prometheus at the same time. CPU from /proc/PID/stat, RSS from /proc/PID/status.
#   swift build -c release --static-swift-stdlib --scratch-path .build-static
#   Benchmarks/engine-vs-prometheus.sh [SECONDS]      (default 60; needs Debian's prometheus)
# BIN_DIR=.build/release measures the dynamically linked build (swift build -c release).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN_DIR:-$root/.build-static/release}
seconds=${1:-60}
warmup=10
targets=200
[ -x "$bin/chutetop" ] && [ -x "$bin/BenchTargets" ] || { echo "build first: swift build -c release --static-swift-stdlib --scratch-path .build-static" >&2; exit 2; }
command -v prometheus >/dev/null || { echo "prometheus is not installed (apt-get install prometheus)" >&2; exit 2; }
hz=$(getconf CLK_TCK)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
rss_parts() { awk '/^RssAnon/ {a=$2} /^RssFile/ {f=$2} END {printf "%.1f MiB anonymous + %.1f MiB file-backed", a/1024, f/1024}' "/proc/$1/status"; }

python3 "$root/../shared/bench/gen_metrics.py" "$work" >/dev/null
target_port=$(free_port); prom_port=$(free_port)
"$bin/BenchTargets" "$work/small.prom" $targets "$target_port" &
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$target_port/targets/1/metrics" >/dev/null && break; sleep 0.1; done

{
  echo "contexts:"
  echo "  - name: bench"
  echo "    source:"
  echo "      kind: direct"
  echo "      chutes:"
  echo "        - name: bench"
  echo "          instances:"
  for n in $(seq 1 $targets); do echo "            - {id: t$n, url: \"http://127.0.0.1:$target_port/targets/$n\"}"; done
  echo "    poll: {health: 0, ready: 0, metrics: 1s, rateWindow: 60s}"
} >"$work/chutetop.yaml"
{
  echo "global: {scrape_interval: 1s, scrape_timeout: 900ms, evaluation_interval: 1m}"
  echo "scrape_configs:"
  echo "  - job_name: bench"
  echo "    static_configs:"
  for n in $(seq 1 $targets); do echo "      - {targets: ['127.0.0.1:$target_port'], labels: {__metrics_path__: /targets/$n/metrics, target: t$n}}"; done
} >"$work/prometheus.yml"

prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
prom_pid=$!
"$bin/chutetop" watch --config "$work/chutetop.yaml" --duration $((warmup + seconds)) >"$work/chutetop.out" 2>&1 &
chutetop_pid=$!
sleep $warmup
p0=$(ticks $prom_pid); c0=$(ticks $chutetop_pid)
sleep "$seconds"
p1=$(ticks $prom_pid); c1=$(ticks $chutetop_pid)
prom_rss=$(rss_kib $prom_pid); chutetop_rss=$(rss_kib $chutetop_pid); chutetop_parts=$(rss_parts $chutetop_pid)
prom_scrapes=$(curl -s "http://127.0.0.1:$prom_port/api/v1/query" --data-urlencode "query=sum(count_over_time(up[${seconds}s]))" \
  | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(int(float(r[0]["value"][1])) if r else 0)')
prom_up=$(curl -s "http://127.0.0.1:$prom_port/api/v1/query" --data-urlencode "query=sum(up)" \
  | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(int(float(r[0]["value"][1])) if r else 0)')
wait $chutetop_pid || true
summary=$(grep '^summary:' "$work/chutetop.out" || { cat "$work/chutetop.out" >&2; exit 1; })
total_scrapes=$(echo "$summary" | awk '{print $2}')
# chutetop's scrapes in the measured window: its total, scaled to the window's share of its run.
chutetop_scrapes=$(( total_scrapes * seconds / (warmup + seconds) ))

echo "$summary"
echo "chutetop RSS: $chutetop_parts"
echo
echo "| scraper | window | scrapes | CPU-seconds | CPU-s per 1,000 scrapes | RSS at end |"
echo "|---|---|---|---|---|---|"
awk -v d=$((c1 - c0)) -v hz=$hz -v n=$chutetop_scrapes -v s=$seconds -v rss=$chutetop_rss \
  'BEGIN { printf "| chutetop watch | %d s | %d | %.2f | %.3f | %.1f MiB |\n", s, n, d/hz, d/hz/n*1000, rss/1024 }'
awk -v d=$((p1 - p0)) -v hz=$hz -v n=$prom_scrapes -v s=$seconds -v rss=$prom_rss -v up=$prom_up \
  'BEGIN { printf "| Prometheus %s | %d s | %d | %.2f | %.3f | %.1f MiB |\n", "'"$(prometheus --version 2>&1 | head -1 | awk '{print $3}')"'", s, n, d/hz, d/hz/n*1000, rss/1024 }'
awk -v cd=$((c1 - c0)) -v pd=$((p1 - p0)) -v cn=$chutetop_scrapes -v pn=$prom_scrapes \
  'BEGIN { printf "\nchutetop per scrape / Prometheus per scrape: %.0f %%\n", (cd/cn)/(pd/pn)*100 }'
