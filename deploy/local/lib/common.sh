# shellcheck shell=bash
# Shared helpers for deploy/local/stack. Sourced, never run.
#
# Layout (all relative to the repository, so a fresh clone anywhere works):
#   $STACK_STATE  = <repo>/.stack          data, logs, pid files, certs, generated config (git-ignored)
#   $STACK_CACHE  = ~/.cache/prizedraw     downloaded/built servers, shared by every clone on the machine

STACK_LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STACK_HOME="$(cd "$STACK_LIB/.." && pwd)"            # deploy/local
REPO_ROOT="$(cd "$STACK_HOME/../.." && pwd)"
STACK_STATE="${PRIZEDRAW_STACK_DIR:-$REPO_ROOT/.stack}"
STACK_CACHE="${PRIZEDRAW_CACHE:-$HOME/.cache/prizedraw}"
STACK_LOGS="$STACK_STATE/logs"
STACK_RUN="$STACK_STATE/run"
# How long `up` waits for one server to answer before giving up (seconds).
STACK_TIMEOUT="${PRIZEDRAW_STACK_TIMEOUT:-120}"

say() { printf '%s\n' "$*"; }
warn() { printf '%s\n' "$*" >&2; }
die() { warn "error: $*"; exit 1; }

# Fail early, naming the missing tool, instead of failing somewhere deep inside a start-up.
need_cmd() {
  local cmd="$1" hint="$2"
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' not found: $hint"
}

log_file() { printf '%s/%s.log' "$STACK_LOGS" "$1"; }
pid_file() { printf '%s/%s.pid' "$STACK_RUN" "$1"; }

# Prints the pid recorded for component $1 if that process is alive AND is still our server
# (its command line contains marker $2): a pid reused by another process after a reboot is not ours.
live_pid() {
  local name="$1" marker="$2" pf pid
  pf="$(pid_file "$name")"
  [[ -f "$pf" ]] || return 1
  pid="$(<"$pf")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  # Read into a variable: `tr | grep -q` would fail under pipefail when grep exits early.
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"$marker"* ]] || return 1
  printf '%s' "$pid"
}

# Runs "$@" detached in its own session (survives the calling shell, own process group for `down`),
# output appended to the component's log. The pid is written by the process itself just before exec,
# so it is the server's pid even where setsid has to fork.
launch() {
  local name="$1"; shift
  mkdir -p "$STACK_LOGS" "$STACK_RUN"
  rm -f "$(pid_file "$name")"
  printf '\n===== %s start %s =====\n' "$name" "$(date -Is)" >>"$(log_file "$name")"
  # shellcheck disable=SC2016 # $$, $0 and $@ belong to the inner bash
  # 9>&-: the server must not inherit the stack lock (fd 9), or the next `up`/`down` waits forever.
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$(pid_file "$name")" "$@" \
    </dev/null >>"$(log_file "$name")" 2>&1 9>&- &
  local i
  for i in $(seq 1 50); do [[ -s "$(pid_file "$name")" ]] && return 0; sleep 0.1; done
  return 1
}

# Stops component $1 (pid file + marker $2): TERM to it and its descendants, wait, KILL after $3 seconds.
stop_pid() {
  local name="$1" marker="$2" grace="${3:-30}" pid i
  if ! pid="$(live_pid "$name" "$marker")"; then
    rm -f "$(pid_file "$name")"
    return 1
  fi
  # Children too: vsftpd's per-connection processes start their own sessions, so signalling the
  # server's process group would miss them; collect them while they are still its descendants.
  local kids
  kids="$(descendants "$pid")"
  # shellcheck disable=SC2086 # one pid per word
  kill -TERM "$pid" $kids 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name: did not stop within ${grace}s, killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  # shellcheck disable=SC2086
  for i in $kids; do kill -KILL "$i" 2>/dev/null || true; done
  rm -f "$(pid_file "$name")"
  return 0
}

# All descendants of pid $1 (children, grandchildren, ...), one per line.
descendants() {
  local table pending=("$1") p child
  table="$(ps -eo pid=,ppid=)"
  while ((${#pending[@]})); do
    p="${pending[0]}"; pending=("${pending[@]:1}")
    for child in $(awk -v parent="$p" '$2 == parent { print $1 }' <<<"$table"); do
      echo "$child"; pending+=("$child")
    done
  done
}

# Who listens on TCP port $1 (any address)? Empty when the port is free.
port_owner() {
  ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1
}

require_port_free() {
  local name="$1" port="$2" owner
  owner="$(port_owner "$port")"
  [[ -z "$owner" ]] && return 0
  die "$name: port $port is already in use (${owner##* }); stop that process or free the port"
}

tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# Polls "$@" until it succeeds, the server process ($name/$marker) dies, or STACK_TIMEOUT passes.
wait_until() {
  local name="$1" marker="$2"; shift 2
  local deadline=$((SECONDS + STACK_TIMEOUT))
  while ((SECONDS < deadline)); do
    "$@" >/dev/null 2>&1 && return 0
    live_pid "$name" "$marker" >/dev/null || { warn "$name: the server exited during start-up"; return 1; }
    sleep 0.5
  done
  warn "$name: no answer after ${STACK_TIMEOUT}s"
  return 1
}

# Runs "$@" for component $1's installation, its output into .stack/logs/$1-install.log.
logged() {
  local name="$1"; shift
  mkdir -p "$STACK_LOGS"
  "$@" >>"$STACK_LOGS/$name-install.log" 2>&1
}

# Serializes `up` and `down` (parallel test runs call `up` at the same time) on fd 9.
take_lock() {
  mkdir -p "$STACK_RUN"
  exec 9>"$STACK_RUN/stack.lock"
  flock -w 600 9 || die "another deploy/local/stack command has held $STACK_RUN/stack.lock for 10 minutes"
}

show_log_tail() {
  local f; f="$(log_file "$1")"
  [[ -f "$f" ]] || return 0
  warn "----- last lines of $f -----"
  tail -n "${2:-30}" "$f" >&2
  warn "-----"
}

# apt-get install, only called when a binary is missing. The package's own init script must not start
# a second, system-wide server (it would take the default port and is not what the stack manages):
# policy-rc.d exit 101 tells invoke-rc.d "not now" during this install.
apt_install() {
  local policy=/usr/sbin/policy-rc.d created=0 rc=0
  [[ "$(id -u)" == 0 ]] || die "installing $* needs root (apt-get); install it yourself or run as root"
  need_cmd apt-get "this machine has no apt; install $* with its package manager"
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\n# temporary, written by prizedraw deploy/local/stack\nexit 101\n' >"$policy"
    chmod +x "$policy"; created=1
  fi
  # Parallel installs (mariadb and ftp) wait for each other's dpkg lock instead of failing.
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "$@" || rc=$?
  ((created)) && rm -f "$policy"
  return "$rc"
}

# True if apt knows no candidate for package $1 (package lists never fetched on this machine).
apt_needs_update() {
  local policy
  policy="$(apt-cache policy "$1" 2>/dev/null || true)"
  [[ "$policy" != *"Candidate: (none)"* && "$policy" == *"Candidate: "* ]] && return 1
  return 0
}
