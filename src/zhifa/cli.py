"""The ``zhifa`` console script: one command for everything an operator does.

``zhifa serve`` and ``zhifa worker`` start the servers; every other subcommand is a Django
management command, with dashes read as underscores (``zhifa demo-data`` → ``demo_data``).
"""

from __future__ import annotations

import os
import sys


def _serve(args: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="zhifa serve", description="启动 Web 服务")
    parser.add_argument("--bind", default=os.environ.get("ZHIFA_BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("ZHIFA_WEB_WORKERS", "2")))
    options = parser.parse_args(args)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    argv = [
        sys.executable, "-m", "gunicorn",
        "zhifa.wsgi:application",
        "--bind", options.bind,
        "--workers", str(options.workers),
        "--access-logfile", "-",
        "--timeout", "120",
    ]
    os.execv(sys.executable, argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings.base")
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__.strip())
        print("\n常用命令：serve, worker, migrate, demo-data, audit verify, legal RULE_ID, createsuperuser")
        return 0
    import django

    django.setup()
    command, rest = argv[0], argv[1:]
    if command == "serve":
        return _serve(rest)
    if command == "worker":
        command = "db_worker"
    from django.core.management import execute_from_command_line

    execute_from_command_line(["zhifa", command.replace("-", "_"), *rest])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
