#!/usr/bin/env bash
# The main job (npm run demo): installs what is missing, starts the real servers and shows them.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh
deploy/local/stack up
deploy/local/stack status
