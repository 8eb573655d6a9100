"""The `tonghop` command as a user runs it: a real process on a throwaway SQLite database."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tonghop.testing import manage_check


def run(*args, tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    return subprocess.run(
        [sys.executable, "-m", "tonghop.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_help_lists_the_project_commands(tmp_path):
    result = run("--help", tmp_path=tmp_path)
    assert result.returncode == 0
    for command in ["demo", "serve", "load_places", "manage"]:
        assert f"  {command} " in result.stdout


def test_an_unknown_command_fails_with_a_message(tmp_path):
    result = run("khong-co", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "Lệnh không có" in result.stderr


def test_serve_refuses_a_bad_address(tmp_path):
    result = run("serve", "tám nghìn", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "Địa chỉ không hợp lệ" in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="runs the real command")
def test_demo_empty_prepares_an_empty_database(tmp_path):
    result = run("demo", "--empty", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    catalogue = Path(__file__).parents[2] / "catalogue" / "data" / "indicators.json"
    indicators = json.loads(catalogue.read_text(encoding="utf-8"))["indicators"]
    assert f"Danh mục chỉ tiêu: {len(indicators)} chỉ tiêu." in result.stdout
    assert "Tài khoản" not in result.stdout
    check = run(
        "manage",
        "shell",
        "-c",
        "from agencies.models import Agency; print(Agency.objects.count())",
        tmp_path=tmp_path,
    )
    assert check.stdout.strip().endswith("0")


def _embedded_env(tmp_path) -> dict[str, str]:
    """The environment of `make run`: none of the production or mail variables set."""
    unset = {"TONGHOP_PRODUCTION", "SECRET_KEY", "EMAIL_BACKEND", "EMAIL_HOST", "DEBUG"}
    env = {name: value for name, value in os.environ.items() if name not in unset}
    return {**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'embedded.sqlite3'}"}


def test_the_embedded_defaults_pass_the_checks_and_the_deploy_checks_have_no_error(tmp_path):
    env = _embedded_env(tmp_path)
    plain = manage_check(env)
    assert plain.returncode == 0, plain.stderr
    assert "no issues (0 silenced)" in plain.stdout
    deploy = manage_check(env, "--deploy", "--fail-level", "ERROR")
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    assert "ERRORS:" not in deploy.stderr and "mail.E001" not in deploy.stderr
    # What remains are the warnings that only apply behind TLS and with a real secret key.
    warnings = set(re.findall(r"\((security\.W\d+)\)", deploy.stderr))
    assert warnings <= {
        "security.W004",
        "security.W008",
        "security.W009",
        "security.W012",
        "security.W016",
    }


def test_production_with_the_console_mail_backend_fails_the_deploy_check(tmp_path):
    env = {
        **_embedded_env(tmp_path),
        "TONGHOP_PRODUCTION": "true",
        "SECRET_KEY": "k" * 20 + "-production-secret-for-the-deploy-check-0123456789",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    result = manage_check(env, "--deploy", "--fail-level", "ERROR")
    assert result.returncode != 0
    assert "mail.E001" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {
        **os.environ,
        "TONGHOP_PRODUCTION": "true",
        "SECRET_KEY": "",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tonghop.cli", "manage", "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
