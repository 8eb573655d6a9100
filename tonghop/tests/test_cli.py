"""The `tonghop` command as a user runs it: a real process on a throwaway SQLite database."""

import os
import subprocess
import sys

import pytest


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
    assert "Danh mục chỉ tiêu: 50 chỉ tiêu." in result.stdout
    assert "Tài khoản" not in result.stdout
    check = run(
        "manage",
        "shell",
        "-c",
        "from agencies.models import Agency; print(Agency.objects.count())",
        tmp_path=tmp_path,
    )
    assert check.stdout.strip().endswith("0")
