#!/usr/bin/env bash
# Installs what the workspace needs on a machine that has only Node: the pinned pnpm (from the npm
# registry) and the dependencies (from pnpm's store, which stays cached between runs).
set -euo pipefail
cd "$(dirname "$0")/.."

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error(`prizedraw needs Node >= 20.19, found ${process.versions.node}`); process.exit(1) }'
pnpm_version=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  echo "installing pnpm $pnpm_version from the npm registry…"
  npm install --global --no-fund --no-audit "pnpm@$pnpm_version" >/dev/null
fi
pnpm install --frozen-lockfile --prefer-offline --reporter=append-only | grep -vE '^(Progress|Packages:)' || true
test -d node_modules/.pnpm || { echo "pnpm install failed" >&2; exit 1; }
bash scripts/outside-clients.sh
# The offline checkers of deploy/ (kustomize, kubernetes-validate, promtool), pinned and cached.
bash deploy/tools.sh >/dev/null
