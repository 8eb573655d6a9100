from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

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
