#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (build/fuzz, reused when present) and runs each
# for a bounded time under ASan/UBSan, on a copy of its committed seed corpus (which is never written).
# Usage: scripts/fuzz.sh [seconds-per-target] [target...]   e.g. scripts/fuzz.sh 60 SseParser
# FUZZ_SEED=N fixes libFuzzer's random seed (default: a new one each run). The same seed starts the
# same way, but runs drift apart (timing, the machine's speed), so a crash is reproduced from its
# input: the log prints its bytes, and the file is kept under build/fuzz/artifacts.
# Prints the executions each target ran; exits non-zero when any target crashed, leaked, hung or broke
# an invariant. The input that did it is kept under build/fuzz/artifacts/<target>/ (see tests/fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(SseParser ChatStream ApiError OpenAiTranslator HistoryImport)

# Inputs larger than these only slow the search: the formats' structure shows in a few kilobytes.
declare -A max_len=([SseParser]=4096 [ChatStream]=8192 [ApiError]=4096 [OpenAiTranslator]=8192 [HistoryImport]=8192)

build=build/fuzz
if [ ! -f "$build/build.ninja" ]; then
  # Only md_core and the targets: no widgets, tests or benchmarks, so the build stays short.
  # clang 14 first: its libFuzzer runtime is the one scripts/install-deps.sh installs
  # (libclang-rt-14-dev), while plain `clang` may be a newer version without its runtime.
  cc=clang cxx=clang++
  if command -v clang++-14 >/dev/null 2>&1; then cc=clang-14 cxx=clang++-14; fi
  CC=$cc CXX=$cxx cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMD_BUILD_FUZZ=ON -DMD_BUILD_UI=OFF -DMD_BUILD_TESTS=OFF -DMD_BUILD_BENCH=OFF
fi
nice cmake --build "$build" --parallel "$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}")

work=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-run.XXXXXX")
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export QT_QPA_PLATFORM=offscreen

failed=()
total=0
for t in "${targets[@]}"; do
  corpus="$work/corpus-$t"
  artifacts="$build/artifacts/$t"
  mkdir -p "$artifacts"
  cp -r "tests/fuzz/corpus/$t" "$corpus"
  dict=()
  [ -f "tests/fuzz/dict/$t.dict" ] && dict=(-dict="tests/fuzz/dict/$t.dict")
  log="$build/fuzz_$t.log"
  started="$work/started-$t"
  touch "$started"
  repeat=()
  [ -n "${FUZZ_SEED:-}" ] && repeat+=(-seed="$FUZZ_SEED")
  rc=0
  TMPDIR="$work" nice "$build/tests/fuzz/fuzz_$t" "$corpus" "${dict[@]}" "${repeat[@]}" -max_len="${max_len[$t]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  found=$(find "$artifacts" -type f -newer "$started" | head -5)
  if [ "$rc" -ne 0 ] || [ -n "$found" ] || grep -q "ERROR: AddressSanitizer\|runtime error:\|ERROR: LeakSanitizer" "$log"; then
    echo "fuzz_$t: FAILED (exit $rc) after ${runs:-?} executions; log: $log"
    grep -m1 -A25 "ERROR: \|runtime error:\|FUZZ_CHECK failed\|qFatal\|deadly signal" "$log" || tail -30 "$log"
    for f in $found; do echo "  input kept: $f  (reproduce: $build/tests/fuzz/fuzz_$t $f)"; done
    failed+=("$t")
  else
    echo "fuzz_$t: ${runs:-?} executions in ${seconds} s${FUZZ_SEED:+ (seed $FUZZ_SEED)}, no crash (corpus $(ls "$corpus" | wc -l) inputs)"
  fi
  total=$((total + ${runs:-0}))
done
echo "fuzz: $total executions in total"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in ${failed[*]}"
  exit 1
fi
