"""Settings that let several app servers share one state: the replica router and Redis."""

from __future__ import annotations

import socket
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache
from django.db import connections
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency
from tonghop.replica import REPLICA, reading_from_replica


@pytest.fixture(autouse=True)
def close_the_replica_connection():
    """The mirror's connection would keep the test database busy when the run drops it."""
    yield
    connections[REPLICA].close()


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_reads_go_to_the_replica_only_inside_the_scope(settings, cast):
    settings.TONGHOP_REPLICA_ENABLED = True
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        assert Agency.objects.filter(code="BDT").exists()
        assert not replica.captured_queries
        with reading_from_replica():
            assert Agency.objects.filter(code="BDT").exists()
        assert len(replica.captured_queries) == 1


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_analytics_pages_read_from_the_replica_and_posts_never_do(settings, client, cast):
    settings.TONGHOP_REPLICA_ENABLED = True
    settings.TONGHOP_REPLICA_PATHS = ["/"]
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        client.get("/")
        assert replica.captured_queries
        before = len(replica.captured_queries)
        client.post("/", {})
        assert len(replica.captured_queries) == before


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_without_a_replica_url_everything_reads_from_default(cast):
    with CaptureQueriesContext(connections[REPLICA]) as replica, reading_from_replica():
        Agency.objects.count()
    assert not replica.captured_queries


def _redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_running(), reason="no Redis on 127.0.0.1:6379")
def test_the_redis_cache_shares_values_between_processes():
    key = f"tonghop-test-{uuid.uuid4().hex}"
    one = RedisCache("redis://127.0.0.1:6379/0", {})
    other = RedisCache("redis://127.0.0.1:6379/0", {})
    one.set(key, {"báo cáo": 116}, timeout=30)
    assert other.get(key) == {"báo cáo": 116}
    other.delete(key)


def test_pages_carry_the_security_headers(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
