from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from rendering.docx_writer.template import DEFAULT_TEMPLATE, build_template


class Command(BaseCommand):
    help = (
        "Tạo mẫu .docx gốc theo Nghị định 30/2020/NĐ-CP (khổ giấy, lề, kiểu chữ) để tỉnh chỉnh sửa "
        "rồi khai báo trong TONGHOP_DOCX_TEMPLATE."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            default=DEFAULT_TEMPLATE,
            help="Tệp mẫu cần ghi (mặc định: mẫu gốc của tonghop).",
        )

    def handle(self, *args, output: Path, **options) -> None:
        output.parent.mkdir(parents=True, exist_ok=True)
        build_template().save(str(output))
        self.stdout.write(f"Đã ghi mẫu văn bản: {output}")
