#!/usr/bin/env bash
# Installs the tools that check deploy/ offline, each pinned and cached under ~/.cache/prizedraw/tools, and
# prints the folder of their commands (kustomize, kubernetes-validate, promtool). A second run only checks.
#   kustomize            from the Go module proxy (sigs.k8s.io/kustomize/kustomize/v5), built with the machine's Go
#   kubernetes-validate  from PyPI, in a venv of its own: it ships the Kubernetes JSON schemas, so it needs no network
#   promtool             from Debian's `prometheus` package, unpacked (the package is not installed: no server)
# Called by scripts/bootstrap.sh and by the tests under test/deploy.
set -euo pipefail

KUSTOMIZE_VERSION=v5.7.1
KUBERNETES_VALIDATE_VERSION=1.37.0
tools="${XDG_CACHE_HOME:-$HOME/.cache}/prizedraw/tools"
bin="$tools/bin"
mkdir -p "$bin"

if [ "$("$bin/kustomize" version 2>/dev/null || true)" != "$KUSTOMIZE_VERSION" ]; then
  echo "installing kustomize $KUSTOMIZE_VERSION from the Go module proxy…" >&2
  GOBIN="$bin" GOFLAGS=-mod=mod go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" >&2
fi

venv="$tools/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION"
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
  echo "installing kubernetes-validate $KUBERNETES_VALIDATE_VERSION from PyPI…" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" >&2
fi
ln -sf "$venv/bin/kubernetes-validate" "$bin/kubernetes-validate"

if [ ! -x "$tools/prometheus/usr/bin/promtool" ]; then
  echo "unpacking promtool from Debian's prometheus package…" >&2
  download=$(mktemp -d)
  # apt-get download keeps the .deb in the current folder; a fresh machine may have no package lists yet.
  (cd "$download" && { apt-get download prometheus >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get download prometheus >/dev/null; }; })
  rm -rf "$tools/prometheus"
  dpkg-deb -x "$download"/prometheus_*.deb "$tools/prometheus"
  rm -rf "$download"
fi
ln -sf "$tools/prometheus/usr/bin/promtool" "$bin/promtool"

echo "$bin"
