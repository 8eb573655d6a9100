"""Whole-database backup and restore: SQLite's online backup API, or pg_dump / pg_restore.

A backup is one file: an SQLite database file for the embedded mode, a pg_dump custom-format
archive for PostgreSQL. Restore refuses a file of the other kind, a damaged file, and a target
database that already holds data unless asked to replace it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is for the user, in Vietnamese."""


def _vendor(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}.")
    return vendor


def _pg_env(alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump / pg_restore, with the password in the environment."""
    settings = connections[alias].settings_dict
    args = ["--dbname", settings["NAME"]]
    if settings.get("HOST"):
        args += ["--host", settings["HOST"]]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", settings["USER"]]
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"Không tìm thấy chương trình {command[0]} (gói postgresql-client).")
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} báo lỗi: {result.stderr.strip()[-500:]}")


def backup(path: Path, alias: str = "default") -> int:
    """Write the whole database to `path`; returns the file size in bytes."""
    vendor = _vendor(alias)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    connection = connections[alias]
    if vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        args, env = _pg_env(alias)
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(partial), *args], env)
    partial.replace(path)  # never leave a half-written backup under the real name
    return path.stat().st_size


def _kind(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        raise BackupError(f"Không tìm thấy tệp sao lưu {path}.") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(f"Tệp {path} không phải bản sao lưu của tonghop (hỏng hoặc sai loại tệp).")


def holds_data(alias: str = "default") -> bool:
    connection = connections[alias]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table == "django_migrations":
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                return True
    return False


def restore(path: Path, alias: str = "default", replace: bool = False) -> None:
    """Replace the database's content with the backup at `path`."""
    vendor = _vendor(alias)
    kind = _kind(Path(path))
    if kind != vendor:
        raise BackupError(
            f"Tệp sao lưu là của {kind}, còn cơ sở dữ liệu đang dùng là {vendor}: không khôi phục được."
        )
    if not replace and holds_data(alias):
        raise BackupError(
            "Cơ sở dữ liệu đang có dữ liệu. Dùng --replace nếu thật sự muốn thay toàn bộ bằng bản sao lưu."
        )
    connection = connections[alias]
    if vendor == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"Tệp sao lưu {path} bị hỏng.")
            connection.ensure_connection()
            source.backup(connection.connection)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"Tệp sao lưu {path} bị hỏng: {error}.") from None
        finally:
            source.close()
    else:
        args, env = _pg_env(alias)
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(path),
            ],
            env,
        )
