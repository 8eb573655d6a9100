"""TONGHOP_PRODUCTION=true is HTTPS by default; each protection turned off is warned about.

Each case runs `tonghop manage check` in a subprocess with exactly the environment it names.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys

import pytest

from tonghop.testing import manage_check

# README's "Deploy" variables, with the values a deployer would give them (the database is never
# reached by the checks; SQLite keeps the test self-contained).
README_DEPLOY = {
    "SECRET_KEY": "k" * 20 + "-production-secret-for-the-deploy-check-0123456789",
    "TONGHOP_PRODUCTION": "true",
    "ALLOWED_HOSTS": "tonghop.example.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://tonghop.example.gov.vn",
    "TONGHOP_TRUSTED_PROXY_COUNT": "1",
    "TONGHOP_AUDIT_KEY": "a" * 64,
    "TONGHOP_BASE_URL": "https://tonghop.example.gov.vn",
    "EMAIL_HOST": "mail.example.gov.vn",
}
# Nothing of the developer's own environment that the settings read leaks in.
SETTINGS_PREFIXES = ("TONGHOP_", "SECURE_", "EMAIL_", "DATABASE_", "REDIS_URL", "DEBUG")


def _check(tmp_path, variables: dict[str, str], *options: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(SETTINGS_PREFIXES)}
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "TONGHOP_VAR_DIR": str(tmp_path / "var"),
        **variables,
    }
    return manage_check(env, *options)


def _settings(tmp_path, variables: dict[str, str]) -> dict[str, object]:
    script = (
        "from django.conf import settings as s; print(repr({n: getattr(s, n) for n in ["
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT',"
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD',"
        "'SECURE_PROXY_SSL_HEADER']}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(SETTINGS_PREFIXES)}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 's.sqlite3'}", **variables}
    result = subprocess.run(
        [sys.executable, "-m", "tonghop.cli", "manage", "shell", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


def test_the_readme_deploy_variables_pass_the_deploy_check_without_a_warning(tmp_path):
    result = _check(tmp_path, README_DEPLOY, "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_turns_on_https_cookies_hsts_and_the_forwarded_scheme(tmp_path):
    assert _settings(tmp_path, README_DEPLOY) == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    }


def test_the_embedded_mode_stays_plain_http(tmp_path):
    shown = _settings(tmp_path, {})
    assert not shown["SESSION_COOKIE_SECURE"] and not shown["CSRF_COOKIE_SECURE"]
    assert not shown["SECURE_SSL_REDIRECT"] and shown["SECURE_HSTS_SECONDS"] == 0


@pytest.mark.parametrize(
    ("variable", "value", "warning"),
    [
        ("SECURE_COOKIES", "false", "tonghop.W001"),
        ("SECURE_SSL_REDIRECT", "false", "tonghop.W002"),
        ("SECURE_HSTS_SECONDS", "0", "tonghop.W003"),
        ("SECURE_PROXY_SSL_HEADER", "false", "tonghop.W004"),
    ],
)
def test_a_protection_turned_off_in_production_is_warned_about(tmp_path, variable, value, warning):
    result = _check(tmp_path, {**README_DEPLOY, variable: value})
    assert result.returncode == 0, result.stderr  # a warning, not a refusal to start
    assert re.findall(r"\((tonghop\.W\d+)\)", result.stderr) == [warning]
    assert f"{variable} turns off" in result.stderr


def test_the_same_variables_turned_off_outside_production_say_nothing(tmp_path):
    result = _check(tmp_path, {"SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false"})
    assert result.returncode == 0 and "no issues (0 silenced)" in result.stdout
