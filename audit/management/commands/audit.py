from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from audit.anchors import anchor, anchor_file
from audit.verify import verify


class Command(BaseCommand):
    help = (
        "Nhật ký thay đổi: `tonghop audit verify` kiểm tra các chuỗi băm, các neo đã ký và số "
        "liệu đang lưu so với nhật ký; `tonghop audit anchor` neo ngay đầu các chuỗi."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            choices=["verify", "anchor"],
            help="verify: kiểm tra toàn bộ nhật ký; anchor: ghi neo mới vào tệp neo",
        )
        parser.add_argument(
            "--expect-head",
            default="",
            metavar="MÃ_BĂM",
            help="Mã băm neo đã ghi lại ở nơi khác: kiểm tra thêm rằng neo này vẫn còn.",
        )

    def handle(self, *args, action, expect_head="", **options):
        if action == "anchor":
            entry = anchor()
            if entry is None:
                self.stdout.write("Không có bản ghi mới cần neo.")
            else:
                self.stdout.write(
                    f"Đã ghi neo số {entry.seq} ({len(entry.heads)} phạm vi) vào {anchor_file()}. "
                    f"Mã băm neo: {entry.hash}"
                )
            return
        report = verify(expect_head)
        if not report.intact:
            raise CommandError(
                "Nhật ký đã bị can thiệp:\n" + "\n".join(f"- {p}" for p in report.problems)
            )
        entry = anchor()
        last = entry.hash if entry else report.last_anchor
        self.stdout.write(
            f"Nhật ký nguyên vẹn: {report.records} bản ghi trong {report.scopes} phạm vi, "
            f"khớp với {report.anchors} neo đã ký trong {anchor_file()}; số liệu đang lưu khớp "
            f"với nhật ký.\nMã băm neo cuối: {last}"
        )
