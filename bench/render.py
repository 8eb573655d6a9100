"""Time the document engine on a compiled-report-sized document: 60 agencies, a 60 x 30 annex.

Then the compiled report of a round of 60 agencies built from the database (a throwaway SQLite
database with values, locality breakdowns and narratives): figures, spec, .docx and PDF.

Then the same document through its page, as the PDF link now works: the request's own time
(enqueue and redirect) and the background task's (run by django-tasks-db's worker in this
process: figures, spec and .docx, then the conversion), beside the synchronous path of before.

Run: .venv/bin/python bench/render.py [--runs 7] [--pdf-runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
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
    from lib.vndates import PartialDate
    from lib.vnformat import format_number
    from rendering.spec import (
        Annex,
        Bullet,
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
        date=PartialDate(2025, 12),
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


def populate_round(agencies: int = AGENCIES):
    """A province, a round of `agencies` accepted reports over two years, and its outline."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from accounts.testing import make_agency, make_unit, make_year
    from catalogue.defaults import load_default_catalogue
    from catalogue.models import Indicator, ValueType
    from places.models import Level
    from rounds.models import (
        DataValue,
        Narrative,
        Report,
        ReportStatus,
        Round,
        RoundIndicator,
        Section,
    )

    load_default_catalogue()
    province = make_unit(Level.PROVINCE, "Bắc Giang", code="24")
    districts = [make_unit(Level.DISTRICT, f"Huyện {n}", province) for n in range(1, 11)]
    coordinator = make_agency("SYT", "Sở Y tế", province)
    members = [make_agency(f"CQ{n}", f"Cơ quan số {n}", province) for n in range(1, agencies + 1)]
    indicators = list(Indicator.objects.order_by("pk")[:25])
    rounds = []
    for year in (2022, 2023):
        round_ = Round.objects.create(
            name=f"Báo cáo kết quả công tác phòng, chống mại dâm năm {year}",
            coordinator=coordinator,
            period=make_year(year),
            deadline=timezone.make_aware(dt.datetime(year, 12, 15, 17)),
        )
        RoundIndicator.objects.bulk_create(
            RoundIndicator(round=round_, indicator=i, order=n, by_locality=n < 3)
            for n, i in enumerate(indicators)
        )
        top = Section.objects.create(round=round_, label="I", title="KẾT QUẢ", order=1)
        sections = [top] + [
            Section.objects.create(round=round_, parent=top, label=str(n), title=title, order=n + 1)
            for n, title in enumerate(("Công tác chỉ đạo", "Công tác tuyên truyền"), start=1)
        ]
        values, narratives = [], []
        for a, agency in enumerate(members, start=1):
            report = Report.objects.create(
                round=round_, agency=agency, status=ReportStatus.ACCEPTED
            )
            for n, indicator in enumerate(indicators):
                amount = 90 if indicator.value_type == ValueType.PERCENT else a * 13 + n * 7 + year
                values.append(
                    DataValue(
                        indicator=indicator,
                        agency=agency,
                        place=province,
                        period=round_.period,
                        value=Decimal(amount),
                        report=report,
                    )
                )
                if n < 3:
                    values += [
                        DataValue(
                            indicator=indicator,
                            agency=agency,
                            place=d,
                            period=round_.period,
                            value=Decimal(amount // 2),
                            report=report,
                        )
                        for d in districts[a % 9 : a % 9 + 2]
                    ]
            text = NARRATIVE.format(n=a % 17 + 2, people=a * 37, leaflets=a * 850)
            narratives += [Narrative(report=report, section=s, text=text) for s in sections[1:]]
        DataValue.objects.bulk_create(values)
        Narrative.objects.bulk_create(narratives)
        rounds.append(round_)
    return rounds[-1]


def bench_database(runs: int, pdf_runs: int) -> None:
    from django.core.management import call_command

    from rendering.builders import compiled_report
    from rendering.docx_writer import render_docx
    from rendering.figures import document_figures
    from rendering.pdf import docx_to_pdf, soffice_binary

    call_command("migrate", verbosity=0)
    round_ = populate_round()

    def build():
        return render_docx(compiled_report(round_))

    data = build()  # warm-up: the unit map, imports
    figures = median_seconds(lambda: document_figures(round_), runs)
    total = median_seconds(build, runs)
    print(
        f"database, {AGENCIES} agencies: figures median {figures:.3f} s; figures + spec + docx "
        f"median {total:.3f} s over {runs} runs ({len(data) / 1024:.0f} KiB)"
    )
    if soffice_binary() is not None:
        pdf_time = median_seconds(lambda: docx_to_pdf(build()), pdf_runs)
        print(f"database, {AGENCIES} agencies: pdf median {pdf_time:.3f} s over {pdf_runs} runs")
    bench_background(round_, runs, pdf_runs)


def bench_background(round_, runs: int, pdf_runs: int) -> None:
    """The request against the task, both medians, and the ratio to the synchronous PDF."""
    from django.test import Client
    from django.urls import reverse

    from accounts.models import Role
    from accounts.testing import login_verified, make_user
    from rendering.builders import compiled_report
    from rendering.docx_writer import render_docx
    from rendering.models import RenderedFile
    from rendering.output import DocumentKind, render_round_document
    from rendering.pdf import docx_to_pdf, soffice_binary
    from tonghop.testing import run_queued_tasks

    client = Client()
    login_verified(client, make_user("bench", Role.COORDINATOR, round_.coordinator))

    def url(fmt: str) -> str:
        return reverse("rendering:round_document", args=[round_.pk, "bao-cao-tong-hop", fmt])

    for fmt in ("docx", "xlsx"):
        assert client.get(url(fmt)).status_code == 200
        seconds = median_seconds(lambda fmt=fmt: client.get(url(fmt)), runs)
        print(f"page, {fmt}: synchronous request median {seconds:.3f} s over {runs} runs")
    if soffice_binary() is None:
        print("page, pdf: skipped, LibreOffice (soffice) is not installed")
        return
    requests, tasks, builds, conversions, synchronous = [], [], [], [], []
    for _ in range(pdf_runs):
        start = time.perf_counter()
        response = client.get(url("pdf"))
        requests.append(time.perf_counter() - start)
        assert response.status_code == 302, response.status_code
        start = time.perf_counter()
        run_queued_tasks()
        tasks.append(time.perf_counter() - start)
        assert not RenderedFile.objects.exclude(status=RenderedFile.Status.DONE).exists()
        start = time.perf_counter()
        data = render_docx(compiled_report(round_))
        builds.append(time.perf_counter() - start)
        start = time.perf_counter()
        docx_to_pdf(data)
        conversions.append(time.perf_counter() - start)
        start = time.perf_counter()
        render_round_document(round_, DocumentKind.COMPILED, ".pdf")
        synchronous.append(time.perf_counter() - start)
    request, task = statistics.median(requests), statistics.median(tasks)
    before = statistics.median(synchronous)
    print(
        f"page, pdf: request (enqueue + redirect) median {request:.3f} s; task median "
        f"{task:.3f} s (of which figures + spec + docx {statistics.median(builds):.3f} s, "
        f"conversion {statistics.median(conversions):.3f} s) over {pdf_runs} runs"
    )
    print(
        f"page, pdf: synchronous path median {before:.3f} s; the request now takes "
        f"{request / before:.4f} of it ({before / request:.0f} times shorter)"
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
    # A throwaway SQLite database, whatever DATABASE_URL says: the bench writes 60 agencies.
    scratch = tempfile.mkdtemp(prefix="tonghop-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/bench.sqlite3"
    os.environ["TONGHOP_VAR_DIR"] = scratch
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
    else:
        pdf_time = median_seconds(lambda: docx_to_pdf(data), args.pdf_runs)
        print(
            f"pdf:  median {pdf_time:.3f} s over {args.pdf_runs} runs (LibreOffice, fresh profile)"
        )
    bench_database(args.runs, args.pdf_runs)


if __name__ == "__main__":
    main()
