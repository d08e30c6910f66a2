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
# classic-level is built from source, its leveldb patched (patches/classic-level@3.0.0.patch). node-gyp takes
# the headers installed with Node when they are of this version (this machine cannot download them).
node_headers=$(node -e '
  const dir = require("path").resolve(process.execPath, "../..");
  const header = require("fs").readFileSync(`${dir}/include/node/node_version.h`, "utf8");
  const part = (name) => header.match(new RegExp(`define NODE_${name}_VERSION (\\d+)`))[1];
  if (["MAJOR", "MINOR", "PATCH"].map(part).join(".") === process.versions.node) console.log(dir);
' 2>/dev/null || true)
[ -z "$node_headers" ] || export npm_config_nodedir=$node_headers
pnpm install --frozen-lockfile --prefer-offline --reporter=append-only | grep -vE '^(Progress|Packages:)' || true
test -d node_modules/.pnpm || { echo "pnpm install failed" >&2; exit 1; }
bash scripts/outside-clients.sh
# Debian's chromium for the onsite gateway's browser test (driven by puppeteer-core, which downloads no
# browser); apt keeps the packages it fetched in its cache.
if ! command -v chromium >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "the browser test needs Debian's chromium: apt-get install chromium" >&2; exit 1; }
  echo "installing chromium from Debian's packages…"
  apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]' || apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium >/dev/null
fi
# The offline checkers of deploy/ (kustomize, kubernetes-validate, promtool), pinned and cached.
bash deploy/tools.sh >/dev/null
