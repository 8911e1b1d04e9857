#!/usr/bin/env bash
# Installs what is missing, builds Mistral Desk (release) and starts it. Arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

cmake --preset release >/dev/null
cmake --build --preset release --parallel "$(nproc)"
exec build/release/app/mistral-desk "$@"
