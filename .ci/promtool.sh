#!/usr/bin/env bash
# Prometheus' promtool and our promql-names (.ci/promql-names: PromQL expressions in, the metric names they
# select out, through Prometheus' own parser) for the tests of the alert rules and the Grafana dashboard.
#
#   bash .ci/promtool.sh build          # build both from the Go module proxy into the cache (idempotent)
#   eval "$(bash .ci/promtool.sh env)"  # prints ENIFAILOVER_PROMTOOL and ENIFAILOVER_PROMQL_NAMES exports
#
# The build steps end in `|| return 1`: they run inside `( ... ) || die`, where `set -e` does not apply.
#
# Binaries are cached in ${PROMTOOL_CACHE:-~/.cache/eni-failover-operator/prometheus-$PROMETHEUS_VERSION}:
# promtool once per Prometheus version (a cold build takes a few minutes), promql-names once per version
# of its source (a few seconds once the module cache holds Prometheus). Both use the same Prometheus
# module version, so the names checked are parsed the way the promtool that tests the rules parses them.
set -euo pipefail

PROMETHEUS_VERSION="v0.316.0"   # the Go module of Prometheus 3.16.0

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/.ci/promql-names"
BIN_CACHE="${PROMTOOL_CACHE:-$HOME/.cache/eni-failover-operator/prometheus-$PROMETHEUS_VERSION}"

say() { echo "promtool.sh: $*" >&2; }
die() { say "$*"; exit 1; }

# promql-names is rebuilt whenever its source changes: its name carries a digest of that source.
names_binary() {
  local digest
  digest="$(cat "$SRC/go.mod" "$SRC/go.sum" "$SRC/main.go" | sha256sum | cut -c1-16)"
  echo "$BIN_CACHE/promql-names-$digest"
}

promtool_ok() {
  # Output captured first: `grep -q` closing a pipe early would fail the pipeline under pipefail.
  [[ -x "$BIN_CACHE/promtool" ]] || return 1
  local version
  version="$("$BIN_CACHE/promtool" --version 2>&1)" || return 1
  [[ "$version" == *"$PROMETHEUS_VERSION"* ]]
}

names_ok() {
  local bin
  bin="$(names_binary)"
  [[ -x "$bin" ]] && [[ "$(echo '["up"]' | "$bin" 2>/dev/null | tr -d ' \n')" == '{"up":["up"]}' ]]
}

build_promtool() {
  local work="$1"
  mkdir -p "$work/promtool"
  cd "$work/promtool"
  cat >go.mod <<EOF
module local/promtool-build

go 1.25

require github.com/prometheus/prometheus $PROMETHEUS_VERSION
EOF
  cat >tools.go <<'EOF'
//go:build tools

package tools

import _ "github.com/prometheus/prometheus/cmd/promtool"
EOF
  say "building promtool $PROMETHEUS_VERSION (module cache: $(go env GOMODCACHE))"
  # remove_all_sd leaves out every service discovery (cloud SDKs), which checking and testing rules never uses:
  # a third of the build. No `go mod tidy`, which would fetch the modules of every build tag: with -mod=mod
  # the build resolves only what it compiles. The version is stamped as Prometheus' release builds do, so
  # `promtool --version` proves the cache.
  CGO_ENABLED=0 go build -mod=mod -trimpath -tags remove_all_sd -o "$BIN_CACHE/promtool" \
    -ldflags "-s -w -X github.com/prometheus/common/version.Version=$PROMETHEUS_VERSION -X github.com/prometheus/common/version.Branch=module" \
    github.com/prometheus/prometheus/cmd/promtool >&2 || return 1
}

build_names() {
  local bin
  bin="$(names_binary)"
  cd "$SRC"
  say "building promql-names against github.com/prometheus/prometheus@$PROMETHEUS_VERSION"
  grep -q "github.com/prometheus/prometheus $PROMETHEUS_VERSION" go.mod \
    || die "$SRC/go.mod must require github.com/prometheus/prometheus $PROMETHEUS_VERSION, the version promtool is built from"
  # go.sum is committed: -mod=readonly fails instead of resolving anything new.
  CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false" go build -trimpath -o "$bin.tmp" -ldflags "-s -w" . >&2 || return 1
  mv "$bin.tmp" "$bin" || return 1
  # Builds of older sources are of no further use.
  find "$BIN_CACHE" -maxdepth 1 -name 'promql-names-*' ! -name "$(basename "$bin")" -delete
}

build() {
  if promtool_ok && names_ok; then
    say "promtool and promql-names ($PROMETHEUS_VERSION) already built in $BIN_CACHE"
    return 0
  fi
  command -v go >/dev/null 2>&1 || die "Go is required to build promtool and promql-names (the alert and dashboard tests need them)"
  mkdir -p "$BIN_CACHE"
  local work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  export GOFLAGS="-mod=mod -buildvcs=false"
  if ! promtool_ok; then
    (build_promtool "$work") || die "building promtool failed"
    promtool_ok || die "the built promtool does not report $PROMETHEUS_VERSION"
  fi
  if ! names_ok; then
    (build_names) || die "building promql-names failed"
    names_ok || die "the built promql-names does not answer '[\"up\"]' with {\"up\":[\"up\"]}"
  fi
  say "built into $BIN_CACHE"
}

env_exports() {
  promtool_ok && names_ok || die "promtool or promql-names is not built: run 'bash .ci/promtool.sh build' first"
  echo "export ENIFAILOVER_PROMTOOL=$BIN_CACHE/promtool"
  echo "export ENIFAILOVER_PROMQL_NAMES=$(names_binary)"
}

case "${1:-}" in
  build) build ;;
  env) env_exports ;;
  *) die "usage: bash .ci/promtool.sh build|env" ;;
esac
