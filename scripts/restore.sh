#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and a data directory.
#
#   DATABASE_URL=postgres://zhifa:…@db/zhifa ZHIFA_DATA_DIR=/srv/zhifa \
#     scripts/restore.sh /backup/zhifa-2026-12-06.dump /backup/zhifa-2026-12-06-media
#
# Create the empty database first (docs/operations.md, "Restore"). Then: pg_restore into it, the
# files back to $ZHIFA_DATA_DIR/media, `zhifa migrate` (does nothing on the release that made the
# backup) and `zhifa audit verify` (exits non-zero when the restored audit chain is broken).
set -euo pipefail

dump="${1:?用法：scripts/restore.sh 备份文件.dump 附件备份目录}"
media="${2:?用法：scripts/restore.sh 备份文件.dump 附件备份目录}"
: "${DATABASE_URL:?需要环境变量 DATABASE_URL（恢复到的空数据库）}"
: "${ZHIFA_DATA_DIR:?需要环境变量 ZHIFA_DATA_DIR（恢复到的数据目录）}"
for tool in pg_restore rsync; do
  command -v "$tool" >/dev/null 2>&1 || { echo "错误：找不到 $tool，请先 apt-get install postgresql-client rsync" >&2; exit 1; }
done
zhifa="${ZHIFA_BIN:-$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/zhifa}"

pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" "$dump"
mkdir -p "$ZHIFA_DATA_DIR/media"
rsync -a "$media/" "$ZHIFA_DATA_DIR/media/"
"$zhifa" migrate --noinput
"$zhifa" audit verify
