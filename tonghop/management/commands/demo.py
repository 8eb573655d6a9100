from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.otp import DEMO_TOTP_SECRET, ensure_demo_devices
from tonghop.demo import DEMO_PASSWORD, USERS, prepare_database


class Command(BaseCommand):
    help = "Chuẩn bị cơ sở dữ liệu: migrate, nạp đơn vị hành chính, danh mục và dữ liệu mẫu."

    def add_arguments(self, parser):
        parser.add_argument(
            "--empty",
            action="store_true",
            help="Không nạp dữ liệu mẫu (chỉ đơn vị hành chính và danh mục chỉ tiêu).",
        )

    def handle(self, *args, empty=False, **options):
        call_command("migrate", interactive=False, verbosity=0)
        for line in prepare_database(empty=empty):
            self.stdout.write(line)
        if not empty:
            self.stdout.write(f"\nTài khoản dùng thử (mật khẩu chung: {DEMO_PASSWORD}):")
            for username, role, agency, _name in USERS:
                where = f", {agency}" if agency else ""
                self.stdout.write(f"  {username:<10} {role.label}{where}")
            secrets = ensure_demo_devices(username for username, *_ in USERS)
            self.stdout.write(
                f"\nXác thực hai bước (bắt buộc với {', '.join(secrets)}): thêm khóa bí mật "
                f"{DEMO_TOTP_SECRET} vào ứng dụng xác thực (Google Authenticator, FreeOTP…), "
                "hoặc xem mã hiện tại bằng: .venv/bin/tonghop demo_totp"
            )
