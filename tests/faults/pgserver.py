"""A throw-away PostgreSQL server for the tests that stop and start the database.

The shared test database must never be restarted, so these tests run their own server: initdb in
a temporary directory, a free port on 127.0.0.1, deleted at the end (as scripts/postgres.sh does
for `make test`). initdb refuses to run as root, so as root the server runs as ``postgres``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(Path(path).parent.name))
    if found:
        return Path(found[-1])
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl is None:
        raise RuntimeError("找不到 PostgreSQL 服务器程序（initdb/pg_ctl），请安装 Debian 软件包 postgresql")
    return Path(pg_ctl).parent


class ThrowawayPostgres:
    """One private PostgreSQL server: ``start``, ``stop``, ``start`` again, ``destroy``."""

    def __init__(self):
        self.bindir = _bindir()
        self.port = free_port()
        # Not under $TMPDIR: `make test` points it at a directory only root may enter.
        self.root = Path(tempfile.mkdtemp(prefix="zhifa-pg-", dir="/tmp" if os.path.isdir("/tmp") else None))
        self.data = self.root / "data"
        self._as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")

    def _run(self, program: str, *args: str) -> None:
        subprocess.run([*self._as_postgres, str(self.bindir / program), *args], check=True, capture_output=True)

    def init(self) -> None:
        self._run("initdb", f"--pgdata={self.data}", "--username=postgres", "--auth=trust", "--encoding=UTF8", "--no-locale")
        self.start()

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.root} "
            "-c fsync=off -c full_page_writes=off"
        )
        self._run("pg_ctl", f"--pgdata={self.data}", f"--log={self.root}/server.log", "--wait", f"--options={options}", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", f"--pgdata={self.data}", f"--mode={mode}", "--wait", "stop")

    def create_database(self, name: str, *, copy_of: str) -> str:
        """Create database ``name`` as a copy of the database at URL ``copy_of`` (tables and rows)."""
        self._run("createdb", "--host=127.0.0.1", f"--port={self.port}", "--username=postgres", name)
        dump = subprocess.run([str(self.bindir / "pg_dump"), "--no-owner", copy_of], check=True, capture_output=True)
        subprocess.run(
            [str(self.bindir / "psql"), "--quiet", "--set=ON_ERROR_STOP=1", self.url(name)],
            input=dump.stdout, check=True, capture_output=True,
        )
        return self.url(name)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run([*self._as_postgres, str(self.bindir / "pg_ctl"), f"--pgdata={self.data}", "--mode=immediate", "stop"],
                           capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)
