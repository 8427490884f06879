"""Check the backup guide end to end: back up while the application writes, restore, compare.

    DATABASE_URL=postgres://… ZHIFA_DATA_DIR=… .venv/bin/python scripts/backup_restore_check.py

While ``scripts/backup.sh`` runs, a writer thread keeps adding notices with attachments through
the application's services (audited, hashed) — so run it on a test or staging installation, never
on production. The backup is then restored with ``scripts/restore.sh`` into a NEW database on the
same server and a new temporary data directory (restore.sh runs ``zhifa migrate`` and
``zhifa audit verify`` there), and the copy is compared with the source:

- row counts: each table of the copy has at least the rows the source had just before the dump
  and at most those it had when the writes stopped (exactly as many for tables nobody wrote);
- attachments: every attachment row of the copy has its file, with the recorded SHA-256.

Exit status 0 when everything holds. The copy is dropped at the end unless ``--keep`` is given.
Needs PostgreSQL, the Debian packages postgresql-client and rsync, and a role allowed to create
databases.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import secrets
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent


def table_counts(url: str) -> dict[str, int]:
    """Rows per table of the public schema."""
    with psycopg.connect(url) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )]
        return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


def with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` on the same server."""
    return url.rsplit("/", 1)[0] + "/" + name


class Writer(threading.Thread):
    """Writes notices with one attachment each through the services until stopped."""

    def __init__(self):
        super().__init__(daemon=True, name="backup-check-writer")
        self.stop = threading.Event()
        self.written = 0
        self.started_writing = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        from django.core.files.base import ContentFile
        from django.db import connection

        from zhifa.core.actor import Channel, actor_context
        from zhifa.core.services.attachments import attachment_store
        from zhifa.core.services.notices import notice_create
        from zhifa.org.models import Unit

        try:
            unit = Unit.objects.order_by("pk").first()
            if unit is None:
                raise SystemExit("数据库中没有单位，无法写入校验数据；请在测试或预发布环境中运行")
            with actor_context(channel=Channel.CLI):
                while not self.stop.is_set():
                    notice = notice_create(unit=unit, title=f"备份校验 {self.written + 1}", body="备份与恢复校验写入的测试公告")
                    content = ContentFile(f"备份校验附件 {secrets.token_hex(16)}".encode(), name="备份校验.txt")
                    attachment_store(uploaded_file=content, target=notice, unit=unit)
                    self.written += 1
                    self.started_writing.set()
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            self.error = exc
            self.started_writing.set()
        finally:
            connection.close()


def check_attachments(url: str, data_dir: Path) -> list[str]:
    """Problems with the copy's attachment files: missing, or a hash that differs from the row."""
    from zhifa.core.models import Attachment

    problems = []
    with psycopg.connect(url) as conn:
        rows = conn.execute(f"SELECT file, sha256 FROM {Attachment._meta.db_table}").fetchall()
    for name, sha256 in rows:
        path = data_dir / "media" / name
        if not path.is_file():
            problems.append(f"附件文件缺失：{name}")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != sha256:
            problems.append(f"附件内容与记录的哈希不符：{name}")
    return problems


def compare_counts(before: dict[str, int], copy: dict[str, int], after: dict[str, int]) -> list[str]:
    problems = []
    for table in sorted(after):
        if table not in copy:
            problems.append(f"恢复的数据库缺少表 {table}")
        elif not before.get(table, 0) <= copy[table] <= after[table]:
            problems.append(f"表 {table} 行数 {copy[table]} 不在备份前 {before.get(table, 0)} 与写入结束后 {after[table]} 之间")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description="备份与恢复校验：边写入边备份，恢复到新数据库和数据目录后比对")
    parser.add_argument("--keep", action="store_true", help="保留恢复出的数据库和数据目录")
    options = parser.parse_args()
    source = os.environ.get("DATABASE_URL", "")
    if not source.startswith(("postgres://", "postgresql://")):
        print("错误：DATABASE_URL 必须指向 PostgreSQL", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings.base")
    import django

    django.setup()
    work = Path(tempfile.mkdtemp(prefix="zhifa-backup-check-"))
    copy_name = f"{source.rsplit('/', 1)[1]}_restorecheck_{secrets.token_hex(4)}"
    copy_url = with_database(source, copy_name)

    writer = Writer()
    writer.start()
    writer.started_writing.wait(timeout=60)
    before = table_counts(source)
    subprocess.run(["bash", str(ROOT / "scripts/backup.sh"), str(work / "backup")], check=True, stdout=subprocess.DEVNULL)
    writer.stop.set()
    writer.join()
    if writer.error is not None:
        raise writer.error
    after = table_counts(source)
    dump = next((work / "backup").glob("zhifa-*.dump"))
    media = dump.with_name(dump.stem + "-media")

    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{copy_name}"')
    try:
        restored_dir = work / "restored"
        env = {**os.environ, "DATABASE_URL": copy_url, "ZHIFA_DATA_DIR": str(restored_dir)}
        subprocess.run(["bash", str(ROOT / "scripts/restore.sh"), str(dump), str(media)], check=True, env=env)
        problems = compare_counts(before, table_counts(copy_url), after) + check_attachments(copy_url, restored_dir)
    finally:
        if not options.keep:
            with psycopg.connect(source, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{copy_name}" WITH (FORCE)')
            subprocess.run(["rm", "-rf", str(work)], check=False)
    for problem in problems:
        print(f"不一致：{problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"备份与恢复一致：备份期间写入 {writer.written} 条公告及附件，{len(after)} 张表行数、审计链与附件哈希均通过校验")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
