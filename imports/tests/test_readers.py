from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from imports.extraction import extract_bytes, extract_path
from imports.testing import DEV, docx_to_pdf, text_to_docx

TABLE_REPORT = DEV / "bc-phong-vhtt-quan-ngo-quyen-bang-2024.txt"
PROSE_REPORT = DEV / "bc-ubnd-huyen-luc-nam-2024.txt"


def _labels(path):
    return json.loads(path.with_suffix("").with_suffix(".labels.json").read_text(encoding="utf-8"))


def _figures(result):
    return sorted((f["value"], f["qualifier"]) for f in result["figures"])


def test_docx_with_layout_table_and_data_table_reads_like_the_text():
    labels = json.loads((DEV / "bc-phong-vhtt-quan-ngo-quyen-bang-2024.labels.json").read_text())
    got = extract_bytes(text_to_docx(TABLE_REPORT.read_text(encoding="utf-8")), "report.docx")
    assert _figures(got) == sorted((f["value"], f["qualifier"]) for f in labels["figures"])
    for field in (
        "number",
        "symbol",
        "place",
        "date",
        "title",
        "signer_title",
        "signer_name",
        "recipients",
    ):
        assert got[field] == labels[field], field
    assert labels["issuer"] in got["issuer"]


def test_pdf_with_a_text_layer():
    pdf = docx_to_pdf(text_to_docx(PROSE_REPORT.read_text(encoding="utf-8")))
    if pdf is None:
        pytest.skip("LibreOffice is not installed: cannot build a PDF")
    labels = json.loads((DEV / "bc-ubnd-huyen-luc-nam-2024.labels.json").read_text())
    got = extract_bytes(pdf, "report.pdf")
    assert _figures(got) == sorted((f["value"], f["qualifier"]) for f in labels["figures"])
    assert (got["number"], got["date"], got["signer_name"]) == (
        "412",
        "2024-12-10",
        "Nguyễn Văn Thành",
    )


def test_markdown_and_utf16_text(tmp_path):
    text = "Đã kiểm tra 12 cơ sở."
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-16")
    assert extract_path(tmp_path / "a.md")["figures"][0]["value"] == 12
    assert extract_path(tmp_path / "b.txt")["figures"][0]["value"] == 12


def test_stdin_and_text_format(capsys, monkeypatch):
    import io
    import sys

    data = PROSE_REPORT.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    call_command("extract", "-")
    assert json.loads(capsys.readouterr().out)["number"] == "412"
    call_command("extract", str(PROSE_REPORT), "--format", "text")
    assert "Số liệu (14)" in capsys.readouterr().out


def test_folder_prints_one_json_line_per_file(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Đã kiểm tra 12 cơ sở.", encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(text_to_docx(PROSE_REPORT.read_text(encoding="utf-8")))
    call_command("extract", str(tmp_path))
    out = capsys.readouterr()
    rows = [json.loads(line) for line in out.out.strip().split("\n")]
    assert [r["file"] for r in rows] == ["a.txt", "b.docx"]
    assert rows[1]["number"] == "412"


def test_a_pdf_pages_number_is_no_figure():
    from imports.extraction.readers import without_page_number

    assert without_page_number("2\r\nBảng 1. Kết quả\r\n") == "Bảng 1. Kết quả\n"
    assert without_page_number("đã kiểm tra\n12 cơ sở\n\n- 3 -\n") == "đã kiểm tra\n12 cơ sở\n\n"
    assert without_page_number("Trang 4/9\nnội dung") == "nội dung"
    # A number that carries its noun stays, at the top or the bottom of the page.
    assert without_page_number("12 cơ sở\nkhác\n15") == "12 cơ sở\nkhác"
