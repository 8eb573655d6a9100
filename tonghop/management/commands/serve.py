from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand, CommandError

from tonghop.serving import gunicorn_command


class Command(BaseCommand):
    help = "Phục vụ ứng dụng bằng gunicorn tại ĐỊA_CHỈ (mặc định 127.0.0.1:8000)."

    def add_arguments(self, parser):
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ")
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2))
        )

    def handle(self, *args, address, workers, **options):
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit():
            raise CommandError(f"Địa chỉ không hợp lệ: {address!r}. Ví dụ đúng: 127.0.0.1:8000")
        self.stdout.write(f"tonghop đang chạy tại http://{address}/ (Ctrl+C để dừng)")
        sys.stdout.flush()
        command = gunicorn_command(address, workers, "--access-logfile", "-")
        os.execvp(command[0], command)
