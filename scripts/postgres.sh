# shellcheck shell=bash
# A throw-away PostgreSQL for the test run. Source it after common.sh.
#
#   postgres_start   initdb in a temporary directory, start on 127.0.0.1 on a free port,
#                    export PG_TEMP_URL=postgres://postgres@127.0.0.1:PORT/zhifa
#   postgres_stop    stop the server and delete the directory (safe to call twice)
#
# initdb refuses to run as root, so as root the server runs as the `postgres` system user.

PG_TEMP_DIR=""

postgres_bindir() {
  local dir
  # shellcheck disable=SC2012 # plain version directories; sort -V puts 9 before 15
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] || dir="$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")"
  [ -x "$dir/pg_ctl" ] || die "找不到 PostgreSQL 服务器程序（initdb/pg_ctl）"
  printf '%s\n' "$dir"
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

postgres_start() {
  local bindir port
  bindir="$(postgres_bindir)"
  port="$(free_port)"
  PG_TEMP_DIR="$(mktemp -d -t zhifa-pg.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_TEMP_DIR"
  fi
  say "启动临时 PostgreSQL（127.0.0.1:$port，数据目录 $PG_TEMP_DIR）"
  as_postgres "$bindir/initdb" --pgdata="$PG_TEMP_DIR/data" --username=postgres --auth=trust \
    --encoding=UTF8 --no-locale >"$PG_TEMP_DIR/initdb.log" 2>&1 \
    || { cat "$PG_TEMP_DIR/initdb.log" >&2; die "initdb 失败"; }
  # Durability is pointless for a database that is deleted at the end: turn it off for speed.
  as_postgres "$bindir/pg_ctl" --pgdata="$PG_TEMP_DIR/data" --log="$PG_TEMP_DIR/server.log" --wait \
    --options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$PG_TEMP_DIR \
-c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { cat "$PG_TEMP_DIR/server.log" >&2; die "PostgreSQL 启动失败"; }
  as_postgres "$bindir/createdb" --host=127.0.0.1 --port="$port" --username=postgres zhifa
  export PG_TEMP_URL="postgres://postgres@127.0.0.1:$port/zhifa"
}

postgres_stop() {
  [ -n "$PG_TEMP_DIR" ] || return 0
  if [ -f "$PG_TEMP_DIR/data/postmaster.pid" ]; then
    as_postgres "$(postgres_bindir)/pg_ctl" --pgdata="$PG_TEMP_DIR/data" --mode=immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_TEMP_DIR"
  PG_TEMP_DIR=""
}
