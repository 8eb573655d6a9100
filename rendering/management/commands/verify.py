from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rendering.signing import SigningError, verify_pdf


class Command(BaseCommand):
    help = "Kiểm tra chữ ký số của tệp PDF: chữ ký hợp lệ, văn bản còn nguyên vẹn, người ký."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="Tệp PDF đã ký.")
        parser.add_argument(
            "--trust",
            type=Path,
            action="append",
            default=[],
            help="Chứng thư của tổ chức cung cấp dịch vụ chứng thực tin cậy (PEM/DER), lặp lại được.",
        )

    def handle(self, *args, file: Path, trust: list[Path], **options) -> None:
        try:
            checks = verify_pdf(file.read_bytes(), tuple(path.read_bytes() for path in trust))
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {error.filename}.") from error
        except SigningError as error:
            raise CommandError(str(error)) from error
        for check in checks:
            self.stdout.write(check.message())
        if not all(check.ok for check in checks):
            raise CommandError("Chữ ký số không hợp lệ hoặc văn bản đã bị thay đổi.")
        if trust and not all(check.trusted for check in checks):
            raise CommandError("Chứng thư số của người ký không thuộc tổ chức tin cậy đã chỉ định.")
