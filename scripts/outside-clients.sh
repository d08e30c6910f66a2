#!/usr/bin/env bash
# Installs the outside clients of the tests into a virtualenv cached outside the repository,
# $PRIZEDRAW_CACHE/outside-clients (default ~/.cache/prizedraw): the ones prizedraw's records are read with
# (test/outside-clients: the CloudEvents SDK for Python, confluent-kafka with its schema registry
# deserializers) and schemathesis, which the HTTP APIs are tested with against their /openapi.json
# (test/support/schemathesis.ts). Idempotent: nothing is done while the venv matches
# test/outside-clients/requirements.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=test/outside-clients/requirements.txt
venv="${PRIZEDRAW_CACHE:-$HOME/.cache/prizedraw}/outside-clients"
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
[ "$(cat "$venv/.requirements.sha256" 2>/dev/null || true)" = "$wanted" ] && exit 0

command -v python3 >/dev/null || { echo "the outside-client tests need python3 (Debian: apt-get install python3-venv)" >&2; exit 1; }
echo "installing the outside clients (CloudEvents SDK for Python, confluent-kafka, schemathesis) into $venv…"
rm -rf "$venv"
python3 -m venv "$venv" || { echo "python3 -m venv failed (Debian: apt-get install python3-venv)" >&2; exit 1; }
"$venv/bin/pip" install --quiet --disable-pip-version-check --requirement "$requirements"
echo "$wanted" > "$venv/.requirements.sha256"
