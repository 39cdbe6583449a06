#!/usr/bin/env bash
# A real Kubernetes API server (kube-apiserver + etcd, RBAC on) for the operator-level tests.
#
#   bash .ci/kube-apiserver.sh build            # build both from the Go module proxy into the cache (idempotent)
#   eval "$(bash .ci/kube-apiserver.sh start)"  # start etcd and kube-apiserver on free 127.0.0.1 ports; prints exports
#   bash .ci/kube-apiserver.sh stop             # stop both (safe when not running)
#   bash .ci/kube-apiserver.sh status           # running? where?
#
# Binaries are cached in ${KUBE_APISERVER_CACHE:-~/.cache/eni-failover-operator/kube-v1.33.13}: a cold build takes
# about 5 minutes and 2 GB of memory, a warm one is a no-op. Runtime state (certificates, etcd data, logs,
# the admin kubeconfig) lives under .ci/.cache/kube (git-ignored) and is made anew at every start.
#
# start prints only `export ...` lines on stdout, so `eval` is safe:
#   ENIFAILOVER_KUBECONFIG   an admin kubeconfig (client certificate in group system:masters)
#   ENIFAILOVER_KUBE_DIR     the state directory (service-account signing key, logs)
# Only the API server runs: no controller-manager, so no garbage collection and no default ServiceAccount.
set -euo pipefail

K8S_VERSION="v1.33.13"
STAGING_VERSION="v0.33.13"
SAMPLE_APISERVER_VERSION="v0.33.5"   # the only staging module not served at $STAGING_VERSION; kube-apiserver does not import it
ETCD_VERSION="v3.5.21"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_CACHE="${KUBE_APISERVER_CACHE:-$HOME/.cache/eni-failover-operator/kube-$K8S_VERSION}"
STATE="$ROOT/.ci/.cache/kube"
START_TIMEOUT_SECONDS="${KUBE_APISERVER_START_TIMEOUT_SECONDS:-90}"

say() { echo "kube-apiserver.sh: $*" >&2; }
die() { say "$*"; exit 1; }

binaries_ok() {
  # Outputs captured first: `grep -q` closing a pipe early would fail the pipeline under pipefail.
  [[ -x "$BIN_CACHE/kube-apiserver" && -x "$BIN_CACHE/etcd" ]] || return 1
  local apiserver etcd
  apiserver="$("$BIN_CACHE/kube-apiserver" --version 2>/dev/null)" || return 1
  etcd="$("$BIN_CACHE/etcd" --version 2>/dev/null)" || return 1
  [[ "$apiserver" == *"$K8S_VERSION"* && "$etcd" == *"${ETCD_VERSION#v}"* ]]
}

build_kube_apiserver() {
  local work="$1"
  mkdir -p "$work/k8s"
  cd "$work/k8s"
  cat >go.mod <<EOF
module local/kube-apiserver-build

go 1.24

require k8s.io/kubernetes $K8S_VERSION
EOF
  say "downloading k8s.io/kubernetes@$K8S_VERSION (module cache: $(go env GOMODCACHE))"
  local modfile
  modfile="$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
  [[ -f "$modfile" ]] || die "could not download k8s.io/kubernetes@$K8S_VERSION"
  # kubernetes requires its staging modules at v0.0.0 and replaces them with ./staging paths; point each at
  # its published version instead.
  local staging
  staging="$(grep -oE '^\s*k8s\.io/[a-z0-9-]+ => \./staging/src/k8s\.io/[a-z0-9-]+' "$modfile" | awk '{print $1}' | sort -u)"
  [[ -n "$staging" ]] || die "found no staging replacements in $modfile"
  local m v
  for m in $staging; do
    v="$STAGING_VERSION"
    [[ "$m" == "k8s.io/sample-apiserver" ]] && v="$SAMPLE_APISERVER_VERSION"
    echo "replace $m => $m $v" >>go.mod
  done
  say "$(echo "$staging" | wc -l) staging modules replaced; resolving"
  cat >tools.go <<'EOF'
//go:build tools

package tools

import _ "k8s.io/kubernetes/cmd/kube-apiserver"
EOF
  go mod tidy >&2 2>&1 || go get "k8s.io/kubernetes/cmd/kube-apiserver@$K8S_VERSION" >&2
  local pkg="k8s.io/component-base/version"
  local minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
  say "building kube-apiserver $K8S_VERSION"
  CGO_ENABLED=0 go build -trimpath -o "$BIN_CACHE/kube-apiserver" \
    -ldflags "-s -w -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean" \
    k8s.io/kubernetes/cmd/kube-apiserver >&2
}

build_etcd() {
  local work="$1"
  mkdir -p "$work/etcd"
  cd "$work/etcd"
  cat >go.mod <<EOF
module local/etcd-build

go 1.23

require go.etcd.io/etcd/server/v3 $ETCD_VERSION
EOF
  cat >tools.go <<'EOF'
//go:build tools

package tools

import _ "go.etcd.io/etcd/server/v3/etcdmain"
EOF
  cat >main.go <<'EOF'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
EOF
  say "resolving go.etcd.io/etcd/server/v3@$ETCD_VERSION"
  go mod tidy >&2
  say "building etcd $ETCD_VERSION"
  CGO_ENABLED=0 go build -trimpath -o "$BIN_CACHE/etcd" -ldflags "-s -w" . >&2
}

