from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts.otp import DEMO_TOTP_SECRET, demo_code


class Command(BaseCommand):
    help = "In mã xác thực hai bước hiện tại của các tài khoản dùng thử (mã đổi sau mỗi 30 giây)."

    def handle(self, *args, **options):
        self.stdout.write(f"Khóa bí mật dùng thử: {DEMO_TOTP_SECRET}")
        self.stdout.write(f"Mã hiện tại: {demo_code()}")
