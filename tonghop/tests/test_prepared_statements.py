"""On PostgreSQL, repeated queries run as prepared statements, the analytics roll-up never does,
and DATABASE_PREPARED_STATEMENTS=false turns them off (tonghop.settings)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection

from agencies.models import Agency
from analytics.rollup import django_executor

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def _prepared() -> list[str]:
    """The statements this connection holds prepared."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


@postgres_only
def test_repeated_queries_are_prepared_and_the_rollup_is_not(cast):
    for _ in range(3):
        assert [a.code for a in Agency.objects.filter(code="BDT")] == ["BDT"]
        assert django_executor("SELECT %s::int + 1 AS rollup_probe", [41]) == [(42,)]
    prepared = _prepared()
    assert any('FROM "agencies_agency"' in statement for statement in prepared), prepared
    assert not any("rollup_probe" in statement for statement in prepared), prepared
    # The connection prepares again after the roll-up: its threshold is restored.
    for _ in range(3):
        Agency.objects.filter(code="CAT").exists()
    assert any("LIMIT 1" in statement for statement in _prepared())


def _database_options(**variables: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    env |= {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/tonghop", **variables}
    code = (
        "from django.conf import settings; "
        "print(sorted(settings.DATABASES['default'].get('OPTIONS', {}).items()), "
        "sorted(settings.DATABASES['replica'].get('OPTIONS', {}).items()))"
    )
    env["DJANGO_SETTINGS_MODULE"] = "tonghop.settings"
    answer = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert answer.returncode == 0, answer.stderr
    return answer.stdout.strip()


def test_prepared_statements_are_on_for_postgresql_unless_turned_off():
    prepared = "[('prepare_threshold', 2), ('server_side_binding', True)]"
    assert _database_options() == f"{prepared} {prepared}"  # the replica alias alike
    assert _database_options(DATABASE_PREPARED_STATEMENTS="false") == "[] []"
