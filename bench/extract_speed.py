"""Median extraction time per page for a 30-page report as .docx and .pdf, against plain reading.

Every page carries prose and a small data table, so the PDF table finder is measured too; each
page's counts differ (as a report's pages do), so that what the extractor remembers within one
document is not handed thirty copies of the same page.
Targets: a .docx in at most 1.5 times python-docx's reading, a text PDF in at most 5 ms a page.
Each run starts cold: the extractor's memos (indicators' lru_caches) are cleared before it,
untimed, so no run reuses what an earlier run of the same document worked out.

Run from the project root: .venv/bin/python bench/extract_speed.py
"""

from __future__ import annotations

import io
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonghop.settings")

PAGES = 30
RUNS = 15
PAGE_TEXT = """I. KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG MẠI DÂM
1. Công tác tuyên truyền
- Năm 2024 tổ chức 02 hội thi tìm hiểu pháp luật tại huyện Lục Ngạn, Sơn Động với hơn 500 người tham gia cổ vũ, lồng ghép 116 Hội nghị tuyên truyền, phổ biến pháp luật; 10 phóng sự, 10 bài, 12 tin qua Đài Phát thanh và Truyền hình tỉnh, phát hành 43.000 tờ rơi theo Kế hoạch số 21/KH-BCĐ ngày 07/02/2024 của Ban Chỉ đạo tỉnh.
- Phối hợp UBND các huyện tổ chức 4 hội nghị tập huấn tại 4 huyện và 01 hội nghị tại thành phố Bắc Giang với trên 540 lượt người có uy tín tham dự; in 2.500 cuốn sổ tay; tỷ lệ xã có hoạt động tuyên truyền thường xuyên đạt 72,5%.
2. Công tác kiểm tra
Đoàn kiểm tra liên ngành đã kiểm tra 164 lượt cơ sở kinh doanh dịch vụ, phát hiện 11 cơ sở vi phạm, xử phạt với tổng số tiền 187.500.000 đồng; khởi tố 07 vụ, 15 bị can; triệt xóa 05 tụ điểm; xử lý hành chính 38 đối tượng. Thực hiện Nghị định số 144/2021/NĐ-CP ngày 31/12/2021 của Chính phủ, nhất là Điều 25 và Điều 26, trong giai đoạn 2021 - 2025.
3. Hỗ trợ người bán dâm
Toàn tỉnh ước có khoảng 240 người bán dâm, trong đó 96 người có hồ sơ quản lý; hỗ trợ y tế cho 58 lượt người, trợ giúp pháp lý cho 17 người, học nghề cho 8 người, vay vốn 14 người với số tiền 560 triệu đồng; xét nghiệm HIV tự nguyện cho 73 người. Công tác phòng, chống mại dâm được các cấp ủy, chính quyền quan tâm; tình hình tệ nạn mại dâm trên địa bàn cơ bản được kiểm soát, không để phát sinh điểm nóng phức tạp.
"""
TABLE = [
    ("STT", "Nội dung", "Đơn vị tính", "Kết quả năm 2024"),
    ("1", "Cơ sở kinh doanh dịch vụ trên địa bàn", "cơ sở", "138"),
    ("2", "Lượt cơ sở được kiểm tra", "lượt cơ sở", "42"),
    ("3", "Cơ sở vi phạm bị xử phạt", "cơ sở", "9"),
    ("4", "Tiền phạt vi phạm hành chính", "đồng", "96.500.000"),
]


YEAR = re.compile(r"(?:19|20)\d\d")
COUNT = re.compile(r"(?<![\w/.,])(\d+)(?= [^\W\d])")  # "116 Hội nghị", "15 bị can"; not dates


def page_counts(text: str, page: int) -> str:
    """The page's own counts: each count followed by a word moved on by the page's number."""
    return COUNT.sub(
        lambda m: m.group(1) if YEAR.fullmatch(m.group(1)) else _plus(m.group(1), page), text
    )


def _plus(count: str, page: int) -> str:
    return str(int(count) + page) if count.isdigit() else count


