#!/usr/bin/env bash
# Exposition parser throughput beside its peers, in one run on the same files:
#   chutetop (in-process: ParserBenchmark; whole process: chutetop parse metrics --quiet)
#   promtool check metrics (Go; Debian's prometheus package; whole process only)
#   prometheus_client's parser (python3 ../shared/bench/parse_py.py; in-process and whole process)
# Inputs: ../shared/bench/gen_metrics.py (small.prom, large.prom) and Prometheus' 190 KB
# self-metrics capture from ../shared/corpus.
#
#   Benchmarks/parser-peers.sh            (needs: swift build -c release --static-swift-stdlib --scratch-path .build-static; apt-get install prometheus hyperfine;
#                                          pip install prometheus_client)
# Prints Markdown tables. Whole-process times are hyperfine medians (process start included).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$root/../shared" && pwd)
bin="$root/.build-static/release"
for tool in promtool hyperfine python3; do command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 2; }; done
[ -x "$bin/chutetop" ] && [ -x "$bin/ParserBenchmark" ] || { echo "build first: swift build -c release --static-swift-stdlib --scratch-path .build-static" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$shared/bench/gen_metrics.py" "$work" >/dev/null
cp "$shared/corpus/prometheus-selfmetrics.alltypes.237mfs.prom.txt" "$work/selfmetrics.prom"
files=(large.prom small.prom selfmetrics.prom)

echo "### In-process (median time per parse)"
echo
(cd "$work" && "$bin/ParserBenchmark" "${files[@]}" --seconds 3)
echo
echo "prometheus_client, same files:"
echo
echo "| file | bytes | samples | parses | median ms/parse | MB/s | samples/s |"
echo "|---|---|---|---|---|---|---|"
for f in "${files[@]}"; do
  reps=20; [ "$f" = large.prom ] && reps=3
  python3 "$shared/bench/parse_py.py" "$work/$f" "$reps" | awk -v f="$f" '{
    for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "| %s | %s | %s | %s | %.3f | %s | %s |\n", f, v["bytes"], v["samples"], v["parses"], v["in_proc_median_s"] * 1000, v["MBps"], v["samples_per_s"] }'
done
echo
echo "### Whole process (hyperfine median, process start included)"
echo
echo "Wall: hyperfine median. CPU: mean user+system seconds (promtool's Go runtime uses several threads,"
echo "so on this 2-core machine CPU time is the steadier measure of cost)."
echo
echo "| file | chutetop wall / CPU | promtool wall / CPU | prometheus_client wall / CPU | chutetop MB/s (wall) | promtool MB/s (wall) | vs promtool: wall, CPU | vs prometheus_client: wall, CPU |"
echo "|---|---|---|---|---|---|---|---|"
for f in "${files[@]}"; do
  bytes=$(stat -c %s "$work/$f")
  hyperfine -N -i --warmup 2 --min-runs 10 --export-json "$work/h.json" \
    "$bin/chutetop parse metrics --quiet $work/$f" \
    "sh -c 'promtool check metrics < $work/$f'" \
    "python3 $shared/bench/parse_py.py $work/$f" >/dev/null 2>&1
  python3 - "$work/h.json" "$f" "$bytes" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
b = int(sys.argv[3])
c, p, y = (x["median"] for x in r)
cc, pc, yc = (x["user"] + x["system"] for x in r)
print(f"| {sys.argv[2]} | {c*1000:.1f} / {cc*1000:.1f} ms | {p*1000:.1f} / {pc*1000:.1f} ms | {y*1000:.1f} / {yc*1000:.1f} ms "
      f"| {b/c/1e6:.1f} | {b/p/1e6:.1f} | {p/c:.1f}x, {pc/cc:.1f}x | {y/c:.1f}x, {yc/cc:.1f}x |")
PY
done
