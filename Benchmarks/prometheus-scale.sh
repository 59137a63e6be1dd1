#!/usr/bin/env bash
# The prometheus source at 10,000 chutes (issue 13, "Scale: 10,000 chutes"), one command:
#  1. Data: Benchmarks/prometheus-scale-data.py writes an OpenMetrics file of CHUTES chutes x 2
#     instances (the series FleetQueries.swift asks for: up, http_requests_total by status,
#     http_request_duration_seconds_bucket, DCGM GPU gauges, a one-hot circuit_breaker_state),
#     one sample per 30 s from 62 minutes ago to 20 minutes ahead (so rate()[60s] answers at
#     "now" for the whole run and query_range over the last hour has data);
#     `promtool tsdb create-blocks-from openmetrics` turns it into blocks, and a real Prometheus
#     (no scrape configs, query log on) serves them on a free loopback port.
#  2. chutetop (dashboard, tmux 200x60, `source: {kind: prometheus, ...}`, default intervals):
#     (a) start to the first full overview frame: the time from starting the process to the
#         first screen whose banner shows every chute with figures (N chutes, inst x/2N ready,
#         req/s, GPUs x/2N busy), read with `tmux capture-pane` every few ms;
#     (b) keys at N rows: 28 re-sorts (keys 3 4 5 6 7 1 2, one per 300 ms) in one session and
#         28 filter keystrokes (/ then typing and erasing "chute-01", Escape) in a second one;
#         chutetop times each key from reading it to handing its frame to curses
#         (ProgramRuntime.keyToFrame) and logs the percentiles when it quits;
#     (c) chutetop's VmRSS and VmHWM at the end of each session;
#     (d) Prometheus' CPU (utime+stime of its process) over a quiet window of WINDOW seconds,
#         per metrics refresh (counted in Prometheus' query log by its per-instance request-rate query;
#         the `up` health queries between refreshes are included in the CPU);
#     (a) again with `poll: {metrics: 30s, readTimeout: 60s}` (time for Prometheus to answer);
#     then `chutetop snapshot --json` at N chutes, 3 times (wall time; it polls, waits its
#     default 5 s window and polls again).
#  3. For comparison, the direct source: DIRECT chutes x 2 instances, each a loopback target of
#     Benchmarks/BenchTargets serving ../shared/bench small.prom, metrics every 5 s (health and
#     readiness off, as BenchTargets serves only /metrics): (a), re-sorts and (c) the same way.
#     The page never changes, so rates are 0 and the 5xx ratio and p95 unknown: its "full"
#     frame is the first chute's GPU % and req/s, after the second metrics poll.
#   swift build -c release --product chutetop && swift build -c release --product BenchTargets
#   Benchmarks/prometheus-scale.sh [CHUTES] [DIRECT] [WINDOW]     (defaults 10000 2000 60)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.build/release"
chutes=${1:-10000}
direct=${2:-2000}
window=${3:-60}
die() { echo "prometheus-scale.sh: $*" >&2; exit 2; }
[ -x "$bin/chutetop" ] && [ -x "$bin/BenchTargets" ] || die "build first: swift build -c release --product chutetop && swift build -c release --product BenchTargets"
for tool in prometheus promtool tmux python3 curl; do command -v $tool >/dev/null || die "needs $tool"; done
[ -f "$root/../shared/bench/gen_metrics.py" ] || die "needs ../shared/bench/gen_metrics.py (the benchmark inputs)"
work=$(mktemp -d)
sock="chutetop-promscale-$$"
cleanup() {
  tmux -L "$sock" kill-server 2>/dev/null || true
  [ -n "${prom_pid:-}" ] && kill "$prom_pid" 2>/dev/null || true
  [ -n "${targets_pid:-}" ] && kill "$targets_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_s() { date +%s.%N; }
elapsed_ms() { python3 -c "import sys; print('%.0f' % ((float(sys.argv[2]) - float(sys.argv[1])) * 1000))" "$1" "$2"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
rss() { awk '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {printf "%.1f MiB (peak %.1f MiB)", r/1024, h/1024}' "/proc/$1/status"; }

echo "# The prometheus source at $chutes chutes x 2 instances; $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "# chutetop $(git -C "$root" rev-parse --short HEAD); $(prometheus --version 2>&1 | head -1)"

# ---- 1. the data and Prometheus
t0=$(date +%s)
start=$(( (t0 - 62 * 60) / 30 * 30 )); end=$(( t0 + 20 * 60 ))
python3 "$root/Benchmarks/prometheus-scale-data.py" "$work/fleet.om" "$chutes" 2 "$start" "$end" 30
echo "data: $(du -h "$work/fleet.om" | cut -f1) of OpenMetrics written in $(( $(date +%s) - t0 )) s"
t1=$(date +%s)
promtool tsdb create-blocks-from openmetrics "$work/fleet.om" "$work/tsdb" >"$work/promtool.out" 2>&1 || { cat "$work/promtool.out" >&2; die "promtool failed"; }
rm -f "$work/fleet.om"
echo "blocks: $(grep -c '^[0-9A-Z]\{26\} ' "$work/promtool.out") made by promtool in $(( $(date +%s) - t1 )) s, $(du -sh "$work/tsdb" | cut -f1)"
pport=$(free_port)
printf 'global:\n  query_log_file: %s\n' "$work/queries.log" >"$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" --storage.tsdb.retention.time=30d \
  --web.listen-address="127.0.0.1:$pport" >"$work/prometheus.log" 2>&1 &
prom_pid=$!
purl="http://127.0.0.1:$pport"
for _ in $(seq 1 600); do curl -sf "$purl/-/ready" >/dev/null && break; kill -0 $prom_pid 2>/dev/null || { tail "$work/prometheus.log" >&2; die "prometheus exited"; }; sleep 0.1; done
curl -sf "$purl/-/ready" >/dev/null || die "prometheus not ready after 60 s"
value() { curl -sf "$purl/api/v1/query" --data-urlencode "query=$1" | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "none")'; }
# The answers chutetop's queries give at now (FleetQueries.swift), counted.
sel='{job="chutes"}'
for q in "count(up$sel)" \
         "count(sum by (chute) (rate(http_requests_total$sel[60s])))" \
         "count(sum by (chute, chute_instance) (rate(http_requests_total$sel[60s])))" \
         "count(histogram_quantile(0.95, sum by (chute, le) (rate(http_request_duration_seconds_bucket$sel[60s]))))" \
         "count({job=\"chutes\",__name__=~\"DCGM_FI_DEV_FB_FREE|DCGM_FI_DEV_FB_USED|DCGM_FI_DEV_GPU_UTIL\"})" \
         "count(circuit_breaker_state$sel)" \
         "count(count_over_time(up$sel[1h]) >= 100)"; do
  echo "check: $q = $(value "$q")"
done
[ "$(value "count(sum by (chute) (rate(http_requests_total$sel[60s])))")" = "$chutes" ] || die "Prometheus does not answer rates for $chutes chutes"
queries_of_refresh() { grep -c "\"query\":\"sum by (chute, chute_instance) (rate(http_requests_total{job=\\\\\"chutes\\\\\"}\[60s\]))\"" "$work/queries.log" || true; }
queries_total() { grep -c '"query"' "$work/queries.log" || true; }

# ---- the dashboard in tmux: start a session, wait for the full overview
# first_frame NAME CONFIG CHUTES TIMEOUT [ROW]: sets ms (start to the full overview) and pid
first_frame() {
  local name=$1 config=$2 n=$3 timeout=$4
  # Every figure is one fleet-wide query, so the first chute's row with a GPU %, req/s, err
  # and p95 (not "—") and the table's title with N chutes mean every query has answered.
  local title="─ $n chutes ╮" row=${5:-"chute-00001 +[0-9]+/[^ ]+ +[^ ]+ +[0-9]+% +[0-9][^ ]* +[0-9][^ ]* +[0-9][^ ]* "}
  local begin; begin=$(now_s)
  tmux -L "$sock" -f /dev/null new-session -d -s "$name" -x 200 -y 60 \
    "export TERM=tmux-256color LANG=C.UTF-8; exec $bin/chutetop --config $config --log-file $work/$name.log"
  local deadline=$((SECONDS + timeout))
  while [ $SECONDS -lt $deadline ]; do
    local screen; screen=$(tmux -L "$sock" capture-pane -p -t "$name" 2>/dev/null || true)
    if grep -q -- "$title" <<<"$screen" && grep -Eq -- "$row" <<<"$screen"; then
      local at; at=$(now_s)
      pid=$(tmux -L "$sock" display -p -t "$name" '#{pane_pid}')
      ms="$(elapsed_ms "$begin" "$at") ms"
      return 0
    fi
    sleep 0.005
  done
  # Not reached: a result, not a failure of the script (the screen says why).
  pid=$(tmux -L "$sock" display -p -t "$name" '#{pane_pid}')
  ms="none within ${timeout} s"
  echo "$name: no full overview within $timeout s; the screen then:" >&2
  tmux -L "$sock" capture-pane -p -t "$name" | sed -n '1p;5,6p' | cut -c1-200 >&2
}
# keys NAME DELAY KEY... : sends each key, one per DELAY seconds
keys() { local name=$1 delay=$2; shift 2; for k in "$@"; do tmux -L "$sock" send-keys -t "$name" -- "$k"; sleep "$delay"; done; }
quit_and_latency() { # NAME -> the key-to-frame summary chutetop logged
  tmux -L "$sock" send-keys -t "$1" q
  for _ in $(seq 1 100); do tmux -L "$sock" has-session -t "$1" 2>/dev/null || break; sleep 0.1; done
  grep -o 'keyToFrame=.*' "$work/$1.log" | tail -1 | sed 's/ status=.*//; s/ *$//'
}
sorts=(3 4 5 6 7 1 2 3 4 5 6 7 1 2 3 4 5 6 7 1 2 3 4 5 6 7 1 2)
filter=(/ c h u t e - 0 1 BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace c h u t e - 0 1 BSpace BSpace Escape)

# ---- 2. the prometheus source
cat >"$work/prom.yaml" <<EOF
contexts:
  - name: prom
    source: {kind: prometheus, url: "$purl", selector: '{job="chutes"}'}
EOF
echo
echo "## prometheus source, $chutes chutes"
first_frame prom1 "$work/prom.yaml" "$chutes" 90; a1=$ms
echo "(a) start to first full overview: $a1"
sleep 1; tmux -L "$sock" capture-pane -p -t prom1 | sed -n '1p;5,6p' | cut -c1-200
sleep 10  # the history backfill and the first refreshes settle
c0=$(cpu_ticks "$prom_pid"); r0=$(queries_of_refresh); q0=$(queries_total); u0=$(cpu_ticks "$pid")
sleep "$window"
c1=$(cpu_ticks "$prom_pid"); r1=$(queries_of_refresh); q1=$(queries_total); u1=$(cpu_ticks "$pid")
refreshes=$((r1 - r0))
[ "$refreshes" -gt 0 ] || die "no metrics refresh in $window s"
d=$(python3 -c "import sys; c=(int(sys.argv[2])-int(sys.argv[1]))/int(sys.argv[5]); u=(int(sys.argv[7])-int(sys.argv[6]))/int(sys.argv[5]); r=int(sys.argv[3]); print('%d refreshes (%d queries) in %s s: Prometheus %.2f CPU-s, %.3f CPU-s per refresh; chutetop %.2f CPU-s' % (r, int(sys.argv[4]), sys.argv[8], c, c / r, u))" \
  "$c0" "$c1" "$refreshes" "$((q1 - q0))" "$hz" "$u0" "$u1" "$window")
echo "(d) $d"
keys prom1 0.3 "${sorts[@]}"
sleep 1
c_rss1=$(rss "$pid")
b_sort=$(quit_and_latency prom1)
echo "(b) re-sorts at $chutes rows: $b_sort"
echo "(c) RSS after $((window + 20)) s: $c_rss1"
first_frame prom2 "$work/prom.yaml" "$chutes" 90; a2=$ms
echo "(a) again, second session: $a2"
sleep 5
keys prom2 0.3 "${filter[@]}"
sleep 1
c_rss2=$(rss "$pid")
b_filter=$(quit_and_latency prom2)
echo "(b) filter keystrokes at $chutes rows: $b_filter"
echo "(c) RSS after 15 s: $c_rss2"
# The same with time for Prometheus: metrics every 30 s, a 60 s read timeout.
cat >"$work/prom-slow.yaml" <<EOF
contexts:
  - name: prom
    source: {kind: prometheus, url: "$purl", selector: '{job="chutes"}'}
    poll: {metrics: 30s, readTimeout: 60s}
EOF
first_frame prom3 "$work/prom-slow.yaml" "$chutes" 120; a3=$ms
echo "(a) with poll {metrics: 30s, readTimeout: 60s}: $a3"
c_rss3=$(rss "$pid")
quit_and_latency prom3 >/dev/null
echo "(c) RSS then: $c_rss3"
snaps=()
for i in 1 2 3; do
  s0=$(now_s)
  "$bin/chutetop" snapshot --config "$work/prom.yaml" --json >"$work/snapshot.json" 2>"$work/snapshot.err" || { cat "$work/snapshot.err" >&2; die "snapshot failed"; }
  snaps+=("$(elapsed_ms "$s0" "$(now_s)")")
done
n_snap=$(python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); print(len(o["chutes"]))' "$work/snapshot.json")
[ "$n_snap" = "$chutes" ] || die "snapshot lists $n_snap chutes, not $chutes"
echo "snapshot --json ($n_snap chutes, $(du -h "$work/snapshot.json" | cut -f1)): ${snaps[*]} ms"
kill "$prom_pid"; wait "$prom_pid" 2>/dev/null || true; prom_pid=

# ---- 3. the direct source, for comparison
echo
echo "## direct source, $direct chutes x 2 instances, metrics every 5 s"
python3 "$root/../shared/bench/gen_metrics.py" "$work" >/dev/null
tport=$(free_port)
"$bin/BenchTargets" "$work/small.prom" $((direct * 2)) "$tport" &
targets_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$tport/targets/1/metrics" >/dev/null && break; sleep 0.1; done
python3 - "$work/direct.yaml" "$direct" "$tport" <<'EOF'
import sys
path, n, port = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "w") as f:
    f.write("contexts:\n  - name: direct\n    source:\n      kind: direct\n      chutes:\n")
    for c in range(1, n + 1):
        f.write("        - name: chute-%05d\n          instances:\n" % c)
        for i in (1, 2):
            f.write('            - {id: i-%d, url: "http://127.0.0.1:%s/targets/%d"}\n' % (i, port, (c - 1) * 2 + i))
    f.write("    poll: {health: 0, ready: 0, metrics: 5s}\n")
EOF
# small.prom never changes: every rate is 0 and the 5xx ratio and p95 are unknown (0/0), so
# "full" here is the first chute's GPU % and req/s (after its second metrics poll).
first_frame direct1 "$work/direct.yaml" "$direct" 120 "chute-00001 +[0-9]+/[^ ]+ +[^ ]+ +[0-9]+% +[0-9][^ ]* "; ad=$ms
echo "(a) start to first full overview: $ad"
sleep 1; tmux -L "$sock" capture-pane -p -t direct1 | sed -n '1p;5,6p' | cut -c1-200
u0=$(cpu_ticks "$pid"); sleep 30; u1=$(cpu_ticks "$pid")
echo "chutetop CPU while polling $((direct * 2)) targets every 5 s: $(python3 -c "import sys; print('%.2f CPU-s per s' % ((int(sys.argv[2]) - int(sys.argv[1])) / int(sys.argv[3]) / 30))" "$u0" "$u1" "$hz")"
keys direct1 0.3 "${sorts[@]}"
sleep 1
c_rssd=$(rss "$pid")
b_direct=$(quit_and_latency direct1)
echo "(b) re-sorts at $direct rows: $b_direct"
echo "(c) RSS after 40 s: $c_rssd"

echo
echo "| measure | prometheus source, $chutes chutes | direct source, $direct chutes | goal |"
echo "|---|---|---|---|"
echo "| (a) start to first full overview | $a1; $a2 | $ad | ≤ 2,000 ms |"
echo "| (a) the same, poll {metrics: 30s, readTimeout: 60s} | $a3 | | |"
echo "| (b) re-sort, key to frame | ${b_sort#keyToFrame=} | ${b_direct#keyToFrame=} | ≤ 50 ms |"
echo "| (b) filter keystroke, key to frame | ${b_filter#keyToFrame=} | | ≤ 50 ms |"
echo "| (c) chutetop RSS | $c_rss1; $c_rss2; $c_rss3 | $c_rssd | ≤ 256 MiB |"
echo "| (d) Prometheus CPU per refresh | $d | | |"
echo "| snapshot --json wall | ${snaps[*]} ms | | |"