build() {
  if binaries_ok; then
    say "kube-apiserver $K8S_VERSION and etcd $ETCD_VERSION already built in $BIN_CACHE"
    return 0
  fi
  command -v go >/dev/null 2>&1 || die "Go is required to build kube-apiserver and etcd (the operator-level tests need them)"
  mkdir -p "$BIN_CACHE"
  local work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  export GOFLAGS="-mod=mod -buildvcs=false"
  # Keep the two builds apart so a failure names the piece that failed.
  (build_kube_apiserver "$work") || die "building kube-apiserver failed"
  (build_etcd "$work") || die "building etcd failed"
  binaries_ok || die "the built binaries do not report kube-apiserver $K8S_VERSION / etcd $ETCD_VERSION"
  say "built into $BIN_CACHE"
}

free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

certificates() {
  local pki="$STATE/pki"
  mkdir -p "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=eni-failover-test-ca" \
      -keyout ca.key -out ca.crt 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout server.key -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -extfile server.ext \
      -out server.crt 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=admin" -keyout admin.key -out admin.csr 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' >admin.ext
    openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -extfile admin.ext \
      -out admin.crt 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  )
}

write_kubeconfig() {
  local port="$1" pki="$STATE/pki"
  b64() { base64 -w0 <"$1"; }
  cat >"$STATE/admin.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: https://127.0.0.1:$port
    certificate-authority-data: $(b64 "$pki/ca.crt")
users:
- name: admin
  user:
    client-certificate-data: $(b64 "$pki/admin.crt")
    client-key-data: $(b64 "$pki/admin.key")
contexts:
- name: test
  context: {cluster: test, user: admin, namespace: default}
current-context: test
EOF
}

pid_of() {
  local file="$STATE/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # Never signal a recycled pid.
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"$BIN_CACHE/$1"* ]] || return 1
  echo "$pid"
}

ready() {
  curl -fsS --max-time 2 --cacert "$STATE/pki/ca.crt" --cert "$STATE/pki/admin.crt" --key "$STATE/pki/admin.key" \
    "https://127.0.0.1:$1/readyz" >/dev/null 2>&1
}

print_exports() {
  echo "export ENIFAILOVER_KUBECONFIG=$STATE/admin.kubeconfig"
  echo "export ENIFAILOVER_KUBE_DIR=$STATE"
}

start() {
  binaries_ok || die "kube-apiserver $K8S_VERSION is not built: run 'bash .ci/kube-apiserver.sh build' first"
  command -v openssl >/dev/null 2>&1 || die "openssl is required to make the test certificates"
  command -v curl >/dev/null 2>&1 || die "curl is required to wait for /readyz"
  if pid_of kube-apiserver >/dev/null && pid_of etcd >/dev/null && ready "$(cat "$STATE/apiserver.port")"; then
    say "already running on 127.0.0.1:$(cat "$STATE/apiserver.port")"
    print_exports
    return 0
  fi
  stop >/dev/null 2>&1 || true
  rm -rf "$STATE"
  mkdir -p "$STATE"
  certificates
  local etcd_port peer_port api_port
  etcd_port="$(free_port)"; peer_port="$(free_port)"; api_port="$(free_port)"
  nohup "$BIN_CACHE/etcd" --name test --data-dir "$STATE/etcd" --unsafe-no-fsync \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "test=http://127.0.0.1:$peer_port" --log-level warn \
    </dev/null >"$STATE/etcd.log" 2>&1 &
  echo $! >"$STATE/etcd.pid"
  local pki="$STATE/pki"
  nohup "$BIN_CACHE/kube-apiserver" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$api_port" \
    --etcd-servers="http://127.0.0.1:$etcd_port" \
    --authorization-mode=Node,RBAC \
    --client-ca-file="$pki/ca.crt" --tls-cert-file="$pki/server.crt" --tls-private-key-file="$pki/server.key" \
    --service-account-issuer=https://kubernetes.default.svc --service-account-key-file="$pki/sa.pub" \
    --service-account-signing-key-file="$pki/sa.key" --api-audiences=https://kubernetes.default.svc \
    --service-cluster-ip-range=10.96.0.0/24 --endpoint-reconciler-type=none \
    --enable-priority-and-fairness=false --profiling=false \
    </dev/null >"$STATE/apiserver.log" 2>&1 &
  echo $! >"$STATE/kube-apiserver.pid"
  echo "$api_port" >"$STATE/apiserver.port"
  write_kubeconfig "$api_port"
  local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
  while ((SECONDS < deadline)); do
    if ready "$api_port"; then
      say "kube-apiserver $K8S_VERSION ready on https://127.0.0.1:$api_port (etcd on $etcd_port)"
      print_exports
      return 0
    fi
    pid_of kube-apiserver >/dev/null || { tail -n 30 "$STATE/apiserver.log" >&2; die "kube-apiserver exited"; }
    pid_of etcd >/dev/null || { tail -n 30 "$STATE/etcd.log" >&2; die "etcd exited"; }
    sleep 0.5
  done
  tail -n 30 "$STATE/apiserver.log" >&2
  stop >/dev/null 2>&1 || true
  die "kube-apiserver was not ready within ${START_TIMEOUT_SECONDS}s"
}

stop_one() {
  local pid
  pid="$(pid_of "$1")" || { rm -f "$STATE/$1.pid"; return 0; }
  say "stopping $1 (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$STATE/$1.pid"
}

stop() {
  stop_one kube-apiserver
  stop_one etcd
}

status() {
  if pid_of kube-apiserver >/dev/null && pid_of etcd >/dev/null; then
    say "running on https://127.0.0.1:$(cat "$STATE/apiserver.port") (kubeconfig: $STATE/admin.kubeconfig)"
    return 0
  fi
  say "not running"
  return 1
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: bash .ci/kube-apiserver.sh build|start|stop|status" ;;
esac
