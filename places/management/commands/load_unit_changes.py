from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from places.changes import UnitChangeError, bundled_change_lists, load_unit_changes


class Command(BaseCommand):
    help = (
        "Nạp danh sách thay đổi đơn vị hành chính theo nghị quyết (tệp CSV), chạy lại nhiều lần "
        "được."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="*",
            metavar="TỆP",
            help="Tệp CSV (resolution,signed,effective,kind,level,old_unit,new_unit,source); "
            "không ghi tệp nào thì nạp các tệp có sẵn trong places/data/changes/.",
        )

    def handle(self, *args, files=(), **options):
        for path in files or bundled_change_lists():
            try:
                counts = load_unit_changes(path)
            except UnitChangeError as error:
                raise CommandError(f"{path}: {error} Chưa lưu thay đổi nào của tệp này.") from None
            self.stdout.write(
                f"{path}: {counts['changes']} thay đổi, {counts['units_created']} đơn vị cũ được "
                f"tạo, {counts['successions_created']} quan hệ kế thừa mới."
            )
