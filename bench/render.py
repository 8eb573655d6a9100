"""Time the document engine on a compiled-report-sized document: 60 agencies, a 60 x 30 annex.

Run: .venv/bin/python bench/render.py [--runs 7] [--pdf-runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

AGENCIES = 60
INDICATORS = 30
NARRATIVE = (
    "Trong năm, đơn vị đã phối hợp tổ chức {n} hội nghị tuyên truyền, phổ biến, giáo dục pháp luật "
    "về phòng, chống mại dâm với trên {people} lượt người tham dự; phát hành {leaflets} tờ rơi, tờ "
    "gấp; lồng ghép nội dung phòng, chống mại dâm với phòng, chống ma túy, mua bán người và "
    "HIV/AIDS tại các xã, thôn, bản vùng đồng bào dân tộc thiểu số và miền núi."
)


def compiled_report():
    """A province's compiled report: a section per agency and the annex of every figure."""
    from lib.vnformat import format_number
    from rendering.spec import (
        Annex,
        Bullet,
        DocDate,
        DocumentSpec,
        Heading,
        Paragraph,
        Signer,
        Table,
    )

    body = [Heading("Kết quả công tác phòng, chống mại dâm của các sở, ban, ngành, địa phương")]
    for agency in range(1, AGENCIES + 1):
        text = NARRATIVE.format(
            n=agency % 17 + 2, people=agency * 37, leaflets=format_number(agency * 850)
        )
        body += [
            Heading(f"Cơ quan, đơn vị số {agency}", level=2),
            Paragraph(text),
            Paragraph(text),
            Bullet("Tồn tại, hạn chế: kinh phí còn hạn chế, chủ yếu thực hiện lồng ghép."),
            Paragraph(text),
        ]
    annex = Table(
        columns=("Cơ quan, đơn vị", *(f"Chỉ tiêu {i}" for i in range(1, INDICATORS + 1))),
        rows=tuple(
            (f"Đơn vị {a}", *(a * 13 + i * 7 for i in range(1, INDICATORS + 1)))
            for a in range(1, AGENCIES + 1)
        ),
        total=(
            "Tổng cộng",
            *(
                sum(a * 13 + i * 7 for a in range(1, AGENCIES + 1))
                for i in range(1, INDICATORS + 1)
            ),
        ),
    )
    return DocumentSpec(
        parent_agency="Ủy ban nhân dân tỉnh Bắc Giang",
        agency="Sở Y tế",
        number=None,
        symbol="BC-SYT",
        place="Bắc Giang",
        date=DocDate(2025, 12),
        title="Kết quả công tác phòng, chống mại dâm năm 2025",
        legal_bases=("Quyết định số 1629/QĐ-TTg ngày 28/9/2021 của Thủ tướng Chính phủ",),
        body=tuple(body),
        closing="Trên đây là báo cáo kết quả công tác phòng, chống mại dâm năm 2025",
        recipients=("Bộ Y tế", "Ủy ban nhân dân tỉnh"),
        archive_unit="PCTNXH",
        signer=Signer(position="Giám đốc", name="Nguyễn Văn An"),
        annexes=(
            Annex(
                title="Phụ lục",
                subtitle="SỐ LIỆU CÁC CƠ QUAN, ĐƠN VỊ",
                blocks=(annex,),
                landscape=True,
            ),
        ),
    )


def median_seconds(action: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pdf-runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonghop.settings")
    import django

    django.setup()
    from rendering.docx_writer import render_docx
    from rendering.pdf import docx_to_pdf, soffice_binary

    spec = compiled_report()
    render_docx(spec)  # warm-up: imports, template cache
    docx_time = median_seconds(lambda: render_docx(spec), args.runs)
    data = render_docx(spec)
    print(f"docx: median {docx_time:.3f} s over {args.runs} runs ({len(data) / 1024:.0f} KiB)")
    if soffice_binary() is None:
        print("pdf: skipped, LibreOffice (soffice) is not installed")
        return
    pdf_time = median_seconds(lambda: docx_to_pdf(data), args.pdf_runs)
    print(
        f"pdf:  median {pdf_time:.3f} s over {args.pdf_runs} runs (LibreOffice, fresh profile each)"
    )


if __name__ == "__main__":
    main()
