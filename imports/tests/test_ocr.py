"""Scans (photos, scanned pages, PDFs without a text layer) are read through Tesseract."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from imports.checks import ocr_installed
from imports.extraction import ExtractionError, extract_bytes, extract_text
from imports.extraction import ocr as ocr_module
from imports.extraction.sandbox import Limits, extract_isolated

FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
needs_tesseract = pytest.mark.skipif(
    bool(ocr_module.missing_packages()) or not FONT.exists(),
    reason="Tesseract with its Vietnamese model (tesseract-ocr-vie) or fonts-liberation2 missing",
)

REPORT = [
    "Số: 27/BC-UBND",
    "BÁO CÁO",
    "Kết quả công tác phòng, chống mại dâm năm 2024",
    "I. KẾT QUẢ",
    "Trong năm 2024, lực lượng chức năng đã kiểm tra 138 cơ sở",
    "kinh doanh dịch vụ nhạy cảm, tổ chức 45 buổi tuyên truyền cho",
    "3.200 lượt người tại các xã biên giới.",
]
TABLE = [
    ["STT", "Nội dung", "Đơn vị tính", "Năm 2024"],
    ["1", "Số cơ sở được kiểm tra", "cơ sở", "256"],
    ["2", "Số buổi tuyên truyền", "buổi", "71"],
    ["3", "Số người được tập huấn", "người", "1.450"],
]
COLUMNS = [0, 160, 1000, 1380, 1760]  # the table's rules, in pixels from its left


def _font() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), 50)  # 12 pt at 300 dpi


def _page(lines: list[str], table: list[list[str]] | None = None) -> Image.Image:
    """A white A4 page at 300 dpi with the lines of text and, under them, a ruled table."""
    page = Image.new("RGB", (2480, 3508), "white")
    draw = ImageDraw.Draw(page)
    y = 250
    for line in lines:
        draw.text((200, y), line, font=_font(), fill="black")
        y += 80
    if table:
        _ruled_table(draw, table, (200, y + 60))
    return page


def _ruled_table(draw: ImageDraw.ImageDraw, rows: list[list[str]], origin: tuple[int, int]):
    left, top = origin
    height = 90
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            draw.text(
                (left + COLUMNS[c] + 20, top + r * height + 18), cell, font=_font(), fill="black"
            )
    for r in range(len(rows) + 1):
        y = top + r * height
        draw.line((left, y, left + COLUMNS[-1], y), fill="black", width=3)
    for x in COLUMNS:
        draw.line((left + x, top, left + x, top + len(rows) * height), fill="black", width=3)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _values(result: dict) -> set:
    return {fig["value"] for fig in result["figures"]}


@needs_tesseract
@pytest.mark.parametrize("turn", [90, 180])
def test_a_turned_and_skewed_page_reads_back_its_figures(turn):
    scanned = _page(REPORT).rotate(
        turn + 2, Image.Resampling.BICUBIC, expand=True, fillcolor="white"
    )
    result = extract_bytes(_png(scanned), "anh-chup.png")
    assert {138, 45, 3200} <= _values(result)
    assert result["number"] == "27" and result["doc_type"] == "BC"
    assert result["ocr"]["pages"] == 1


@needs_tesseract
def test_a_ruled_table_gives_the_figures_of_its_cells():
    as_text = extract_text(
        "\n".join(["Số: 27/BC-UBND", "BÁO CÁO", "Kết quả năm 2024", ""])
        + "\n".join("| " + " | ".join(row) + " |" for row in TABLE)
    )
    result = extract_bytes(_png(_page(REPORT[:3], TABLE)), "bang.jpg")
    # Tesseract may read a short cell in capitals ("CƠ SỞ"); the corpus scorer forgives it too
    table = {(f["value"], f["unit"].lower()) for f in result["figures"] if "|" in f["quote"]}
    assert (
        table
        == {(f["value"], f["unit"]) for f in as_text["figures"]}
        == {
            (256, "cơ sở"),
            (71, "buổi"),
            (1450, "người"),
        }
    )


@needs_tesseract
def test_a_pdf_of_scanned_pages_is_read_through_ocr_within_its_page_budget():
    pages = [_page(REPORT), _page(REPORT[:3], TABLE)]
    pdf = io.BytesIO()
    pages[0].convert("L").save(
        pdf, "PDF", save_all=True, append_images=[pages[1].convert("L")], resolution=300
    )
    # five seconds would not read two pages; each page of OCR adds its own budget
    _, result = extract_isolated(pdf.getvalue(), "ban-quet.pdf", None, Limits(seconds=5))
    assert {138, 45, 3200, 256, 71, 1450} <= _values(result)
    assert result["ocr"]["pages"] == 2
    assert 50 < result["ocr"]["mean_confidence"] <= 100
    assert all(0 <= fig["ocr_confidence"] <= 100 for fig in result["figures"])


@needs_tesseract
def test_a_multi_page_tiff_is_read_page_by_page():
    pages = [_page(REPORT).convert("L"), _page(REPORT[:3], TABLE).convert("L")]
    tiff = io.BytesIO()
    pages[0].save(tiff, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw")
    result = extract_bytes(tiff.getvalue(), "ban-quet.tiff")
    assert {138, 45, 3200, 256, 71, 1450} <= _values(result)
    assert result["ocr"]["pages"] == 2


def test_a_text_document_says_nothing_of_ocr():
    result = extract_bytes("\n".join(REPORT).encode(), "bao-cao.txt")
    assert "ocr" not in result
    assert not any("ocr_confidence" in fig for fig in result["figures"])


@pytest.fixture
def without_tesseract(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    ocr_module.missing_packages.cache_clear()
    yield
    ocr_module.missing_packages.cache_clear()


def test_without_tesseract_a_scan_is_refused_naming_the_packages(without_tesseract):
    with pytest.raises(ExtractionError) as refused:
        extract_bytes(_png(Image.new("L", (400, 300), "white")), "anh.png")
    assert "chưa cài phần mềm nhận dạng chữ (OCR)" in str(refused.value)
    assert "tesseract-ocr và tesseract-ocr-vie" in str(refused.value)
    assert extract_bytes("\n".join(REPORT).encode(), "bao-cao.txt")["figures"]


def test_without_tesseract_the_system_check_says_what_to_install(without_tesseract):
    (warning,) = ocr_installed()
    assert warning.id == "imports.W001"
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in warning.hint
