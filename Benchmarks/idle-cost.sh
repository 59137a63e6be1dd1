#!/usr/bin/env bash
# Idle cost of a full-screen chutetop command beside htop, measured in the same run:
# CPU-seconds over the window (utime+stime from /proc/PID/stat) and bytes written to the
# terminal per second (everything the pane receives, via tmux pipe-pane), after a warm-up.
#
#   Benchmarks/idle-cost.sh [SECONDS] [-- chutetop ARGS...]
#   e.g. Benchmarks/idle-cost.sh 60 -- themes
#
# Needs tmux and htop (apt-get install tmux htop) and a release build
# (swift build -c release). Prints a Markdown table.
set -euo pipefail
seconds=${1:-60}
shift || true
[ "${1:-}" = "--" ] && shift
args=("${@:-themes}")
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.build/release/chutetop"
[ -x "$bin" ] || { echo "build first: swift build -c release" >&2; exit 2; }
command -v htop >/dev/null || { echo "htop missing: apt-get install htop" >&2; exit 2; }
work=$(mktemp -d)
sock="chutetop-bench-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
hz=$(getconf CLK_TCK)

start() { # name command...
  local name=$1; shift
  tmux -L "$sock" -f /dev/null new-session -d -s "$name" -x 120 -y 40 \
    "export TERM=tmux-256color LANG=C.UTF-8; unset NO_COLOR; exec $*"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

start chutetop "$bin ${args[*]} --log-file $work/chutetop.log"
start htop "htop -d 10"
sleep 3   # warm-up: first frames are not idle cost
declare -A pid ticks0
for s in chutetop htop; do
  pid[$s]=$(tmux -L "$sock" display -p -t "$s" '#{pane_pid}')
  tmux -L "$sock" pipe-pane -t "$s" -o "cat > $work/$s.out"
  ticks0[$s]=$(cpu_ticks "${pid[$s]}")
done
sleep "$seconds"
echo "| program | window | CPU-seconds | CPU-s per minute | bytes to terminal | bytes/s |"
echo "|---|---|---|---|---|---|"
for s in chutetop htop; do
  t1=$(cpu_ticks "${pid[$s]}")
  tmux -L "$sock" pipe-pane -t "$s"
  bytes=$(stat -c %s "$work/$s.out")
  label=$s; [ "$s" = chutetop ] && label="chutetop ${args[*]}"; [ "$s" = htop ] && label="htop -d 10"
  awk -v n="$label" -v w="$seconds" -v d="$((t1 - ticks0[$s]))" -v hz="$hz" -v b="$bytes" \
    'BEGIN { cpu = d / hz; printf "| %s | %d s | %.2f | %.3f | %d | %.1f |\n", n, w, cpu, cpu * 60 / w, b, b / w }'
done
