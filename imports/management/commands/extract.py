"""`tonghop extract FILE`: print what a report says as one JSON object (a folder: one per line)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from imports.extraction import ExtractionError, extract_bytes, extract_path
from lib.uploads import MAX_BYTES, sniff

STDIN_NAMES = {"pdf": "stdin.pdf", "zip": "stdin.docx", "ole": "stdin.doc", "text": "stdin.txt"}


def as_text(result: dict) -> str:
    """A short Vietnamese summary for reading in a terminal."""
    date = result["date"] or "/".join(str(v or "__") for v in result["date_partial"].values())
    lines = [
        f"Loại văn bản: {result['doc_type'] or '—'}   Số: {result['number'] or '—'}/{result['symbol'] or ''}",
        f"Cơ quan ban hành: {result['issuer'] or '—'}",
        f"Nơi, ngày: {result['place'] or '—'}, {date}",
        f"Trích yếu: {result['title'] or '—'}",
        f"Kỳ báo cáo: {result['period'] or '—'}",
        f"Người ký: {result['signer_title'] or '—'} {result['signer_name'] or ''}".rstrip(),
        f"Văn bản được dẫn: {len(result['referenced_documents'])}",
        f"Số liệu ({len(result['figures'])}):",
    ]
    for fig in result["figures"]:
        code = f" [{fig['indicator']}]" if fig["indicator"] else ""
        lines.append(
            f"  - {fig['value']} {fig['unit']} ({fig['qualifier']}){code}: “{fig['quote']}”"
        )
    lines += [f"Cảnh báo: {w}" for w in result["warnings"]]
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Trích xuất thông tin và số liệu từ văn bản báo cáo (.docx, .pdf, .txt, .md, .doc, .odt)."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="Tệp hoặc thư mục cần trích xuất; '-' để đọc từ đầu vào chuẩn."
        )
        parser.add_argument(
            "--format", choices=["json", "text"], default="json", help="Dạng kết quả."
        )

    def handle(self, *args, **options):
        path, fmt = options["path"], options["format"]
        try:
            if path == "-":
                data = sys.stdin.buffer.read(MAX_BYTES + 1)
                self.emit(extract_bytes(data, STDIN_NAMES[sniff(data)]), fmt)
            elif Path(path).is_dir():
                self.extract_folder(Path(path), fmt)
            else:
                self.emit(extract_path(path), fmt)
        except ExtractionError as e:
            raise CommandError(str(e)) from None
        except MemoryError:
            raise CommandError("Tệp quá lớn để xử lý trong bộ nhớ.") from None

    def emit(self, result: dict, fmt: str, one_line: bool = False) -> None:
        if fmt == "text":
            self.stdout.write(as_text(result))
        else:
            self.stdout.write(
                json.dumps(result, ensure_ascii=False, indent=None if one_line else 2)
            )

    def extract_folder(self, folder: Path, fmt: str) -> None:
        from tqdm import tqdm

        files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
        failed = 0
        for file in tqdm(files, desc="Trích xuất", unit="tệp", file=sys.stderr):
            try:
                result = {"file": file.name, **extract_path(file)}
            except ExtractionError as e:
                failed += 1
                result = {"file": file.name, "error": str(e)}
                if fmt == "text":
                    self.stderr.write(f"{file.name}: {e}")
                    continue
            if fmt == "text":
                self.stdout.write(f"=== {file.name}\n{as_text(result)}\n")
            else:
                self.emit(result, fmt, one_line=True)
        if failed:
            raise CommandError(f"{failed}/{len(files)} tệp không trích xuất được.")
