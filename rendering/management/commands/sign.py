from __future__ import annotations

import getpass
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rendering.signing import SigningError, sign_pdf


class Command(BaseCommand):
    help = "Ký số tệp PDF (chuẩn PAdES) bằng chứng thư số trong tệp PKCS#12 (.p12, .pfx)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="Tệp PDF cần ký.")
        parser.add_argument("--p12", type=Path, required=True, help="Tệp chứng thư số PKCS#12.")
        parser.add_argument(
            "--passphrase-env",
            metavar="BIẾN",
            help="Tên biến môi trường chứa mật khẩu của tệp chứng thư số (nếu không có sẽ hỏi).",
        )
        parser.add_argument("--reason", default="Ký ban hành văn bản", help="Lý do ký.")
        parser.add_argument("--location", default="", help="Nơi ký, ví dụ: Bắc Giang.")
        parser.add_argument(
            "-o", "--output", type=Path, help="Tệp PDF đã ký (mặc định: <tên tệp>-da-ky.pdf)."
        )

    def handle(self, *args, file: Path, p12: Path, passphrase_env: str | None, **options) -> None:
        output = options["output"] or file.with_name(f"{file.stem}-da-ky.pdf")
        if passphrase_env:
            if passphrase_env not in os.environ:
                raise CommandError(f"Chưa đặt biến môi trường {passphrase_env}.")
            passphrase = os.environ[passphrase_env]
        else:
            passphrase = getpass.getpass("Mật khẩu tệp chứng thư số: ")
        try:
            pdf, certificate = file.read_bytes(), p12.read_bytes()
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {error.filename}.") from error
        try:
            signed = sign_pdf(
                pdf, certificate, passphrase, reason=options["reason"], location=options["location"]
            )
        except SigningError as error:
            raise CommandError(str(error)) from error
        output.write_bytes(signed)
        self.stdout.write(f"Đã ký số: {output}")
