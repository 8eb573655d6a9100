"""Heavy analytic reads go to a PostgreSQL replica when DATABASE_REPLICA_URL names one.

The router sends a read to the `replica` alias only inside `reading_from_replica()`; the
middleware opens that scope for GET and HEAD requests under the analytics pages. Writes always
go to `default`, so a page that writes never reads its own write from a lagging replica.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)
REPLICA = "replica"


@contextmanager
def reading_from_replica() -> Iterator[None]:
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replica_reads.get() and settings.TONGHOP_REPLICA_ENABLED:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in {"GET", "HEAD"} and request.path.startswith(
            tuple(settings.TONGHOP_REPLICA_PATHS)
        ):
            with reading_from_replica():
                return self.get_response(request)
        return self.get_response(request)
