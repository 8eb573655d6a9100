from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from tonghop.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ cơ sở dữ liệu vào TỆP (SQLite: bản sao trực tuyến; PostgreSQL: pg_dump)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="TỆP")

    def handle(self, *args, file, **options):
        try:
            size = backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Đã sao lưu vào {file} ({size:,} byte).".replace(",", "."))
