#!/usr/bin/env bash
# The whole test suite again under AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer
# (the `asan` preset: Debug, -fsanitize=address,undefined). Run by scripts/test.sh after the normal
# tests; on its own: `bash scripts/sanitize.sh` (after scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset asan
cmake --build --preset asan --parallel "$(nproc)"

# Leaks inside system libraries (fontconfig, glib, D-Bus, Qt's plugin loader) are not ours and are
# listed in tests/lsan.supp; every other leak, and any address or UB error, fails the test.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0:strict_string_checks=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --preset asan --parallel 2 --timeout 600 "$@"
