from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from tonghop.backup import BackupError, restore


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu từ TỆP sao lưu do `tonghop backup` tạo."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="TỆP")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Thay toàn bộ dữ liệu hiện có (mặc định: chỉ khôi phục vào cơ sở dữ liệu trống).",
        )

    def handle(self, *args, file, replace=False, **options):
        try:
            restore(file, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Đã khôi phục từ {file}.")
