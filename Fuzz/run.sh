#!/usr/bin/env bash
# Builds the libFuzzer harness (AddressSanitizer + LeakSanitizer) and runs every decoder target
# for RUNS executions (default 1,000,000), seeded from ../shared/corpus and Fixtures/.
#   Fuzz/run.sh [RUNS] [TARGET...]
#     targets: exposition health logs sse sanitizer api config runbook theme scenario recording
# Prints one Markdown row per target; a crash or leak stops that target and leaves the input
# in Fuzz/artifacts/. MAX_SECONDS=S stops each target after S seconds (the row says how many
# executions it reached); FUZZ_SKIP_BUILD=1 reuses the last build; CORPUS_DIR=D keeps each
# target's corpus in D/TARGET across runs (default: a temporary directory). SANITIZE=fuzzer
# builds without AddressSanitizer (Swift's own bounds and overflow checks stay on) into a build
# directory of its own: several times the executions per second, for long runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=$(cd "$root/../shared" 2>/dev/null && pwd || true)
runs=${1:-1000000}
shift || true
all=(exposition health logs sse sanitizer api config runbook theme scenario recording)
targets=("$@")
[ $# -eq 0 ] && targets=("${all[@]}")
cd "$here"
# SwiftPM links with gold, which fails on this sanitizer build (an internal error in its DWARF
# reader), so relink the same objects with lld.
sanitize=${SANITIZE:-fuzzer,address}
scratch=.build; [ "$sanitize" = "fuzzer,address" ] || scratch=.build-${sanitize//,/-}
bin=$scratch/x86_64-unknown-linux-gnu/release/IngestFuzz
if [ -z "${FUZZ_SKIP_BUILD:-}" ]; then
  rm -f "$bin"
  swift build -c release --scratch-path "$scratch" -Xswiftc -sanitize="$sanitize" --product IngestFuzz -v >"$scratch.log" 2>&1 || true
  # The build is expected to fail at its link only; a compile error must not leave the last
  # binary to be relinked and fuzzed as if it were this code.
  if grep -qE "\.swift:[0-9]+:[0-9]+: error:" "$scratch.log"; then
    grep -E "\.swift:[0-9]+:[0-9]+: error:" "$scratch.log" | head -5 >&2
    echo "the fuzzer did not compile; see Fuzz/$scratch.log (a file added since the last build: rm Fuzz/$scratch/release.yaml)" >&2
    exit 2
  fi
  grep -E "^/opt/swift/usr/bin/clang -pie|^[^ ]*clang -pie" "$scratch.log" | grep -- "-o .*IngestFuzz$" | tail -1 | sed 's/$/ -fuse-ld=lld/; s/ -v / /' >"$scratch-link.sh" || true
  [ -s "$scratch-link.sh" ] || { echo "the fuzzer's link command is not in Fuzz/$scratch.log: the build failed before it" >&2; exit 2; }
  bash "$scratch-link.sh"
fi
[ -x "$bin" ] || { echo "fuzzer did not build; see Fuzz/$scratch.log" >&2; exit 2; }
if [ -n "${CORPUS_DIR:-}" ]; then work=$CORPUS_DIR; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
mkdir -p artifacts
seed() { # target file [mode-byte]
  local dir="$work/$1"; mkdir -p "$dir"
  if [ -n "${3:-}" ]; then { printf "\\x$3"; cat "$2"; } >"$dir/$(basename "$2").$3"; else cp "$2" "$dir/"; fi
}
if [ -n "$shared" ]; then
  for f in "$shared"/corpus/*.txt "$shared"/corpus/*.metrics; do for m in 00 01 03 05; do seed exposition "$f" $m; done; done
  for d in "$shared"/corpus/openmetrics-parser-tests/*/; do seed exposition "$d/metrics" 03; mv "$work/exposition/metrics.03" "$work/exposition/$(basename "$d").03"; done
fi
for f in "$root"/Fixtures/health/*; do seed health "$f"; done
for f in "$root"/Fixtures/logs/*; do seed logs "$f"; seed sse "$f"; seed sanitizer "$f"; done
for f in "$root"/Fixtures/api/*.json; do for m in 00 01 02 03 04 05 06 07 08 09; do seed api "$f" $m; done; done
for f in "$root"/Fixtures/config/*.yaml "$root"/Fixtures/config/*.yml; do seed config "$f"; done
for f in "$root"/Fixtures/runbooks/*.yaml; do seed runbook "$f"; done
for f in "$root"/Themes/*.theme; do seed theme "$f"; done
for f in "$root"/Fixtures/scenarios/*.scenario; do seed scenario "$f"; done
for f in "$root"/Fixtures/recordings/*.chuterec; do seed recording "$f"; done
for t in "${all[@]}"; do mkdir -p "$work/$t"; done
echo "| target | executions | seconds | exec/s | corpus at end | result |"
echo "|---|---|---|---|---|---|"
for t in "${targets[@]}"; do
  start=$(date +%s)
  set +e
  SWIFT_BACKTRACE=enable=no CHUTETOP_FUZZ_TARGET=$t "$bin" -runs="$runs" ${MAX_SECONDS:+-max_total_time=$MAX_SECONDS} -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="artifacts/$t-" "$work/$t" >"$work/$t.log" 2>&1
  rc=$?
  set -e
  secs=$(( $(date +%s) - start )); [ "$secs" -gt 0 ] || secs=1
  done_runs=$(grep -oE "Done [0-9]+ runs" "$work/$t.log" | grep -oE "[0-9]+" || echo 0)
  corpus=$(ls "$work/$t" | wc -l)
  if [ $rc -eq 0 ]; then result="no crash, no leak"; else result="FAILED (exit $rc): $(grep -m1 -E 'ERROR|SUMMARY' "$work/$t.log")"; fi
  echo "| $t | $done_runs | $secs | $(( done_runs / secs )) | $corpus | $result |"
done
