"""Fixtures of the fault tests: real ``zhifa worker`` processes, a slow SMTP server, PostgreSQL only.

The workers run as separate processes against the test database (or a private server), so the
tests commit their data (``transaction=True``) and kill or restart things for real. Leases and
timeouts are set small through the environment to keep the tests short.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from .pgserver import free_port

ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = "2"

POSTGRES_ONLY = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="需要 PostgreSQL：这些测试让独立进程（任务处理进程、pg_dump/pg_restore、临时数据库服务器）操作真实的 PostgreSQL，只在 PostgreSQL 测试轮运行",
)


def database_url() -> str:
    """The URL of the test database this process uses, for the worker processes."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_until(condition, timeout: float = 60, message: str = "等待超时"):
    """Poll ``condition`` every 0.1 s until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(message)


class Workers:
    """Starts ``zhifa worker`` processes and kills whatever is left at the end."""

    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.processes: list[subprocess.Popen] = []

    def env(self, db_url: str, **extra: str) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key != "ZHIFA_TASKS_BACKEND"}
        env.update(
            DJANGO_SETTINGS_MODULE="zhifa.settings.base",
            DATABASE_URL=db_url,
            ZHIFA_DEMO="1",
            ZHIFA_DATA_DIR=str(self.tmp_path / "data"),
            ZHIFA_TASK_LEASE_SECONDS=LEASE_SECONDS,
            PYTHONPATH=str(ROOT),
        )
        env.update(extra)
        return env

    def start(self, db_url: str, *args: str, **extra: str) -> subprocess.Popen:
        log = open(self.tmp_path / f"worker-{len(self.processes)}.log", "wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "zhifa.cli", "worker", "--interval", "0.1", "--poll", "0.5", *args],
            cwd=ROOT, env=self.env(db_url, **extra), stdout=log, stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def logs(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in sorted(self.tmp_path.glob("worker-*.log")))

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait()


@pytest.fixture
def workers(tmp_path):
    pool = Workers(tmp_path)
    yield pool
    pool.stop_all()


class SlowSmtpHandler:
    """An SMTP server that keeps each message, then waits ``delay`` seconds before answering 250.

    A client killed during the wait leaves a message the server has but the client never saw
    accepted: the "outcome unknown" case.
    """

    def __init__(self, delay: float):
        self.delay = delay
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"

    def copies(self) -> dict[str, list[str]]:
        """Message-IDs received per recipient address."""
        received: dict[str, list[str]] = {}
        for message in list(self.messages):
            received.setdefault(message["To"], []).append(message["Message-ID"])
        return received


@pytest.fixture
def slow_smtp():
    """Start an SMTP server on a free port; ``slow_smtp(delay)`` returns (handler, port)."""
    controllers = []

    def start(delay: float):
        handler = SlowSmtpHandler(delay)
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        controller.start()
        controllers.append(controller)
        return handler, controller.port

    yield start
    for controller in controllers:
        controller.stop()
