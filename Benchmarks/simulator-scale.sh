#!/usr/bin/env bash
# The simulator's cost at scale (FleetSimulator issue):
#  1. CPU-seconds per 1,000 /metrics responses with 1,000 chutes x 4 instances (4 client threads,
#     keep-alive, every instance's page in turn), read from /proc/PID/stat around the requests;
#  2. whether fleets of increasing size are served at 1 Hz scraping (every instance's /metrics
#     once a second for 20 s): the simulator's CPU share and the slowest second.
#   Benchmarks/simulator-scale.sh     (needs: swift build -c release --static-swift-stdlib --scratch-path .build-static)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.build-static/release/chutetop"
[ -x "$bin" ] || { echo "build first: swift build -c release --static-swift-stdlib --scratch-path .build-static" >&2; exit 2; }
hz=$(getconf CLK_TCK)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

start_sim() { # chutes
  "$bin" sim --listen 127.0.0.1:0 --chutes "$1" --instances 4 --seed 1 --scenario steady >"$work/sim.out" 2>&1 &
  sim_pid=$!
  for _ in $(seq 1 100); do [ -s "$work/sim.out" ] && break; sleep 0.1; done
  url=$(head -1 "$work/sim.out")
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

cat >"$work/load.py" <<'PY'
import http.client, json, sys, threading, time, urllib.parse, urllib.request
url, mode, arg = sys.argv[1], sys.argv[2], float(sys.argv[3])
host = urllib.parse.urlparse(url).netloc
paths = [t["labels"]["__metrics_path__"] for t in json.load(urllib.request.urlopen(url + "/sim/targets"))]
def worker(chunk, out):
    c = http.client.HTTPConnection(host, timeout=30)
    for p in chunk:
        c.request("GET", p); r = c.getresponse(); r.read(); out.append(r.status)
if mode == "count":          # arg = number of requests
    n = int(arg); work = [paths[i % len(paths)] for i in range(n)]; out = []
    ts = [threading.Thread(target=worker, args=(work[i::4], out)) for i in range(4)]
    t0 = time.time(); [t.start() for t in ts]; [t.join() for t in ts]
    print(len(out), sum(1 for s in out if s == 200), time.time() - t0)
else:                        # arg = seconds of 1 Hz scraping of every instance
    worst = 0.0; ok = 0
    for second in range(int(arg)):
        t0 = time.time(); out = []
        ts = [threading.Thread(target=worker, args=(paths[i::8], out)) for i in range(8)]
        [t.start() for t in ts]; [t.join() for t in ts]
        took = time.time() - t0; worst = max(worst, took); ok += sum(1 for s in out if s == 200)
        time.sleep(max(0, 1 - took))
    print(len(paths), ok, worst)
PY

echo "### CPU per 1,000 /metrics responses (1,000 chutes x 4 instances)"
echo
start_sim 1000
sleep 2
t0=$(ticks $sim_pid)
read -r sent ok secs < <(python3 "$work/load.py" "$url" count 8000)
t1=$(ticks $sim_pid)
kill $sim_pid; wait $sim_pid 2>/dev/null || true
awk -v d=$((t1 - t0)) -v hz=$hz -v n=$sent -v ok=$ok -v s=$secs \
  'BEGIN { printf "| responses | 200 OK | wall s | simulator CPU-s | CPU-s per 1,000 | responses/s |\n|---|---|---|---|---|---|\n| %d | %d | %.1f | %.2f | %.3f | %.0f |\n", n, ok, s, d/hz, d/hz/n*1000, n/s }'
echo
echo "### 1 Hz scraping of every instance for 20 s"
echo
echo "| chutes x 4 instances | scrapes/s | 200 OK | slowest second (s) | simulator CPU (cores) |"
echo "|---|---|---|---|---|"
for chutes in 250 500 1000 2000; do
  start_sim $chutes
  sleep 2
  t0=$(ticks $sim_pid)
  read -r n ok worst < <(python3 "$work/load.py" "$url" hz 20)
  t1=$(ticks $sim_pid)
  kill $sim_pid; wait $sim_pid 2>/dev/null || true
  awk -v c=$chutes -v n=$n -v ok=$ok -v w=$worst -v d=$((t1 - t0)) -v hz=$hz \
    'BEGIN { printf "| %d | %d | %d of %d | %.2f | %.2f |\n", c, n, ok, n * 20, w, d / hz / 20 }'
done
