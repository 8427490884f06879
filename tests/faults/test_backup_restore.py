"""The backup guide's scripts, checked end to end by scripts/backup_restore_check.py (PostgreSQL run)."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from zhifa.core.services.attachments import attachment_store
from zhifa.core.services.notices import notice_create

from .conftest import POSTGRES_ONLY, ROOT, database_url

pytestmark = [POSTGRES_ONLY, pytest.mark.django_db(transaction=True)]


def test_a_backup_taken_during_writes_restores_identically(city):
    for number in range(3):
        notice = notice_create(unit=city["yantian"], title=f"已有公告 {number}", body="正文")
        attachment_store(uploaded_file=ContentFile(b"existing evidence %d" % number, name="证据.txt"), target=notice,
                         unit=city["yantian"])

    done = subprocess.run(
        [sys.executable, "scripts/backup_restore_check.py"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "DATABASE_URL": database_url(), "ZHIFA_DATA_DIR": str(settings.DATA_DIR)},
    )

    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    assert "审计链完整" in done.stdout
    written = re.search(r"备份期间写入 (\d+) 条", done.stdout)
    assert written and int(written.group(1)) >= 1
