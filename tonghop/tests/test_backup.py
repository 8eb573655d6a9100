"""Backup and restore as an operator runs them: real processes, real databases, every table compared."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.conf import settings


def tonghop(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "tonghop.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def sqlite_tables(path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: db.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall() for n in names}


def test_sqlite_backup_restores_into_an_empty_database_table_for_table(tmp_path):
    source, target = f"sqlite:///{tmp_path / 'a.sqlite3'}", f"sqlite:///{tmp_path / 'b.sqlite3'}"
    assert tonghop(source, "demo").returncode == 0
    archive = tmp_path / "sao-luu.sqlite3"
    result = tonghop(source, "backup", str(archive))
    assert result.returncode == 0, result.stderr
    assert "Đã sao lưu" in result.stdout
    result = tonghop(target, "restore", str(archive))
    assert result.returncode == 0, result.stderr
    before, after = sqlite_tables(tmp_path / "a.sqlite3"), sqlite_tables(tmp_path / "b.sqlite3")
    assert before.keys() == after.keys() and len(before) > 20
    for table in before:
        assert before[table] == after[table], table
    assert len(after["datavalues_datavalue"]) > 50


def test_restore_refuses_a_database_that_holds_data(tmp_path):
    database = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    assert tonghop(database, "demo", "--empty").returncode == 0
    archive = tmp_path / "sao-luu.sqlite3"
    assert tonghop(database, "backup", str(archive)).returncode == 0
    result = tonghop(database, "restore", str(archive))
    assert result.returncode != 0
    assert "Cơ sở dữ liệu đang có dữ liệu" in result.stderr
    assert tonghop(database, "restore", "--replace", str(archive)).returncode == 0


@pytest.mark.parametrize(
    "content", [b"", b"PK\x03\x04 not a backup", b"SQLite format 3\x00" + b"\x00" * 200]
)
def test_restore_refuses_damaged_or_foreign_files(tmp_path, content):
    archive = tmp_path / "hong.bak"
    archive.write_bytes(content)
    result = tonghop(f"sqlite:///{tmp_path / 'b.sqlite3'}", "restore", str(archive))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "hỏng" in result.stderr


def pg_tables(url: str) -> dict[str, list[tuple]]:
    with psycopg.connect(url) as db:
        names = [
            r[0]
            for r in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        ]
        return {n: db.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall() for n in names}


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="runs when the suite runs on PostgreSQL (DATABASE_URL=postgres://...)",
)
def test_postgresql_backup_restores_into_an_empty_database_table_for_table(tmp_path):
    server = settings.DATABASES["default"]
    base = f"postgres://{server['USER']}@{server['HOST']}:{server['PORT'] or 5432}"
    names = [f"tonghop_backup_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        source, target = (f"{base}/{name}" for name in names)
        assert tonghop(source, "demo").returncode == 0
        archive = tmp_path / "sao-luu.dump"
        result = tonghop(source, "backup", str(archive))
        assert result.returncode == 0, result.stderr
        result = tonghop(target, "restore", str(archive))
        assert result.returncode == 0, result.stderr
        before, after = pg_tables(source), pg_tables(target)
        assert before.keys() == after.keys() and len(before) > 20
        for table in before:
            assert before[table] == after[table], table
        result = tonghop(f"sqlite:///{tmp_path / 'x.sqlite3'}", "restore", str(archive))
        assert "không khôi phục được" in result.stderr
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