def build_docx() -> bytes:
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "UBND TỈNH BẮC GIANG\nBAN DÂN TỘC\nSố: 123/BC-BDT"
    table.rows[0].cells[
        1
    ].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Giang, ngày 15 tháng 12 năm 2024"
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph("Kết quả công tác phòng, chống mại dâm năm 2024")
    for page in range(PAGES):
        for line in page_counts(PAGE_TEXT, page).strip().split("\n"):
            document.add_paragraph(line)
        table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
        for row, values in zip(table.rows, TABLE, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value if row is table.rows[0] else _plus(value, page)
        if page < PAGES - 1:
            document.add_page_break()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def forget_memos() -> None:
    """Clear what the extractor remembers between documents, as a fresh process would have."""
    from imports.extraction import indicators

    indicators._norm.cache_clear()
    indicators._unit_words.cache_clear()


def _seconds(fn: Callable[[], object], before: Callable[[], object] = lambda: None) -> float:
    before()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_ms(fn: Callable[[], object]) -> float:
    fn()  # warm caches and imports
    return statistics.median(_seconds(fn) for _ in range(RUNS)) * 1000


def cpu_median_ms(fn: Callable[[], object]) -> float:
    """The median CPU time of a cold run: what the machine's other load does not inflate."""
    times = []
    for _ in range(RUNS):
        forget_memos()
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def paired_ms(
    baseline: Callable[[], object], fn: Callable[[], object]
) -> tuple[float, float, float]:
    """Medians of both and the median of their ratio, run in turn so that the machine's drift
    touches both alike; the extraction starts cold each time (forget_memos)."""
    baseline(), fn()  # imports, and the catalogue's defaults loaded once as in a server
    pairs = [(_seconds(baseline), _seconds(fn, forget_memos)) for _ in range(RUNS)]
    return (
        statistics.median(b for b, _ in pairs) * 1000,
        statistics.median(f for _, f in pairs) * 1000,
        statistics.median(f / b for b, f in pairs),
    )


def read_docx_python_docx(data: bytes) -> str:
    """The text as python-docx's documented API gives it: paragraphs and table cells in order."""
    from docx import Document
    from docx.table import Table

    document = Document(io.BytesIO(data))
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += [" | ".join(cell.text for cell in row.cells) for row in block.rows]
        else:
            lines.append(block.text)
    return "\n".join(lines)


def read_docx_paragraphs(data: bytes) -> str:
    """Paragraphs only: the tables' text is left out, so this is less than reading the text."""
    from docx import Document

    document = Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def read_pdf_pdfium(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_bounded() for page in pdf)
    finally:
        pdf.close()


def read_pdf_pdfplumber(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def main() -> int:
    import django

    django.setup()
    from imports.extraction import extract_bytes
    from imports.testing import docx_to_pdf

    docx = build_docx()
    pdf = docx_to_pdf(docx)
    rows = [("docx", "python-docx", docx, read_docx_python_docx)]
    if pdf is not None:
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(pdf))
        print(f"PDF built by LibreOffice: {pages} pages")
        rows.append(("pdf", "pypdfium2", pdf, read_pdf_pdfium))
    else:
        print("LibreOffice not installed: PDF skipped")
    for ext, library, data, reader in rows:
        pages = PAGES if ext == "docx" else len(pdfium.PdfDocument(data))
        read_ms, extract_ms, ratio = paired_ms(
            lambda d=data, r=reader: r(d), lambda d=data, e=ext: extract_bytes(d, f"report.{e}")
        )
        cpu_ms = cpu_median_ms(lambda d=data, e=ext: extract_bytes(d, f"report.{e}"))
        target = "target ≤ 1.5x" if ext == "docx" else "target ≤ 5 ms/page"
        print(
            f".{ext}: extraction {extract_ms / pages:.1f} ms/page (median of {RUNS}, cold memos; "
            f"{cpu_ms / pages:.1f} ms/page of CPU), reading with {library} "
            f"{read_ms / pages:.1f} ms/page, ratio {ratio:.2f}x ({target})"
        )
    paragraphs_ms = median_ms(lambda: read_docx_paragraphs(docx))
    print(
        f".docx: reading the paragraphs alone (tables left out) {paragraphs_ms / PAGES:.1f} ms/page"
    )
    if pdf is not None:
        plumber_ms = median_ms(lambda: read_pdf_pdfplumber(pdf))
        print(
            f".pdf: reading with pdfplumber {plumber_ms / pages:.1f} ms/page (why pypdfium2 reads PDFs)"
        )
    print(scan_seconds())
    return 0


def scan_seconds() -> str:
    """OCR's seconds per page and its ratio to plain Tesseract, from bench/extract_scans.py."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "extract_scans.py"), "--documents", "2"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("seconds per page")]
    return f"scans: {lines[-1]}" if lines else f"scans: not measured ({done.stderr.strip()[-200:]})"


if __name__ == "__main__":
    sys.exit(main())
