#!/usr/bin/env bash
# Builds chutetop for release twice, with the Swift runtime linked dynamically (the default)
# and statically (--static-swift-stdlib), and measures each: the binary's size, what it needs
# from the system, and the resident memory of the same work (the dashboard on the simulated
# fleet for 30 s in tmux, and `snapshot --demo`). BENCHMARKS.md has the figures.
# Usage: scripts/release-rss.sh [SCRATCH]   (default .build-release; both builds share it)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${1:-.build-release}
out=$(mktemp -d)
trap 'for s in dynamic static; do tmux -L "chutetop-rss-$$-$s" kill-server 2>/dev/null || true; done; rm -rf "$out"' EXIT

swift build -c release --product chutetop --scratch-path "$scratch"
cp "$scratch/release/chutetop" "$out/chutetop-dynamic"
swift build -c release --product chutetop --scratch-path "$scratch" --static-swift-stdlib
cp "$scratch/release/chutetop" "$out/chutetop-static"

measure() {
  local binary=$1
  local size; size=$(stat -c %s "$binary")
  local libs; libs=$(ldd "$binary" | grep -c "libswift\|libFoundation\|lib_Foundation\|libdispatch\|libBlocksRuntime" || true)
  # The dashboard: peak and current resident memory after 30 s on the demo fleet at 160x48,
  # each in a tmux server of its own.
  local socket="chutetop-rss-$$-$2"
  tmux -L "$socket" -f /dev/null new-session -d -x 160 -y 48 -s main \
    "env TERM=tmux-256color LANG=C.UTF-8 '$binary' demo --seed 1 --log-file '$out/log'; sleep 60"
  sleep 30
  local pid; pid=$(pgrep -f "^$binary demo" | head -1)
  local hwm rss
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  tmux -L "$socket" send-keys -t main q
  # A headless snapshot: its maximum resident set.
  local snap; snap=$( { /usr/bin/time -f "%M" "$binary" snapshot --demo --window 2 >/dev/null; } 2>&1 | tail -1)
  printf '%-8s size %6.1f MiB, Swift runtime libraries loaded: %s; dashboard after 30 s: RSS %d KiB (peak %d KiB); snapshot --demo: peak %d KiB\n' \
    "$2" "$(echo "$size / 1048576" | bc -l)" "$libs" "$rss" "$hwm" "$snap"
}

measure "$out/chutetop-dynamic" dynamic
measure "$out/chutetop-static" static
