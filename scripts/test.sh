#!/usr/bin/env bash
# The one test command (npm test): installs what is missing, starts the real servers, lints, type-checks,
# builds and runs every test. Extra arguments go to jest, e.g. `npm test -- libs/stream`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh
deploy/local/stack up
eval "$(deploy/local/stack env)"
echo "== lint, types, build"
pnpm run --silent lint
pnpm run --silent typecheck
pnpm run --silent build
echo "== tests"
pnpm exec jest "$@"
