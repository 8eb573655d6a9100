"""Writers to different scopes do not wait for each other (PostgreSQL: real row locks)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from audit.testing import write
from audit.verify import verify

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_a_writer_commits_while_another_holds_its_own_scope(cast):
    holding, other_committed = threading.Event(), threading.Event()
    outcome: dict[str, bool] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                write(cast.officer, cast.bdt, 1)  # holds the BDT scope's head until commit
                holding.set()
                outcome["other committed while held"] = other_committed.wait(timeout=60)
        finally:
            connections.close_all()

    def second() -> None:
        try:
            holding.wait(timeout=60)
            write(cast.officer, cast.police, 1)
            other_committed.set()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcome == {"other committed while held": True}
    assert verify().intact
