#!/usr/bin/env bash
# `make demo`: install everything, migrate, load the demo city once, then run the task worker in
# the background (restarted whenever it dies) and the web server in the foreground until Ctrl-C
# (which stops both).
#
# Data live in var/ (ZHIFA_DATA_DIR): SQLite database, uploaded files, static files,
# var/demo-accounts.txt, written by `zhifa demo-data`, and the worker's log var/worker.log;
# var/demo.env keeps the demo's settings for `zhifa` commands in other shells.
# Delete var/ to start from scratch.
# Listen address: ZHIFA_BIND (default 127.0.0.1:8000).
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"

install_app
# Chinese fonts and the Pango libraries WeasyPrint renders the documents (PDF) with.
ensure_debian_packages fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0

export ZHIFA_DEMO=1
export ZHIFA_REQUIRE_ADMIN_TOTP=0
export ZHIFA_DATA_DIR="${ZHIFA_DATA_DIR:-$ROOT/var}"
# Every `zhifa` command reads these (src/zhifa/cli.py), so a second shell needs no variables.
mkdir -p "$ROOT/var"
cat > "$ROOT/var/demo.env" <<EOF
# Written by make demo; read by every zhifa command. Delete var/ to start again.
ZHIFA_DEMO=1
ZHIFA_REQUIRE_ADMIN_TOTP=0
ZHIFA_DATA_DIR=$ZHIFA_DATA_DIR
EOF
bind="${ZHIFA_BIND:-127.0.0.1:8000}"
url="http://$bind/"
zhifa="$VENV/bin/zhifa"

# Refuse early when the address is taken (another demo?): otherwise the health check below would
# be answered by the other server.
"$VENV/bin/python" - "$bind" 2>/dev/null <<'PY' || die "地址 $bind 已被占用；用 ZHIFA_BIND=127.0.0.1:8001 make demo 换一个"
import socket
import sys

host, port = sys.argv[1].rsplit(":", 1)
with socket.socket() as probe:
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    probe.bind((host, int(port)))
PY

say "迁移数据库"
"$zhifa" migrate --noinput
say "同步内置角色（列出新增和移除的权限）"
"$zhifa" sync-roles
say "加载演示数据（已有数据时跳过）"
"$zhifa" demo-data --if-empty
"$zhifa" import-laws
"$zhifa" demo-officers --if-empty
"$zhifa" demo-objects --count 20000 --if-empty
"$zhifa" demo-powers --if-empty
"$zhifa" demo-elements --if-empty
"$zhifa" demo-workbench --if-empty
"$zhifa" demo-processes --if-empty
say "同步文书模板与文书编号规则（列出变化）"
"$zhifa" documents sync
"$zhifa" demo-cases

worker_pid=""
server_pid=""
stop_all() {
  trap - EXIT INT TERM
  for pid in $server_pid $worker_pid; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A small supervisor: start the worker again whenever it exits (as systemd's Restart=always does in
# production, docs/operations.md). TERM or INT stops the worker and the loop.
supervise_worker() {
  local child="" status
  trap 'kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM INT
  while true; do
    "$zhifa" worker >>"$worker_log" 2>&1 &
    child=$!
    status=0
    wait "$child" || status=$?
    say "任务处理进程已退出（退出码 $status），2 秒后重新启动"
    sleep 2
  done
}

# The worker logs one JSON line per task: into a file, so that the console stays readable.
worker_log="$ZHIFA_DATA_DIR/worker.log"
say "启动任务处理进程（zhifa worker，退出后自动重启，日志写入 $worker_log）"
supervise_worker &
worker_pid=$!

say "启动 Web 服务（zhifa serve --bind $bind）"
"$zhifa" serve --bind "$bind" &
server_pid=$!

# Wait (at most a minute) for the health endpoint before telling where to go.
ready=0
for _ in $(seq 1 120); do
  kill -0 "$server_pid" 2>/dev/null || die "Web 服务未能启动"
  if curl -fsS "${url}healthz" >/dev/null 2>&1; then
    ready=1
    break
  fi
  sleep 0.5
done
[ "$ready" -eq 1 ] || die "Web 服务一分钟内没有就绪：${url}healthz 无应答"

accounts="$ZHIFA_DATA_DIR/demo-accounts.txt"
cat <<EOF

============================================================
 执法通演示环境已启动：$url
 按 Ctrl-C 停止（Web 服务和任务处理进程一起停止）。
============================================================
EOF
if [ -f "$accounts" ]; then
  echo " 演示账号："
  cat "$accounts"
else
  echo " 未找到演示账号清单 $accounts"
fi
echo

# `wait` returns as soon as a trapped signal arrives, so Ctrl-C or a TERM stops both processes.
wait "$server_pid"
