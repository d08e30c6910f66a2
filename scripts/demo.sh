#!/usr/bin/env bash
# The main job (npm run demo): installs what is missing, starts the real servers, builds, and runs
# `prizedraw demo`: every service in one process, a realistic load, a draw, and a checked summary.
# Pass options through: npm run demo -- --customers 10000
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh
deploy/local/stack up
eval "$(deploy/local/stack env)"
pnpm run --silent build
node services/cli/dist/main.js demo "$@"
