from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest
from django.core.management import CommandError, call_command

from imports.extraction import ExtractionError, extract_bytes, readers, safety
from imports.testing import text_to_docx
from lib import uploads

REPORT = "Số: 12/BC-UBND\n\nBÁO CÁO\nKết quả năm 2024\n\nĐã kiểm tra 12 cơ sở."


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


def _error(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError) as caught:
        call_command("extract", str(path))
    return str(caught.value)


def _minimal_pdf(pages: int, text: bool = False) -> bytes:
    """A valid PDF with empty pages (optionally one word of text), written by hand."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>")
    for _ in range(pages):
        objs.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>")
    body, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(body))
        body += f"{i} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(body)
    body += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    body += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    body += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return body


def test_empty_file(tmp_path):
    assert "Tệp rỗng" in _error(tmp_path, "a.txt", b"")


def test_corrupt_docx(tmp_path):
    assert "bị hỏng" in _error(tmp_path, "a.docx", b"PK\x03\x04 not really a zip")


def test_encrypted_docx(tmp_path):
    data = uploads.OLE_MAGIC + b"\x00" * 100 + safety.ENCRYPTED_OOXML + b"\x00" * 100
    assert "mật khẩu" in _error(tmp_path, "a.docx", data)


def test_mislabelled_pdf_named_docx(tmp_path):
    assert "không phải tệp .docx" in _error(tmp_path, "a.docx", b"%PDF-1.4\n...")


def test_binary_named_txt(tmp_path):
    assert "nhị phân" in _error(tmp_path, "a.txt", _zip({"a.xml": b"<a/>"}))


def test_zip_bomb_disguised_as_docx(tmp_path):
    bomb = _zip({"word/document.xml": b"<w:document>" + b" " * 50_000_000 + b"</w:document>"})
    assert "bom nén" in _error(tmp_path, "a.docx", bomb)


def _replaced(docx: bytes, name: str, data: bytes) -> bytes:
    """The package with one part's bytes replaced (or added)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    return _zip({**entries, name: data})


# Both a part the text is read from and one nothing points to.
@pytest.mark.parametrize("part", ["word/document.xml", "customXml/evil.xml"])
def test_xml_entity_expansion(tmp_path, part):
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b"<lolz>&lol2;</lolz>"
    )
    patched = _replaced(text_to_docx(REPORT), part, evil)
    assert "ENTITY" in _error(tmp_path, "a.docx", patched)


def test_workbook_named_docx(tmp_path):
    """An Excel workbook is a zip too: its main part is no Word document."""
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    assert "không phải văn bản Word" in _error(tmp_path, "a.docx", out.getvalue())


def test_docx_whose_text_part_is_missing(tmp_path):
    docx = text_to_docx(REPORT)
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        entries = {i.filename: source.read(i) for i in source.infolist()}
    del entries["word/document.xml"]
    assert "bị hỏng" in _error(tmp_path, "a.docx", _zip(entries))


def test_docx_with_broken_xml(tmp_path):
    broken = _replaced(text_to_docx(REPORT), "word/document.xml", b"<w:document><w:body>")
    assert "bị hỏng" in _error(tmp_path, "a.docx", broken)


def test_pdf_over_the_page_limit(tmp_path):
    assert "vượt giới hạn 500 trang" in _error(tmp_path, "a.pdf", _minimal_pdf(501))


def test_scanned_pdf_without_text(tmp_path):
    assert "không có lớp chữ" in _error(tmp_path, "a.pdf", _minimal_pdf(2))


def test_corrupt_pdf(tmp_path):
    assert "PDF bị hỏng" in _error(tmp_path, "a.pdf", b"%PDF-1.4\n garbage")


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)
    assert "quá lớn" in _error(tmp_path, "a.txt", b"x" * 101)


def test_doc_without_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr(readers.shutil, "which", lambda name: None)
    assert "LibreOffice" in _error(tmp_path, "a.doc", uploads.OLE_MAGIC + b"\x00" * 600)


def test_unsupported_extension(tmp_path):
    assert "Không hỗ trợ định dạng .xlsx" in _error(tmp_path, "a.xlsx", b"data")


def test_missing_file():
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("extract", "/nonexistent/report.docx")


def test_api_raises_extraction_error_with_the_same_message():
    with pytest.raises(ExtractionError, match="Tệp rỗng"):
        extract_bytes(b"", "a.docx")


def test_command_line_exits_non_zero_without_traceback(tmp_path):
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"not a pdf")
    done = subprocess.run(
        [sys.executable, "-m", "tonghop.cli", "extract", str(path)], capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "không phải tệp .pdf" in done.stderr


def test_docx_with_a_corrupt_part_nothing_reads(tmp_path):
    """Deflate data broken in a part the text is not read from is still a clear refusal."""
    docx = io.BytesIO(text_to_docx(REPORT))
    with zipfile.ZipFile(docx, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("customXml/junk.xml", b"<a>" + b"x" * 5000 + b"</a>")
    data = bytearray(docx.getvalue())
    at = data.rfind(b"customXml/junk.xml", 0, data.find(b"PK\x01\x02"))  # the local header
    start = at + len(b"customXml/junk.xml")
    data[start : start + 4] = b"\xff" * 4  # the compressed bytes open with an invalid block
    assert "bị hỏng" in _error(tmp_path, "a.docx", bytes(data))
