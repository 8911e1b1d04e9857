#!/usr/bin/env bash
# Smoke-runs an INSTALLED Mistral Desk (the .deb's /usr/bin/mistral-desk, or the path given):
# --version, then the headless proxy (--serve) on a free loopback port with a dummy key, which must
# answer GET /health with 200, then stop on SIGTERM with exit status 0. Nothing reaches Mistral.
# Used by scripts/test.sh (CI, after installing the .deb) and packaging/Dockerfile (runtime stage).
set -euo pipefail

bin=${1:-mistral-desk}
command -v "$bin" >/dev/null 2>&1 || { echo "smoke: $bin is not installed" >&2; exit 1; }
echo "smoke: $(command -v "$bin")"

version=$("$bin" --version)
echo "smoke: --version: $version"
[ -n "$version" ] || { echo "smoke: --version printed nothing" >&2; exit 1; }

# A private home and configuration (nothing is written to the caller's), loopback only, a dummy key
# and an upstream nobody listens on: the proxy starts without asking anything of the network.
work=$(mktemp -d)
pid=
cleanup() {
  [ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
log="$work/serve.log"
env -i PATH="$PATH" HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
  XDG_CACHE_HOME="$work/cache" MISTRAL_API_KEY=smoke-dummy-key PROXY_TOKEN=smoke-token \
  MISTRAL_URL=http://127.0.0.1:9 LOG_LEVEL=info \
  "$bin" --serve --host 127.0.0.1 --port 0 >"$log" 2>&1 &
pid=$!

# Port 0: the system picks a free port, which the proxy prints ("listening on http://127.0.0.1:PORT").
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$log" | head -n 1)
  [ -z "$port" ] || break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "smoke: the proxy did not start; its output:" >&2
  cat "$log" >&2
  exit 1
fi
echo "smoke: --serve listening on 127.0.0.1:$port"

# GET /health: with curl when there is one, else bash's /dev/tcp (a bare image has no curl).
health_status() {
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/health" || true
  else
    (
      exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 0
      printf 'GET /health HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&3
      IFS=' ' read -r -t 5 _ code _ <&3 && printf '%s' "$code"
    ) 2>/dev/null || true
  fi
}
status=
for _ in $(seq 1 50); do
  status=$(health_status)
  [ "$status" != 200 ] || break
  sleep 0.1
done
if [ "$status" != 200 ]; then
  echo "smoke: GET /health answered '${status:-nothing}', not 200; the proxy's output:" >&2
  cat "$log" >&2
  exit 1
fi
echo "smoke: GET /health: 200"

kill -TERM "$pid"
rc=0
for _ in $(seq 1 100); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  echo "smoke: the proxy still runs 10 s after SIGTERM; its output:" >&2
  cat "$log" >&2
  exit 1
fi
wait "$pid" || rc=$?
pid=
if [ "$rc" -ne 0 ]; then
  echo "smoke: the proxy exited with status $rc after SIGTERM; its output:" >&2
  cat "$log" >&2
  exit 1
fi
echo "smoke: SIGTERM: exit status 0"
echo "smoke: OK"
