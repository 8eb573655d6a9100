from __future__ import annotations

import shutil
import subprocess

import pytest

from rendering.charts import Series, indicator_chart
from rendering.docx_writer import render_docx
from rendering.pdf import PdfConversionError, docx_to_pdf, soffice_binary
from rendering.testing import with_everything

needs_soffice = pytest.mark.skipif(
    soffice_binary() is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) or poppler-utils (pdftoppm) is not installed",
)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    chart = indicator_chart(
        [Series("Hội nghị tuyên truyền", {2022: 98, 2023: 116}), Series("Lớp tập huấn", {2023: 5})]
    )
    data = docx_to_pdf(render_docx(with_everything(chart)))
    path = tmp_path_factory.mktemp("pdf") / "bao-cao.pdf"
    path.write_bytes(data)
    return path


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _page_text(pdf, page: int) -> str:
    return _run("pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-")


@needs_soffice
def test_pdf_pages_and_numbering(pdf):
    info = dict(
        line.split(":", 1) for line in _run("pdfinfo", str(pdf)).splitlines() if ":" in line
    )
    pages = int(info["Pages"])
    assert pages >= 4  # report pages, then a landscape annex
    first = _page_text(pdf, 1)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Bắc Giang, ngày 05 tháng 01 năm 2024" in first
    assert first.strip().splitlines()[0].split()[0] != "1"  # no number on the first page
    assert _page_text(pdf, 2).strip().splitlines()[0].strip() == "2"
    assert "Kèm theo Báo cáo số 05/BC-BDT" in _page_text(pdf, pages)


@needs_soffice
def test_pdf_uses_one_serif_family_for_every_vietnamese_letter(pdf):
    fonts = [line.split()[0].split("+")[-1] for line in _run("pdffonts", str(pdf)).splitlines()[2:]]
    assert fonts and all(f.startswith(("TimesNewRoman", "LiberationSerif")) for f in fonts), fonts


@needs_soffice
def test_first_page_renders_to_png(pdf, tmp_path):
    _run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "trang"))
    (png,) = tmp_path.glob("trang*.png")
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 10_000


def test_missing_libreoffice_is_reported_in_vietnamese(settings):
    settings.TONGHOP_SOFFICE = "/khong/co/soffice"
    with pytest.raises(PdfConversionError, match="Chưa cài LibreOffice"):
        docx_to_pdf(b"")
