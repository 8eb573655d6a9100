from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from places.loader import PROVINCES_OLD_TO_NEW, load_units


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính trước và sau 01/7/2025 (chạy lại nhiều lần được)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--old-province",
            type=int,
            action="append",
            metavar="MÃ",
            help="Chỉ nạp tỉnh cũ có mã này (ví dụ 24 = Bắc Giang) và các tỉnh mới kế thừa.",
        )

    def handle(self, *args, old_province=None, **options):
        wanted = set(old_province) if old_province else None
        unknown = sorted((wanted or set()) - set(PROVINCES_OLD_TO_NEW))
        if unknown:
            raise CommandError(f"Không có tỉnh (trước 01/7/2025) mang mã {unknown[0]}.")
        counts = load_units(wanted)
        self.stdout.write(
            "Đã nạp đơn vị hành chính: {units_created} đơn vị mới, {units_updated} đơn vị cập nhật, "
            "{successions_created} quan hệ kế thừa mới.".format(**counts)
        )
