"""`zhifa` in a fresh shell: the demo's recorded settings apply, `zhifa legal` needs no database.

Each test runs the real console entry point in a child process with an environment stripped of
every zhifa and Django variable, as a second terminal would have.
"""

import json
import os
import subprocess
import sys

import pytest

RUN_CLI = "import sys, pathlib, zhifa.cli as cli; cli.DEMO_SETTINGS = pathlib.Path(sys.argv[1]); " \
          "raise SystemExit(cli.main(sys.argv[2:]))"


def zhifa(settings_file, *args, **extra_env) -> subprocess.CompletedProcess:
    """Run ``zhifa ARGS`` as from a new shell, reading demo settings from ``settings_file``."""
    env = {
        name: value for name, value in os.environ.items()
        if not name.startswith(("ZHIFA_", "DJANGO_")) and name not in {"DATABASE_URL", "TEST_DATABASE_URL"}
    }
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-c", RUN_CLI, str(settings_file), *args],
        env=env, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def demo_settings(tmp_path):
    """The file ``make demo`` writes, pointing at a private data directory."""
    path = tmp_path / "demo.env"
    path.write_text(
        f"# written by make demo\nZHIFA_DEMO=1\nZHIFA_REQUIRE_ADMIN_TOTP=0\nZHIFA_DATA_DIR={tmp_path / 'data'}\n",
        encoding="utf-8",
    )
    return path


def test_without_demo_settings_a_production_command_names_the_missing_secret(tmp_path):
    result = zhifa(tmp_path / "absent.env", "check", ZHIFA_DATA_DIR=str(tmp_path / "data"))
    assert result.returncode == 2
    assert "ZHIFA_SECRET_KEY" in result.stderr


def test_after_the_demo_commands_run_with_its_settings_and_data_directory(demo_settings, tmp_path):
    result = zhifa(demo_settings, "shell", "--no-imports", "-c", "from django.conf import settings; print(settings.DATA_DIR)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "data")
    assert zhifa(demo_settings, "check").returncode == 0


def test_the_environment_wins_over_the_recorded_settings(demo_settings, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    result = zhifa(demo_settings, "shell", "--no-imports", "-c", "from django.conf import settings; print(settings.DATA_DIR)",
                   ZHIFA_DATA_DIR=str(elsewhere))
    assert result.stdout.strip() == str(elsewhere)


@pytest.mark.parametrize("with_demo", [True, False], ids=["after-demo", "fresh-clone"])
def test_legal_answers_before_any_database_exists_with_a_warning(demo_settings, tmp_path, with_demo):
    settings_file = demo_settings if with_demo else tmp_path / "absent.env"
    extra = {} if with_demo else {"ZHIFA_DATA_DIR": str(tmp_path / "data")}
    result = zhifa(settings_file, "legal", "payment_deadline", "--received_on", "2026-01-31", **extra)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["deadline"] == "2026-02-24"
    assert "数据库尚未就绪" in result.stderr
    assert "Traceback" not in result.stderr
