#!/usr/bin/env python3
"""Writes an OpenMetrics file of a fleet of CHUTES chutes x INSTANCES instances, for
`promtool tsdb create-blocks-from openmetrics` (Benchmarks/prometheus-scale.sh).

Every instance has the series chutetop's prometheus source queries (FleetQueries.swift), with
job="chutes", chute="chute-00001", chute_instance="i-1":
  up; http_requests_total{status="200"|"500"} (every tenth chute also "503");
  http_request_duration_seconds_bucket{le=...}; DCGM_FI_DEV_GPU_UTIL, DCGM_FI_DEV_FB_USED,
  DCGM_FI_DEV_FB_FREE with gpu and UUID labels; circuit_breaker_state{name="db",state=...} one-hot.
Samples every STEP seconds from START to END (unix seconds). Figures are deterministic: a chute's
request rate, 5xx share and latency profile follow from its number, so two runs hold the same
fleet (only the time range moves with the clock).

  prometheus-scale-data.py OUT CHUTES INSTANCES START END STEP
"""
import sys
from operator import add

out, chutes, instances, start, end, step = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
if chutes < 1 or instances < 1 or step < 1 or end <= start:
    sys.exit("prometheus-scale-data.py: bad arguments")
times = list(range(start, end + 1, step))
elapsed = [t - start for t in times]
# " TIME\n" after each value: a series is written as prefix + prefix.join(value + suffix), in C.
suffixes = [" %d\n" % t for t in times]
n = len(times)
BOUNDS = ["0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"]
# Cumulative share of requests at or under each bound, for five latency profiles.
PROFILES = [
    [0.30, 0.70, 0.92, 0.98, 0.995, 0.999, 1.0],
    [0.10, 0.40, 0.80, 0.95, 0.990, 0.998, 1.0],
    [0.02, 0.15, 0.50, 0.85, 0.970, 0.995, 1.0],
    [0.01, 0.05, 0.25, 0.60, 0.900, 0.990, 1.0],
    [0.00, 0.01, 0.05, 0.20, 0.600, 0.950, 1.0],
]


def fleet():
    for c in range(1, chutes + 1):
        for i in range(1, instances + 1):
            yield c, i, 'job="chutes",chute="chute-%05d",chute_instance="i-%d"' % (c, i)


def rate(c, i):  # requests/s of one instance
    return 0.5 + (c * 7 % 40) + 0.25 * i


def error_share(c):  # share of 5xx
    return 0.20 if c % 97 == 0 else 0.04 if c % 13 == 0 else 0.005


def write_series(f, labels, values):
    p = labels + "} "
    f.write(p + p.join(map(add, values, suffixes)))


def write_counter(f, labels, per_second, base):
    """A counter that grows by a whole number each step (at least 1)."""
    increment = max(1, round(per_second * step))
    base = round(base)
    write_series(f, labels, map(str, range(base, base + increment * n, increment)))


def write_gauge(f, labels, values):
    write_series(f, labels, values)


with open(out, "w", buffering=1 << 22) as f:
    f.write("# TYPE up gauge\n")
    for c, i, l in fleet():
        down = (c * instances + i) % 499 == 0
        write_gauge(f, "up{" + l, ["0" if down else "1"] * n)
    f.write("# TYPE http_requests counter\n")
    for c, i, l in fleet():
        r, e = rate(c, i), error_share(c)
        statuses = [("200", r * (1 - e)), ("500", r * e * (0.5 if c % 10 == 0 else 1))]
        if c % 10 == 0:
            statuses.append(("503", r * e * 0.5))
        for status, per_second in statuses:
            write_counter(f, "http_requests_total{" + l + ',status="' + status + '"', per_second, 1000 * i)
    f.write("# TYPE http_request_duration_seconds histogram\n")
    for c, i, l in fleet():
        r, profile = rate(c, i), PROFILES[c % len(PROFILES)]
        for bound, share in zip(BOUNDS, profile):
            write_counter(f, "http_request_duration_seconds_bucket{" + l + ',le="' + bound + '"', r * share, 1000 * i * share)
    gpu = lambda c, i: ',gpu="0",UUID="GPU-%08x-0000-4000-8000-%012x"' % (c, i)
    f.write("# TYPE DCGM_FI_DEV_GPU_UTIL gauge\n")
    for c, i, l in fleet():
        write_gauge(f, "DCGM_FI_DEV_GPU_UTIL{" + l + gpu(c, i), [str((c * 31 + i * 17 + e // 60) % 101) for e in elapsed])
    f.write("# TYPE DCGM_FI_DEV_FB_USED gauge\n")
    for c, i, l in fleet():
        write_gauge(f, "DCGM_FI_DEV_FB_USED{" + l + gpu(c, i), [str(20000 + (c * 113) % 50000)] * n)
    f.write("# TYPE DCGM_FI_DEV_FB_FREE gauge\n")
    for c, i, l in fleet():
        write_gauge(f, "DCGM_FI_DEV_FB_FREE{" + l + gpu(c, i), [str(81559 - 20000 - (c * 113) % 50000)] * n)
    f.write("# TYPE circuit_breaker_state gauge\n")
    for c, i, l in fleet():
        current = "open" if c % 101 == 0 else "half_open" if c % 211 == 0 else "closed"
        for state in ("closed", "open", "half_open"):
            write_gauge(f, "circuit_breaker_state{" + l + ',name="db",state="' + state + '"', ["1" if state == current else "0"] * n)
    f.write("# EOF\n")
