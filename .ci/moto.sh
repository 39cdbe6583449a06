#!/usr/bin/env bash
# moto's EC2 server for the conformance suite (src/test/java/io/enifailover/conformance).
#
#   bash .ci/moto.sh install          # pip install moto[server]==$MOTO_VERSION into .ci/.cache/moto-venv (idempotent)
#   eval "$(bash .ci/moto.sh start)"  # start moto_server on a free 127.0.0.1 port; prints the exports to eval
#   bash .ci/moto.sh stop             # stop it (safe to call when it is not running)
#   bash .ci/moto.sh status           # is it running, where
#
# start prints only `export ...` lines on stdout (progress goes to stderr), so `eval` is safe:
#   AWS_ENDPOINT_URL_EC2=http://127.0.0.1:PORT plus dummy credentials and region, so the operator's
#   default credentials chain and endpoint resolution are what the suite exercises.
# Works as root, without a TTY, with or without an existing Python venv; everything lives under
# .ci/.cache (git-ignored).
set -euo pipefail

MOTO_VERSION="5.2.5"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.ci/.cache"
VENV="$CACHE/moto-venv"
LOG="$CACHE/moto.log"
PIDFILE="$CACHE/moto.pid"
PORTFILE="$CACHE/moto.port"
START_TIMEOUT_SECONDS="${MOTO_START_TIMEOUT_SECONDS:-60}"

say() { echo "moto.sh: $*" >&2; }
die() { say "$*"; exit 1; }

python_bin() {
  local candidate
  for candidate in "${MOTO_PYTHON:-}" python3 python; do
    if [[ -n "$candidate" ]] && command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 9) else 1)' >/dev/null 2>&1; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

installed_version() {
  [[ -x "$VENV/bin/python" ]] || return 1
  "$VENV/bin/python" - <<'PY' 2>/dev/null
import importlib.metadata as m
print(m.version("moto"))
for dist in ("flask", "werkzeug"):  # the [server] extra
    m.version(dist)
PY
}

install() {
  mkdir -p "$CACHE"
  if [[ "$(installed_version || true)" == "$MOTO_VERSION" ]]; then
    say "moto[server] $MOTO_VERSION already installed in $VENV"
    return 0
  fi
  local py
  py="$(python_bin)" || die "python3 (>= 3.9, with the venv module) is required to install moto"
  if ! "$VENV/bin/python" -c 'import pip' >/dev/null 2>&1; then
    say "creating virtual environment $VENV with $py"
    rm -rf "$VENV"
    if ! "$py" -m venv "$VENV" >&2; then
      # Debian's python3 without python3-venv has no ensurepip: build the venv without pip and bootstrap it.
      rm -rf "$VENV"
      "$py" -m venv --without-pip "$VENV" >&2 || die "could not create $VENV (on Debian: apt-get install python3-venv)"
      "$VENV/bin/python" -m ensurepip --upgrade >&2 2>/dev/null \
        || die "the venv at $VENV has no pip (on Debian: apt-get install python3-venv)"
    fi
  fi
  say "installing moto[server]==$MOTO_VERSION into $VENV"
  PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_ROOT_USER_ACTION=ignore \
    "$VENV/bin/python" -m pip install --quiet --no-input "moto[server]==$MOTO_VERSION" >&2 \
    || die "pip install moto[server]==$MOTO_VERSION failed"
  [[ "$(installed_version || true)" == "$MOTO_VERSION" ]] || die "moto $MOTO_VERSION is not importable from $VENV after install"
  say "installed moto[server] $MOTO_VERSION"
}

free_port() {
  "$VENV/bin/python" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

running_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  # Never signal a recycled pid: it must still be our moto server.
  if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'moto'; then
    return 1
  fi
  echo "$pid"
}

answers() {
  # moto's own API: 200 with a JSON body once the server is up.
  "$VENV/bin/python" - "$1" <<'PY' >/dev/null 2>&1
import sys, urllib.request
with urllib.request.urlopen("http://127.0.0.1:%s/moto-api/data.json" % sys.argv[1], timeout=2) as r:
    sys.exit(0 if r.status == 200 else 1)
PY
}

print_exports() {
  local port="$1"
  echo "export AWS_ENDPOINT_URL_EC2=http://127.0.0.1:$port"
  echo "export AWS_ACCESS_KEY_ID=testing"
  echo "export AWS_SECRET_ACCESS_KEY=testing"
  echo "export AWS_REGION=us-east-1"
  echo "export AWS_DEFAULT_REGION=us-east-1"
  # Keep a developer's real profile, session token or IMDS out of the default credentials chain.
  echo "unset AWS_SESSION_TOKEN AWS_PROFILE"
  echo "export AWS_EC2_METADATA_DISABLED=true"
}

start() {
  [[ "$(installed_version || true)" == "$MOTO_VERSION" ]] || die "moto $MOTO_VERSION is not installed: run 'bash .ci/moto.sh install' first"
  local pid port
  if pid="$(running_pid)" && port="$(cat "$PORTFILE" 2>/dev/null)" && answers "$port"; then
    say "moto_server already running (pid $pid) on 127.0.0.1:$port"
    print_exports "$port"
    return 0
  fi
  stop >/dev/null 2>&1 || true
  mkdir -p "$CACHE"
  local attempt
  for attempt in 1 2 3; do
    port="$(free_port)"
    say "starting moto_server $MOTO_VERSION on 127.0.0.1:$port (log: $LOG)"
    # python -m moto.server rather than the moto_server script: the venv stays usable if the checkout moves.
    # nohup and no inherited stdin/stdout: a CI shell's hang-up or closed pipes do not reach it, and
    # `eval "$(bash .ci/moto.sh start)"` returns as soon as the exports are printed.
    nohup "$VENV/bin/python" -m moto.server -H 127.0.0.1 -p "$port" </dev/null >>"$LOG" 2>&1 &
    pid=$!
    echo "$pid" >"$PIDFILE"
    echo "$port" >"$PORTFILE"
    local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
    while ((SECONDS < deadline)); do
      if answers "$port"; then
        say "moto_server is up (pid $pid) on 127.0.0.1:$port"
        print_exports "$port"
        return 0
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.3
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "moto_server did not answer within ${START_TIMEOUT_SECONDS}s"
      stop >/dev/null 2>&1 || true
      break
    fi
    # It exited: most likely another process took the port between the probe and the bind. Try another.
    say "moto_server exited (attempt $attempt); last lines of $LOG:"
    tail -n 20 "$LOG" >&2 || true
    rm -f "$PIDFILE" "$PORTFILE"
  done
  die "could not start moto_server; see $LOG"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PIDFILE" "$PORTFILE"
    say "moto_server is not running"
    return 0
  fi
  say "stopping moto_server (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "moto_server did not stop on TERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE" "$PORTFILE"
}

status() {
  local pid port
  if pid="$(running_pid)"; then
    port="$(cat "$PORTFILE" 2>/dev/null || echo '?')"
    say "moto_server running (pid $pid) on 127.0.0.1:$port"
    return 0
  fi
  say "moto_server is not running"
  return 1
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: bash .ci/moto.sh install|start|stop|status" ;;
esac
