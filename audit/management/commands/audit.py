from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from audit.log import verify_chain


class Command(BaseCommand):
    help = "Nhật ký thay đổi: `tonghop audit verify` kiểm tra chuỗi băm (sửa, xóa, đảo thứ tự bản ghi)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"], help="verify: kiểm tra toàn bộ chuỗi")
        parser.add_argument(
            "--expect-head",
            default="",
            metavar="MÃ_BĂM",
            help="Mã băm cuối chuỗi đã ghi lại lần kiểm tra trước: phát hiện bản ghi bị cắt bỏ ở cuối.",
        )

    def handle(self, *args, action, expect_head="", **options):
        report = verify_chain(expect_head)
        if report.broken_at is not None:
            entry = report.broken_at
            raise CommandError(
                f"Nhật ký đã bị can thiệp: bản ghi số {entry.pk} ({entry.at:%H:%M %d/%m/%Y}, "
                f"{entry.action} {entry.object_repr}) không khớp với chuỗi băm sau "
                f"{report.count} bản ghi hợp lệ."
            )
        if report.expected_head_missing:
            raise CommandError(
                f"Nhật ký đã bị can thiệp: không còn bản ghi có mã băm {expect_head}; "
                f"chuỗi hiện chỉ có {report.count} bản ghi."
            )
        self.stdout.write(
            f"Nhật ký nguyên vẹn: {report.count} bản ghi. Mã băm cuối chuỗi: {report.head}\n"
            "Ghi lại mã này để lần sau kiểm tra bằng --expect-head."
        )
