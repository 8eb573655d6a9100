from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from rendering.builders import parse_signer
from rendering.output import DocumentKind, RenderError, render_report, render_round_document
from rounds.models import Report, Round

KINDS = {
    "agency-report": DocumentKind.AGENCY_REPORT,
    "compiled": DocumentKind.COMPILED,
    "request": DocumentKind.REQUEST,
}


class Command(BaseCommand):
    help = (
        "Xuất văn bản theo thể thức Nghị định 30/2020/NĐ-CP: báo cáo của cơ quan (agency-report), "
        "báo cáo tổng hợp của tỉnh (compiled), công văn đề nghị báo cáo (request). Định dạng theo "
        "đuôi tệp: .docx, .pdf, .xlsx (bảng phụ lục của báo cáo tổng hợp)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("document", choices=sorted(KINDS), help="Loại văn bản.")
        parser.add_argument("--year", type=int, required=True, help="Năm của đợt báo cáo.")
        parser.add_argument(
            "--round", type=int, dest="round_id", help="Mã đợt khi năm có nhiều đợt."
        )
        parser.add_argument(
            "--agency", help="Mã ký hiệu của cơ quan (ví dụ BDT), cho agency-report."
        )
        parser.add_argument("-o", "--output", type=Path, required=True, help="Tệp kết quả.")
        parser.add_argument(
            "--include-drafts",
            action="store_true",
            help="Tính cả báo cáo chưa được tiếp nhận (chỉ cho compiled).",
        )
        parser.add_argument(
            "--signer-title", default="", help='Chức vụ người ký, "KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC".'
        )
        parser.add_argument("--signer-name", default="", help="Họ tên người ký.")

    def handle(
        self,
        *args,
        document: str,
        year: int,
        round_id: int | None,
        agency: str | None,
        output: Path,
        include_drafts: bool,
        signer_title: str,
        signer_name: str,
        **options,
    ) -> None:
        kind = KINDS[document]
        round_ = find_round(year, round_id)
        try:
            if kind is DocumentKind.AGENCY_REPORT:
                data = render_report(find_report(round_, agency), output.suffix)
            else:
                signer = (
                    parse_signer(signer_title, signer_name) if signer_title or signer_name else None
                )
                data = render_round_document(
                    round_, kind, output.suffix, include_drafts=include_drafts, signer=signer
                )
        except RenderError as error:
            raise CommandError(str(error)) from error
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {output}: {error.strerror}.") from error
        self.stdout.write(f"Đã ghi {output} ({len(data):,} byte).".replace(",", "."))


def find_round(year: int, round_id: int | None) -> Round:
    rounds = list(Round.objects.filter(period__year=year).select_related("period").order_by("pk"))
    if round_id is not None:
        match = [r for r in rounds if r.pk == round_id]
        if not match:
            raise CommandError(f"Không có đợt báo cáo mã {round_id} trong năm {year}.")
        return match[0]
    if not rounds:
        raise CommandError(f"Không có đợt báo cáo nào của năm {year}.")
    # A year's chain (the ministry's round, the province's answering it): without --round, the
    # round no other round answers, the province's own.
    leaves = [r for r in rounds if not any(other.parent_id == r.pk for other in rounds)]
    if len(leaves) == 1:
        return leaves[0]
    if len(rounds) > 1:
        listed = "\n".join(f"  --round {r.pk}: {r.name} ({r.period})" for r in rounds)
        raise CommandError(f"Năm {year} có {len(rounds)} đợt báo cáo, hãy chọn một đợt:\n{listed}")
    return rounds[0]


def find_report(round_: Round, code: str | None) -> Report:
    if not code:
        raise CommandError("Hãy cho biết cơ quan bằng --agency <mã ký hiệu>, ví dụ --agency BDT.")
    agency = Agency.objects.filter(code__iexact=code.strip()).first()
    if agency is None:
        raise CommandError(f"Không có cơ quan, đơn vị mang mã “{code}”.")
    report = round_.reports.filter(agency=agency).select_related("agency", "round").first()
    if report is None:
        raise CommandError(f"{agency.name} không được đề nghị báo cáo trong đợt “{round_.name}”.")
    return report
