#!/usr/bin/env bash
# Runs the SDK compatibility tests: the official `@mistralai/mistralai` and `openai` npm packages
# against `mistral-desk --serve`, which forwards to fake-mistral.
#
#   tests/compat/run.sh MISTRAL_DESK FAKE_MISTRAL [WORK_DIR]
#
# WORK_DIR (ctest passes the build directory of tests/compat) receives package.json, the lockfile,
# the test files, node_modules and the logs of the last run, so the source tree stays clean. Without
# it everything happens here, next to the sources (node_modules is git-ignored), and logs are removed.
#
# `npm ci` runs only when node_modules is missing or was installed from another lockfile; it needs
# the npm registry (or a warm npm cache). Environment: COMPAT_STRICT=1 makes tests of known
# incompatibilities fail instead of being reported as "todo"; NODE_TEST_ARGS adds node --test options.
set -euo pipefail

die() {
  echo "compat: $*" >&2
  exit 1
}

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  die "usage: $0 MISTRAL_DESK FAKE_MISTRAL [WORK_DIR]"
fi
src_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
desk=$1
fake=$2
[ -x "$desk" ] || die "not an executable: $desk"
[ -x "$fake" ] || die "not an executable: $fake"

command -v node >/dev/null 2>&1 || die "node not found: Node.js 20 or later is needed (scripts/install-deps.sh installs it)"
command -v npm >/dev/null 2>&1 || die "npm not found: it comes with Node.js (scripts/install-deps.sh installs it)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 18 ] || die "node $(node --version) is too old: the tests need Node.js 20 or later (node:test, fetch)"
[ "$node_major" -ge 20 ] || echo "compat: warning: node $(node --version) is older than the tested Node.js 20" >&2

test_files=(mistral-sdk.test.mjs openai-sdk.test.mjs)
file_timeout=60  # seconds per test file
ready_timeout=10 # seconds for each server to print its address
token="compat-local-token-5f3a9c1e"
fake_key="compat-upstream-key"

# --- dependencies -----------------------------------------------------------------------------
if [ $# -eq 3 ]; then
  mkdir -p "$3"
  work_dir=$(cd "$3" && pwd)
else
  work_dir=$src_dir
fi
if [ "$work_dir" != "$src_dir" ]; then
  # Node resolves packages from the importing file's directory upwards: the tests run from here.
  cp -p "$src_dir"/package.json "$src_dir"/*.mjs "$work_dir"/
fi
stamp="$work_dir/node_modules/.compat-lockfile"
if [ ! -d "$work_dir/node_modules" ] || ! cmp -s "$src_dir/package-lock.json" "$stamp"; then
  echo "compat: installing the SDKs with npm ci in $work_dir"
  [ "$work_dir" = "$src_dir" ] || cp -p "$src_dir/package-lock.json" "$work_dir/"
  (cd "$work_dir" && timeout 150 npm ci --no-audit --no-fund --loglevel=error) \
    || die "npm ci failed in $work_dir (is the npm registry reachable?)"
  cp "$src_dir/package-lock.json" "$stamp"
fi

# --- servers ----------------------------------------------------------------------------------
if [ $# -eq 3 ]; then
  logs="$work_dir/logs" # kept for a look after a failure
  keep_logs=1
  rm -rf "$logs"
  mkdir -p "$logs"
else
  logs=$(mktemp -d "${TMPDIR:-/tmp}/md-compat.XXXXXX")
  keep_logs=0
fi
fake_pid=
proxy_pid=
tests_pid=

# shellcheck disable=SC2317 # stop and cleanup run from the EXIT trap
stop() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# shellcheck disable=SC2317
cleanup() {
  local status=$?
  stop "$tests_pid"
  stop "$proxy_pid"
  stop "$fake_pid"
  [ "$keep_logs" -eq 1 ] || rm -rf "$logs"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_logs() {
  for f in "$logs"/*; do
    [ -s "$f" ] || continue
    echo "----- $(basename "$f") (last 40 lines)" >&2
    tail -n 40 "$f" >&2
  done
}

# Waits until FILE holds a line with "listening on http://..." and prints that URL.
wait_for_url() {
  local file=$1 pid=$2 name=$3 deadline=$((SECONDS + ready_timeout)) url
  while :; do
    url=$(sed -n 's/.*listening on \(http:\/\/[^ ]*\).*/\1/p' "$file" | head -n 1)
    if [ -n "$url" ]; then
      echo "$url"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "compat: $name exited before listening" >&2; show_logs; return 1; }
    [ $SECONDS -lt $deadline ] || { echo "compat: $name did not start within ${ready_timeout}s" >&2; show_logs; return 1; }
    sleep 0.05
  done
}

"$fake" --port 0 --key "$fake_key" --tokens 8 >"$logs/fake.out" 2>"$logs/fake.err" &
fake_pid=$!
fake_url=$(wait_for_url "$logs/fake.out" "$fake_pid" fake-mistral)

# A clean environment for the proxy: settings a developer may have exported must not change answers.
env -u MISTRAL_KEY -u PRIMARY_MODEL -u MAX_TOKENS -u TIMEOUT -u SAFE_MODE -u RANDOM_SEED \
  MISTRAL_API_KEY="$fake_key" MISTRAL_URL="$fake_url" HOST=127.0.0.1 PORT=0 PROXY_TOKEN="$token" \
  LOG_LEVEL=warning QT_QPA_PLATFORM=offscreen \
  "$desk" --serve >"$logs/access.log" 2>"$logs/proxy.err" &
proxy_pid=$!
proxy_url=$(wait_for_url "$logs/proxy.err" "$proxy_pid" "mistral-desk --serve")
echo "compat: fake-mistral at $fake_url, proxy at $proxy_url, node $(node --version)"

# --- tests ------------------------------------------------------------------------------------
# One file at a time: the fake's script queue is shared, so the files must not run concurrently.
status=0
for file in "${test_files[@]}"; do
  # In the background and waited for, so that a TERM from ctest or the user runs the trap at once.
  # shellcheck disable=SC2086 # NODE_TEST_ARGS is a list of options
  (cd "$work_dir" && PROXY_URL="$proxy_url" PROXY_TOKEN="$token" FAKE_URL="$fake_url" \
    FAKE_KEY="$fake_key" PROXY_LOG="$logs/access.log" \
    exec timeout --kill-after=5 "$file_timeout" node --test --test-reporter=spec ${NODE_TEST_ARGS:-} "$file") &
  tests_pid=$!
  set +e
  wait "$tests_pid"
  file_status=$?
  set -e
  tests_pid=
  if [ $file_status -eq 124 ] || [ $file_status -eq 137 ]; then
    echo "compat: $file did not finish within ${file_timeout}s" >&2
  fi
  if [ $file_status -ne 0 ]; then
    [ $status -ne 0 ] || status=$file_status
  fi
  kill -0 "$proxy_pid" 2>/dev/null || { echo "compat: the proxy died during $file" >&2; status=1; break; }
done
[ $status -eq 0 ] || show_logs
exit $status
