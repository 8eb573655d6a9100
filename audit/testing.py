"""Helpers of the audit tests: write records, tamper in SQL as a database user could, verify."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.db import connection, transaction

from audit.log import Change, record
from audit.models import AuditRecord


def write(actor, obj, n: int, *, scope: str | None = None) -> list[AuditRecord]:
    with transaction.atomic():
        return [
            record(actor, "edit", obj, scope=scope, changes=[Change("tên", str(i), str(i + 1))])[0]
            for i in range(n)
        ]


def run_sql(*statements: str, params: list | None = None) -> None:
    """Bypass the models, as someone with database access would."""
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, params or [])


def audit_command(*args: str) -> str:
    out = io.StringIO()
    call_command("audit", *args, stdout=out)
    return out.getvalue()
