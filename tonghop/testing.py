"""Test helpers of the whole site: Debian's Chromium through Playwright, logging in through the pages."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.test import TestCase

from accounts.testing import PASSWORD

# Browser tests drive Debian's Chromium through Playwright and never download a browser.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


def login_in_browser(browser, live_server, username: str, otp=None, **context):
    """Log in through the pages; otp (from accounts.testing.totp_for) answers the TOTP step.

    context: more options of the browser context (Playwright's new_context).
    """
    page = browser.new_context(locale="vi-VN", **context).new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('Đăng nhập')")
    if otp is not None:
        page.wait_for_url(lambda url: "ma-xac-thuc" in url)
        page.fill("#id_code", otp())
        page.click("button[type=submit]:has-text('Xác nhận')")
    page.wait_for_url(lambda url: "dang-nhap" not in url)
    return page


def committed():
    """Run the callbacks the block leaves for its commit (a task's enqueue) as it ends: the
    test's own transaction never commits."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def task_worker():
    """The database task worker of `tonghop manage db_worker` (django-tasks-db), in this process,
    in batch mode: run() returns once no task is ready."""
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["*"],
        interval=0.0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


def run_queued_tasks() -> None:
    """Run every ready task with django-tasks-db's worker in this process, then return.

    The worker closes "old" connections between tasks, as a request does; inside a test's
    transaction that would close the test's own connection, so that step is left out here, as
    Django's test client leaves it out of its requests.
    """
    from django_tasks_db.management.commands import db_worker

    original = db_worker.close_old_connections
    db_worker.close_old_connections = lambda **kwargs: None
    try:
        task_worker().run()
    finally:
        db_worker.close_old_connections = original


@contextmanager
def _beside_live_server(work: Callable[[], object], within: float) -> Iterator[None]:
    """Run `work` in a thread on the live server's database; wait for it (`within` seconds) on exit.

    On PostgreSQL the thread has its own connection. SQLite's test database lives in memory,
    where a second connection meets "database table is locked" instead of waiting: the thread
    then shares the test's connection, as Django's live server already does for its requests.
    """
    from django.db import DEFAULT_DB_ALIAS, connection, connections

    own = connections[DEFAULT_DB_ALIAS]
    shared = own if own.vendor == "sqlite" else None

    def run():
        if shared is not None:
            connections[DEFAULT_DB_ALIAS] = shared
        try:
            work()
        finally:
            if shared is None:
                connection.close()

    if shared is not None:
        shared.inc_thread_sharing()
    thread = threading.Thread(target=run, name="task-worker")
    thread.start()
    try:
        yield
    finally:
        thread.join(timeout=within)
        if shared is not None:
            shared.dec_thread_sharing()


def run_tasks_beside_live_server(within: float = 60.0) -> None:
    """Run every ready task in a thread on the live server's database, and wait for it.

    For a page that polls while the task runs: on SQLite a worker polling all along would share
    the one connection with every page load at once, which SQLite refuses now and then.
    """
    with _beside_live_server(task_worker().run, within):
        pass


def manage_check(env: dict[str, str], *options: str) -> subprocess.CompletedProcess:
    """`tonghop manage check` in a process of its own, with exactly that environment."""
    return subprocess.run(
        [sys.executable, "-m", "tonghop.cli", "manage", "check", *options],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


# The demo as the first module of a test process loaded it: database name -> the snapshot.
_demo_snapshots: dict[str, object] = {}


@contextmanager
def demo_loaded(blocker) -> Iterator[None]:
    """The demo province and its unit map in the test database for one module, flushed after.

    `tonghop demo` takes seconds (the country's administrative units, the accounts, two
    rounds); the first module of a test process loads it and keeps a snapshot of the loaded
    database (SQLite's backup API, PostgreSQL's CREATE DATABASE ... TEMPLATE), and later
    modules restore that snapshot in well under a second.
    """
    import io

    from django.core.management import call_command
    from django.db import connection

    from analytics.units import ensure_unit_map

    with blocker.unblock():
        snapshot = _demo_snapshots.get(connection.settings_dict["NAME"])
        if snapshot is None or not _restore(connection, snapshot):
            call_command("demo", stdout=io.StringIO())
            ensure_unit_map()  # in the snapshot: a test's rollback would otherwise drop it
            if snapshot is None:
                _snapshot(connection)
    yield
    with blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def _snapshot(connection) -> None:
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        import sqlite3

        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.ensure_connection()
        connection.connection.backup(copy)
        _demo_snapshots[name] = copy
    elif connection.vendor == "postgresql" and _copy_database(
        connection, source=name, target=f"{name}_demo"
    ):
        import atexit

        _demo_snapshots[name] = f"{name}_demo"
        atexit.register(_drop_database, connection, f"{name}_demo")


def _restore(connection, snapshot) -> bool:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        snapshot.backup(connection.connection)
        return True
    return _copy_database(connection, source=snapshot, target=connection.settings_dict["NAME"])


def _server(connection):
    import psycopg

    server = connection.settings_dict
    admin = f"postgres://{server['USER']}@{server['HOST']}:{server['PORT'] or 5432}/postgres"
    return psycopg.connect(admin, autocommit=True)


def _copy_database(connection, source: str, target: str) -> bool:
    """target replaced by a copy of source, if nobody else is connected to either: PostgreSQL
    copies only a database nobody uses, and a live server's thread still holds its connection
    (False then: the caller loads the demo itself). This thread's connections are closed
    first; Django opens them again."""
    from django.db import connections

    connections.close_all()
    with _server(connection) as server:
        others = server.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname IN (%s, %s) "
            "AND pid <> pg_backend_pid()",
            [source, target],
        ).fetchone()
        if others and others[0]:
            return False
        server.execute(f'DROP DATABASE IF EXISTS "{target}"')
        server.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    return True


def _drop_database(connection, name: str) -> None:
    with _server(connection) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
