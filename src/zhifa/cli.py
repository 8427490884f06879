"""The ``zhifa`` console script: one command for everything an operator does.

``zhifa serve`` and ``zhifa worker`` start the servers; every other subcommand is a Django
management command, with dashes read as underscores (``zhifa demo-data`` → ``demo_data``).

``make demo`` records its settings in ``var/demo.env``; every ``zhifa`` command reads them, so a
second shell needs no extra variables. Variables already set in the environment win.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path
from typing import NoReturn

COMMON_COMMANDS = "serve, worker, migrate, sync-roles, demo-data, audit verify, legal RULE_ID, createsuperuser"
#: Written by scripts/demo.sh: ``NAME=value`` lines (ZHIFA_DEMO, ZHIFA_DATA_DIR …).
DEMO_SETTINGS = Path(__file__).resolve().parents[2] / "var" / "demo.env"
#: Commands that sign and store nothing: without a configured secret key they run with a
#: throw-away one, so the legal calculator answers on a machine that is not set up yet.
KEYLESS_COMMANDS = {"legal", "legal-docs"}


def load_demo_settings(path: Path) -> None:
    """Put the ``NAME=value`` lines of ``path`` into the environment, unless already set there."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and not name.startswith("#"):
            os.environ.setdefault(name.strip(), value.strip())


def _positive_int(value: str) -> int:
    """argparse type: a whole number of at least 1, with a Chinese message otherwise."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"必须是正整数，收到 {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"必须是正整数，收到 {value!r}")
    return number


def _serve_options(args: list[str]) -> argparse.Namespace:
    """Parse ``zhifa serve`` options; environment variables give the defaults."""
    parser = argparse.ArgumentParser(
        prog="zhifa serve",
        description="启动 Web 服务（gunicorn；静态文件由 whitenoise 提供，启动前先收集静态文件）",
    )
    parser.add_argument(
        "--bind",
        default=os.environ.get("ZHIFA_BIND", "127.0.0.1:8000"),
        help="监听地址 HOST:PORT 或 unix:PATH（默认取 ZHIFA_BIND，否则 127.0.0.1:8000）",
    )
    parser.add_argument(
        "--workers",
        type=_positive_int,
        default=os.environ.get("ZHIFA_WEB_WORKERS", "2"),
        help="gunicorn 工作进程数（默认取 ZHIFA_WEB_WORKERS，否则 2；一般为 CPU 核数的 2 倍加 1）",
    )
    parser.add_argument(
        "--timeout",
        type=_positive_int,
        default=os.environ.get("ZHIFA_WEB_TIMEOUT", "120"),
        help="单个请求的最长处理秒数（默认取 ZHIFA_WEB_TIMEOUT，否则 120）",
    )
    return parser.parse_args(args)


def _serve(args: list[str]) -> NoReturn:
    """Collect static files, then replace this process with gunicorn (same pid for supervisors)."""
    options = _serve_options(args)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    argv = [
        sys.executable, "-m", "gunicorn",
        "zhifa.wsgi:application",
        "--bind", options.bind,
        "--workers", str(options.workers),
        "--timeout", str(options.timeout),
        "--access-logfile", "-",
        # No gunicorn control socket: it sits at one fixed path per user, so two servers on a
        # host would fight over it, and nothing here uses it.
        "--no-control-socket",
    ]
    os.execv(sys.executable, argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    load_demo_settings(DEMO_SETTINGS)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings.base")
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__.strip())
        print(f"\n常用命令：{COMMON_COMMANDS}")
        print("查看某个命令的参数：zhifa 命令 --help")
        return 0
    command, rest = argv[0], argv[1:]
    if command == "serve" and {"-h", "--help"} & set(rest):
        _serve_options(rest)  # prints the help and exits; needs no production settings
    if command in KEYLESS_COMMANDS:
        os.environ.setdefault("ZHIFA_SECRET_KEY", secrets.token_urlsafe(50))
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return 2
    from django.conf import settings

    # The data directory holds the SQLite file, media and static files: make it on first use.
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    if command == "serve":
        _serve(rest)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["zhifa", command.replace("-", "_"), *rest])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
