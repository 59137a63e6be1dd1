#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/*.png) from `chutetop demo` in tmux:
# each view is driven with keys as an operator would, captured with its colours
# (`tmux capture-pane -e`) and drawn to PNG by scripts/render_pane.py (DejaVu Sans Mono).
# Rerun it whenever a view changes. Needs tmux, python3 with Pillow (pip install pillow) and
# fonts-dejavu-core; takes about four minutes (the error spike's alert fires after two).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v tmux >/dev/null || { echo "needs tmux (apt-get install tmux)" >&2; exit 1; }
python3 -c "import PIL" 2>/dev/null || { echo "needs Pillow (pip install pillow)" >&2; exit 1; }
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || { echo "needs fonts-dejavu-core" >&2; exit 1; }

swift build --product chutetop
bin="$(swift build --show-bin-path)/chutetop"
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
socket="" started=0
columns=160 rows=45
tmux_() { tmux -L "$socket" "$@"; }
trap 'for i in $(seq "$started"); do tmux -L "chutetop-screenshots-$$-$i" kill-server 2>/dev/null || true; done; rm -rf "$work"' EXIT

# Starts the demo on a scenario in a fresh tmux server of the screenshot's size (a server of
# its own each time: a new session on a server still shutting down fails).
start() {
  [ -n "$socket" ] && tmux_ kill-server 2>/dev/null || true
  started=$((started + 1))
  socket="chutetop-screenshots-$$-$started"
  tmux_ -f /dev/null new-session -d -x "$columns" -y "$rows" -s main \
    "env TERM=tmux-256color LANG=C.UTF-8 '$bin' demo --scenario $1 --seed 7 --no-mouse --log-file '$work/chutetop.log' --audit-log '$work/audit.jsonl'"
}

# Waits until the pane shows the text (up to a minute, or the seconds given second).
wait_for() {
  for _ in $(seq $(( ${2:-60} * 10 ))); do
    tmux_ capture-pane -p -t main | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  echo "timed out waiting for '$1'; the pane shows:" >&2
  tmux_ capture-pane -p -t main >&2
  exit 1
}

keys() { tmux_ send-keys -t main "$@"; }

shoot() {
  tmux_ capture-pane -e -N -p -t main > "$work/$1.ansi"
  python3 scripts/render_pane.py "$work/$1.ansi" "$out/$1.png" --columns "$columns" --rows "$rows"
  echo "wrote $out/$1.png"
}

# The overview during an error spike (deepseek returns 15 % errors from the first minute on),
# once an alert fires and the errors have climbed for a while.
start error-spike
wait_for "req/s"
wait_for "firing" 240
sleep 20
shoot overview

# One chute: charts, engine panel, scaling, breakers, instances, GPUs.
keys / l l a m a Enter
sleep 0.5
keys Enter
wait_for "Instances"
sleep 5
shoot chute

# Its logs (every instance merged), following.
keys l
wait_for "following"
sleep 4
shoot logs

# An action's confirmation: scale to 4, exactly what will be sent, Cancel by default.
keys Escape
wait_for "Instances"
keys x
wait_for "Actions on"
keys Enter
wait_for "instances wanted"
keys BSpace 4 Enter
wait_for "capacity"
shoot confirm-scale
keys Escape

# The alerts view when an instance is down (target-down fires, critical).
start dead-target
wait_for "req/s"
keys A
wait_for "✖ firing" 180
sleep 2
shoot alerts
