#!/usr/bin/env bash
# Back up 执法通: the PostgreSQL database, then the local files, into DIR, named by the Beijing date.
#
#   DATABASE_URL=postgres://… ZHIFA_DATA_DIR=/srv/zhifa scripts/backup.sh /backup
#
# writes DIR/zhifa-YYYY-MM-DD.dump (pg_dump custom format, one consistent snapshot taken while the
# site runs) and DIR/zhifa-YYYY-MM-DD-media/ (rsync of $ZHIFA_DATA_DIR/media, after the dump, so a
# row of the dump may point at a newer file but never at a missing one). With object storage
# (ZHIFA_S3_BUCKET) the files are protected by bucket versioning instead and the copy is empty.
# Needs the Debian packages postgresql-client (pg_dump of the server's major version or newer) and
# rsync. See docs/operations.md, "Backups".
set -euo pipefail

dest="${1:?用法：scripts/backup.sh 备份目录}"
: "${DATABASE_URL:?需要环境变量 DATABASE_URL（要备份的数据库）}"
: "${ZHIFA_DATA_DIR:?需要环境变量 ZHIFA_DATA_DIR（附件所在的数据目录）}"
for tool in pg_dump rsync; do
  command -v "$tool" >/dev/null 2>&1 || { echo "错误：找不到 $tool，请先 apt-get install postgresql-client rsync" >&2; exit 1; }
done

day="$(TZ=Asia/Shanghai date +%F)"   # the Beijing date, whatever the host's time zone
mkdir -p "$dest" "$ZHIFA_DATA_DIR/media"
# Written under a temporary name: a dump that failed half-way is never taken for a good one.
pg_dump --format=custom --file="$dest/zhifa-$day.dump.partial" "$DATABASE_URL"
mv "$dest/zhifa-$day.dump.partial" "$dest/zhifa-$day.dump"
rsync -a --exclude='.partial-*' "$ZHIFA_DATA_DIR/media/" "$dest/zhifa-$day-media/"
echo "$dest/zhifa-$day.dump"
