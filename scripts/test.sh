#!/usr/bin/env bash
# Installs what is missing, builds Mistral Desk with its tests (warnings are errors), and runs
# every test with ctest. This is the command CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

preset=ci
cmake --preset "$preset"
cmake --build --preset "$preset" --parallel "$(nproc)"

# The app must at least start and answer on the command line.
"build/$preset/app/mistral-desk" --version

# Tests run two at a time: they talk to their own fake servers on loopback ports chosen by the OS.
ctest --preset "$preset" --parallel 2 --timeout 300

# The package: the tree just tested becomes a .deb (cpack, stripped; packaging/README.md), apt installs
# it with its Depends, the INSTALLED binary is smoke-run (--version; --serve answers /health and stops
# on SIGTERM with 0), and the package is removed again so the machine is left as found. About 10 s.
deb_step() {
  local deb
  deb=$(timeout 300 scripts/package.sh "$preset" DEB) || { echo "cpack could not make the .deb"; return 1; }
  echo "package: $deb"
  dpkg-deb --field "$deb" Package Version Depends Recommends
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive timeout 300 \
    apt-get install -y -qq -o Dpkg::Use-Pty=0 --no-install-recommends "./$deb" || { echo "apt could not install $deb"; return 1; }
  timeout 60 scripts/smoke-installed.sh /usr/bin/mistral-desk || { echo "the installed mistral-desk failed its smoke run"; return 1; }
}
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
deb_installed() { dpkg-query -W -f='${Status}' mistral-desk 2>/dev/null | grep -q "install ok installed"; }
deb_was_installed=0
deb_installed && deb_was_installed=1
deb_rc=0
deb_step || deb_rc=$?
if [ "$deb_was_installed" -eq 1 ]; then
  echo "package: mistral-desk was installed before this run; it is now this build's (not removed)"
elif deb_installed; then
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive timeout 120 apt-get remove -y -qq -o Dpkg::Use-Pty=0 mistral-desk
fi
if [ "$deb_rc" -ne 0 ]; then
  echo "FAILED: the .deb step (package, apt install, smoke run of the installed binary): see above" >&2
  exit 1
fi

# Every fuzz target for 60 s under ASan/UBSan (tests/fuzz/README.md): about 2.5 minutes for the clang
# build of md_core on a fresh machine plus 5 minutes of fuzzing. The seed comes from the commit, so
# each commit explores new inputs, and the log names the seed. A crash fails the run and prints the
# input's bytes (to reproduce it anywhere); the timeout only bounds the time.
fuzz_rc=0
seed=$(( 16#$(git rev-parse --short=7 HEAD 2>/dev/null || echo 1) ))
FUZZ_SEED=$seed timeout 720 scripts/fuzz.sh 60 || fuzz_rc=$?
if [ "$fuzz_rc" -eq 124 ]; then
  echo "fuzz: stopped after 12 minutes, no verdict this run"
elif [ "$fuzz_rc" -ne 0 ]; then
  exit "$fuzz_rc"
fi

# A short run of the stream-decoding benchmark, for the figure in the log (bench/README.md).
timeout 120 "build/$preset/bench/bench_chatstream" --quick || echo "bench_chatstream: no figure this run"
# And the proxy against direct (and nginx, when installed): 127.0.0.1 only, about 15 s.
timeout 90 "build/$preset/bench/bench_proxy" --quick || echo "bench_proxy: no figure this run"
# The playground's, the history's and the embeddings page's quick figures (bench/*/README.md).
timeout 60 "build/$preset/bench/chatview/bench_chatview" --quick || echo "bench_chatview: no figure this run"
timeout 60 "build/$preset/bench/startup/bench_startup" --quick || echo "bench_startup: no figure this run"
timeout 90 "build/$preset/bench/store/bench_store" --quick || echo "bench_store: no figure this run"
timeout 60 "build/$preset/bench/embeddings/bench_embeddings" --quick || echo "bench_embeddings: no figure this run"
# The proxy soak: 20,000 mixed requests (failing upstreams, clients leaving) at 64 connections,
# 127.0.0.1 only, about 20 s; MET/MISSED lines for errors, hangs, memory growth, access-log usage.
timeout 120 "build/$preset/bench/soak/bench_soak" --quick || echo "bench_soak: no figure this run"

# The whole suite again under AddressSanitizer, UBSan and LeakSanitizer (a second, Debug build).
bash scripts/sanitize.sh
