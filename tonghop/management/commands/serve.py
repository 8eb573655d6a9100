from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tonghop.serving import gunicorn_command, running_workers


class Command(BaseCommand):
    help = (
        "Phục vụ ứng dụng bằng gunicorn tại ĐỊA_CHỈ (mặc định 127.0.0.1:8000), "
        "cùng các tiến trình chạy việc nền (tạo tệp PDF)."
    )

    def add_arguments(self, parser):
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ")
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2))
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("GUNICORN_THREADS", 4)),
            help="Số luồng của mỗi tiến trình web (mặc định GUNICORN_THREADS hoặc 4): một tiến "
            "trình phục vụ nhiều yêu cầu cùng lúc trong khi các yêu cầu khác chờ cơ sở dữ liệu.",
        )
        parser.add_argument(
            "--task-workers",
            type=int,
            default=settings.TONGHOP_TASK_WORKERS,
            help="Số tiến trình chạy việc nền (mặc định TONGHOP_TASK_WORKERS; 0: không chạy).",
        )

    def handle(self, *args, address, workers, threads, task_workers, **options):
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit():
            raise CommandError(f"Địa chỉ không hợp lệ: {address!r}. Ví dụ đúng: 127.0.0.1:8000")
        if threads < 1:
            raise CommandError("Số luồng của mỗi tiến trình web phải từ 1 trở lên.")
        if task_workers < 0:
            raise CommandError("Số tiến trình chạy việc nền phải từ 0 trở lên.")
        self.stdout.write(
            f"tonghop đang chạy tại http://{address}/ với {task_workers} tiến trình chạy việc "
            "nền (Ctrl+C để dừng)"
        )
        sys.stdout.flush()
        with running_workers(task_workers):
            server = subprocess.Popen(
                # The threaded worker, as measured by bench/deadline_day.py.
                gunicorn_command(
                    address,
                    workers,
                    *("--worker-class", "gthread", "--threads", str(threads)),
                    *("--access-logfile", "-"),
                ),
                start_new_session=True,
            )

            def stop(signum, frame):
                server.terminate()  # gunicorn's graceful stop; the workers stop after it

            signal.signal(signal.SIGINT, stop)
            signal.signal(signal.SIGTERM, stop)
            server.wait()
