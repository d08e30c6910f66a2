# shellcheck shell=bash
# MariaDB from Debian's packages, run as our own instance (not the package's service) on 127.0.0.1:3307.

# PRIZEDRAW_MARIADB_PORT: a private instance of a fault test (test/support/private-mariadb.ts) on a port of its own.
MARIADB_PORT="${PRIZEDRAW_MARIADB_PORT:-3307}"
MARIADB_MARKER="mariadbd"
MARIADB_DIR="$STACK_STATE/mariadb"
MARIADB_SOCK="$MARIADB_DIR/mysqld.sock"

mariadb_bin() {
  local b
  for b in mariadbd mysqld; do
    command -v "$b" 2>/dev/null && return 0
    [[ -x "/usr/sbin/$b" ]] && { printf '/usr/sbin/%s\n' "$b"; return 0; }
  done
  return 1
}

mariadb_installed() { mariadb_bin >/dev/null && command -v mariadb-install-db >/dev/null && command -v mariadb >/dev/null; }

mariadb_install() {
  say "mariadb: installing mariadb-server and mariadb-client from Debian packages…"
  logged mariadb apt_install mariadb-server mariadb-client
}

# Root reaches the server through our socket with unix_socket authentication (we run as root):
# no root password exists anywhere.
mariadb_root() { mariadb --no-defaults --socket="$MARIADB_SOCK" -uroot "$@"; }

mariadb_prepare() {
  require_port_free mariadb "$MARIADB_PORT"
  mkdir -p "$MARIADB_DIR/tmp"
  if [[ ! -f "$MARIADB_DIR/data/.prizedraw-initialized" ]]; then
    say "mariadb: creating a new data directory in ${MARIADB_DIR#"$REPO_ROOT"/}/data"
    rm -rf "$MARIADB_DIR/data"
    mariadb-install-db --no-defaults --user=root --datadir="$MARIADB_DIR/data" \
      --auth-root-authentication-method=socket --skip-test-db >>"$(log_file mariadb)" 2>&1 \
      || { show_log_tail mariadb; die "mariadb: mariadb-install-db failed"; }
    touch "$MARIADB_DIR/data/.prizedraw-initialized"
  fi
}

# The server's command line, into MARIADB_CMD. --no-defaults: ignore /etc/mysql/*.cnf, so the system's
# configuration cannot change our instance.
mariadb_command() {
  MARIADB_CMD=("$(mariadb_bin)" --no-defaults --user=root
    --datadir="$MARIADB_DIR/data" --tmpdir="$MARIADB_DIR/tmp"
    --port="$MARIADB_PORT" --bind-address=127.0.0.1 --socket="$MARIADB_SOCK"
    --pid-file="$MARIADB_DIR/mariadbd.pid" --skip-name-resolve
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci
    --default-time-zone=+00:00 --innodb-buffer-pool-size="${MARIADB_BUFFER_POOL:-128M}" --max-connections=300)
}

mariadb_launch() {
  mariadb_command
  launch mariadb "${MARIADB_CMD[@]}"
}

# A MariaDB of a test's own, for tests that crash or restart one (never the shared one on 3307): the stack's
# settings with data, socket and tmp under $1 and clients on port $2. Creates the data directory on first
# use, then becomes the server (exec), so the caller owns the process; `mariadb_post_private $1` then adds
# the database, user and migrations exactly as `up` does.
# Run: bash -c 'source deploy/local/lib/common.sh && source deploy/local/lib/mariadb.sh && mariadb_exec_private DIR PORT'
mariadb_exec_private() {
  MARIADB_DIR="$1" MARIADB_PORT="$2" MARIADB_SOCK="$1/mysqld.sock" MARIADB_BUFFER_POOL=16M
  STACK_LOGS="$1"
  mariadb_prepare
  mariadb_command
  exec "${MARIADB_CMD[@]}"
}

mariadb_post_private() { MARIADB_SOCK="$1/mysqld.sock" mariadb_post; }

mariadb_ready() { mariadb-admin --no-defaults --socket="$MARIADB_SOCK" -uroot --connect-timeout=2 ping; }

# Database, user and migrations: all idempotent, run on every `up`.
mariadb_post() {
  mariadb_root <<'SQL'
CREATE DATABASE IF NOT EXISTS aramis CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'prizedraw'@'%' IDENTIFIED BY 'prizedraw';
CREATE USER IF NOT EXISTS 'prizedraw'@'localhost' IDENTIFIED BY 'prizedraw';
GRANT ALL PRIVILEGES ON aramis.* TO 'prizedraw'@'%';
GRANT ALL PRIVILEGES ON aramis.* TO 'prizedraw'@'localhost';
CREATE TABLE IF NOT EXISTS aramis.schema_migrations (
  version    varchar(255) NOT NULL PRIMARY KEY,
  checksum   char(64) NOT NULL,
  applied_at timestamp(3) NOT NULL DEFAULT current_timestamp(3)
) ENGINE=InnoDB;
SQL
  local file version sum applied
  for file in "$REPO_ROOT"/libs/compliance-db/migrations/*.sql; do
    [[ -e "$file" ]] || continue
    version="$(basename "$file" .sql)"
    sum="$(sha256sum "$file" | cut -c1-64)"
    applied="$(mariadb_root -N -B aramis -e "SELECT checksum FROM schema_migrations WHERE version='$version'")"
    if [[ -n "$applied" ]]; then
      [[ "$applied" == "$sum" ]] || warn "mariadb: migration $version changed after it was applied (add a new migration instead)"
      continue
    fi
    say "mariadb: applying migration $version"
    # One session: the client stops at the first error, so the row is written only if the whole file ran.
    { cat "$file"; printf "\nINSERT INTO schema_migrations (version, checksum) VALUES ('%s', '%s');\n" "$version" "$sum"; } \
      | mariadb_root aramis || { warn "mariadb: migration $version failed"; return 1; }
  done
}

mariadb_env() { say "export MYSQL_URL=mysql://prizedraw:prizedraw@127.0.0.1:$MARIADB_PORT/aramis"; }
