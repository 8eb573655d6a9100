"""From the data to a DocumentSpec: an agency's report, the compiled report, the request dispatch."""

from __future__ import annotations

import re

from django.utils import timezone

from agencies.models import Agency, signer_title_lines
from catalogue.models import Aggregation, Indicator, ValueType
from datavalues.figures import Figure
from datavalues.models import Qualifier, written_word
from lib.vndates import PartialDate
from rendering.charts import Series, indicator_chart
from rendering.drafting import (
    Context,
    default_texts,
    lower_first,
    uses_reported,
)
from rendering.figures import DocumentFigures, document_figures, round_province
from rendering.models import DraftedText, IssuedDocument, RoundDocument
from rendering.spec import (
    Amount,
    Annex,
    Authority,
    Block,
    Bullet,
    Cell,
    DocumentSpec,
    Heading,
    Image,
    Kind,
    Paragraph,
    Signer,
    Table,
)
from rounds.models import Report, Round, Section

HEADLINE_COUNT = 4


# Shared pieces -----------------------------------------------------------------------------


def province_name(agency: Agency) -> str:
    return agency.unit.province().name


def issue_date(round_: Round, issued_on=None) -> PartialDate:
    """The issue date, or for a draft the month and year of the round's deadline, day blank."""
    if issued_on is not None:
        return PartialDate.of(issued_on)
    deadline = timezone.localtime(round_.deadline)
    return PartialDate(year=deadline.year, month=deadline.month)


def parse_signer(title: str, name: str) -> Signer:
    """ "TRƯỞNG BAN" or "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC" (a new line or "/" between them)."""
    lines = signer_title_lines(title)
    if len(lines) == 2:
        prefix, _, principal = lines[0].partition(" ")
        authority = next((a for a in Authority if a.value == prefix.upper()), None)
        if authority is not None:
            return Signer(lines[1], name, authority, principal)
    return Signer(" ".join(lines), name)


def split_recipients(recipients: list[str]) -> tuple[tuple[str, ...], str]:
    """The recipients without the filed copies, and the drafting unit of "Lưu: VT, KHTT"."""
    kept, archive = [], ""
    for line in recipients:
        text = line.strip().lstrip("- ").rstrip(" .;")
        if text.lower().startswith("lưu"):
            archive = re.sub(r"(?i)^lưu\s*:?\s*(vt\s*,?\s*)?", "", text).strip()
        elif text:
            kept.append(text)
    return tuple(kept), archive


def text_blocks(text: str) -> list[Block]:
    """A stored text as paragraphs; a line opening with "- " is a bullet."""
    blocks: list[Block] = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith(("- ", "+ ")):
            blocks.append(Bullet(line[2:].strip()))
        elif line:
            blocks.append(Paragraph(line))
    return blocks


def outline(round_: Round) -> list[Section]:
    """The sections in reading order: each heading followed by its children."""
    sections = list(round_.sections.order_by("order", "pk"))
    ordered: list[Section] = []
    for top in (s for s in sections if s.parent_id is None):
        ordered.append(top)
        ordered += [s for s in sections if s.parent_id == top.pk]
    return ordered


def _level(section: Section) -> int:
    return 1 if section.parent_id is None else 2


def _reference(document, with_subject: bool = False) -> str:
    text = str(document)
    if with_subject and document.summary:
        text += f" về việc {lower_first(document.summary.rstrip(' .'))}"
    return text


def period_phrase(round_: Round) -> str:
    """ "năm 2023", "6 tháng đầu năm 2024"."""
    return lower_first(str(round_.period))


# An agency's report ------------------------------------------------------------------------


def agency_report(report: Report) -> DocumentSpec:
    """The agency's report: its narrative as it wrote it under the round's outline, and the
    figures it entered in an annex data table, never in sentences it did not write."""
    round_, agency = report.round, report.agency
    sections = outline(round_)
    narratives = {n.section_id: n.text for n in report.narratives.all()}
    content = {s.pk: text_blocks(narratives.get(s.pk, "")) for s in sections}
    body: list[Block] = []
    for section in sections:
        # Like an agency's own report, headings the agency has nothing to say under are left out.
        children = [s for s in sections if s.parent_id == section.pk]
        if content[section.pk] or any(content[c.pk] for c in children):
            body.append(Heading(section.title, _level(section)))
            body += content[section.pk]
    bases, lead = _bases_and_lead(report)
    recipients, archive = split_recipients(report.recipients)
    signer = parse_signer(report.signer_title, report.signer_name)
    if not (report.signer_title or report.signer_name):
        usual = agency.default_signer()
        signer = parse_signer(usual.title, usual.name) if usual else signer
    return DocumentSpec(
        parent_agency=agency.parent.name if agency.parent else "",
        agency=agency.name,
        number=report.number or None,
        symbol=f"BC-{agency.code}",
        place=province_name(agency),
        date=issue_date(round_, report.issued_on),
        kind=Kind.REPORT,
        title=report.title or _round_title(round_),
        legal_bases=bases,
        lead=lead,
        body=tuple(body),
        closing=report.closing or _closing(round_, agency.name, "báo cáo"),
        recipients=recipients
        or tuple(agency.usual_recipient_lines())
        or (round_.coordinator.name,),
        archive_unit=archive or agency.drafting_unit,
        signer=signer,
        annexes=_data_annex(report),
    )


def _data_annex(report: Report) -> tuple[Annex, ...]:
    """ "Biểu số liệu": each figure the agency entered, in the order of the round's form, with
    the indicator's name and unit as catalogued and the agency's qualifier word."""
    round_ = report.round
    order = {ri.indicator_id: ri.order for ri in round_.round_indicators.all()}
    values = sorted(
        report.values.filter(place_id=report.agency.unit_id, category__isnull=True)
        .select_related("indicator")
        .order_by("indicator__code"),
        key=lambda v: order.get(v.indicator_id, len(order)),
    )
    if not values:
        return ()
    period = period_phrase(round_)
    rows = tuple(
        (
            number,
            value.indicator.name,
            value.indicator.unit,
            cell(Figure(value.value, value.qualifier, value.qualifier_word), value.indicator),
        )
        for number, value in enumerate(values, start=1)
    )
    table = Table(columns=("STT", "Chỉ tiêu", "Đơn vị tính", f"Kết quả {period}"), rows=rows)
    return (Annex("Phụ lục", f"BIỂU SỐ LIỆU {period.upper()}", (table,)),)


def _bases_and_lead(report: Report) -> tuple[tuple[str, ...], str]:
    """The stored "Căn cứ ...; .... <Agency> báo cáo ... như sau:" split into bases and lead."""
    text = report.legal_bases.strip()
    if not text:
        round_ = report.round
        bases = [_reference(d) for d in (round_.plan,) if d] + [
            _reference(d, with_subject=True) for d in (round_.request,) if d
        ]
        return tuple(bases), f"{report.agency.name} báo cáo kết quả như sau:"
    text = re.sub(r"(?i)^căn cứ\s+", "", text)
    lead = ""
    if text.endswith(":"):
        text, _, lead = text.rpartition(". ")
    return tuple(part.strip() for part in text.split(";") if part.strip()), lead.strip()


def _round_title(round_: Round) -> str:
    name = re.sub(r"(?i)^báo cáo\s+", "", round_.name).strip()
    title = name[:1].upper() + name[1:]
    if round_.period.kind == "year":
        title += f" và phương hướng nhiệm vụ năm {round_.period.year + 1}"
    return title


def _closing(round_: Round, agency: str, verb: str) -> str:
    subject = lower_first(_round_title(round_))
    return f"Trên đây là báo cáo {subject}. {agency} {verb}"


# The compiled report -----------------------------------------------------------------------


def cell(figure: Figure | None, indicator: Indicator, mark: str = "") -> Cell:
    """A table cell: the number with the word the agency wrote before it ("trên 840"); the unit
    is the next column's."""
    if figure is None:
        return None
    word = (
        "" if figure.qualifier == Qualifier.EXACT else written_word(figure.qualifier, figure.word)
    )
    return Amount(figure.value, indicator.decimals, word, mark)


RATE_MARK = " (*)"


def total_cell(compilation: DocumentFigures, indicator: Indicator) -> Cell:
    """The province's figure; a computed rate is marked, its basis told under the table."""
    mark = RATE_MARK if indicator.pk in compilation.rates else ""
    return cell(compilation.totals.get(indicator.pk), indicator, mark)


def rate_notes(compilation: DocumentFigures) -> list[Paragraph]:
    """Under the agency table: what each province rate stands on, or why it is missing."""
    notes = []
    given = {pk for pk, _ in compilation.by_agency}
    for indicator in compilation.indicators:
        rate = compilation.rates.get(indicator.pk)
        if rate is None or (rate.figure is None and indicator.pk not in given):
            continue
        if rate.figure is None:
            note = f"{rate.note()}, chỉ có tỷ lệ của từng cơ quan, đơn vị"
        else:
            note = f"cột Tổng số{RATE_MARK} {rate.note()}"
        notes.append(Paragraph(f"{indicator.name}: {note}.", italic=True))
    return notes


def _coverage_note(compilation: DocumentFigures) -> str:
    """ " (tổng số của 4/8 cơ quan, đơn vị)" under a round some agencies have not answered."""
    coverage = compilation.coverage
    return "" if coverage.complete else f" (tổng số của {coverage})"


def annex_tables(compilation: DocumentFigures) -> tuple[Table, ...]:
    """Indicator x agency (with the province total), and indicator x locality."""
    agencies = compilation.agencies
    rows = tuple(
        (
            indicator.name,
            indicator.unit,
            total_cell(compilation, indicator),
            *(cell(compilation.by_agency.get((indicator.pk, a.pk)), indicator) for a in agencies),
        )
        for indicator in compilation.indicators
    )
    period = period_phrase(compilation.round)
    tables = [
        Table(
            columns=(
                "Chỉ tiêu",
                "Đơn vị tính",
                "Tổng số",
                *(a.short_name or a.name for a in agencies),
            ),
            rows=rows,
            title=f"Số liệu {period} theo cơ quan, đơn vị" + _coverage_note(compilation),
        )
    ]
    located = [
        i
        for i in compilation.indicators
        if i.pk in compilation.by_locality
        and any((i.pk, p.pk) in compilation.by_place for p in compilation.localities)
    ]
    if located and compilation.localities:
        places = compilation.localities
        tables.append(
            Table(
                columns=("Chỉ tiêu", "Đơn vị tính", *(p.full_name for p in places)),
                rows=tuple(
                    (
                        indicator.name,
                        indicator.unit,
                        *(
                            cell(compilation.by_place.get((indicator.pk, p.pk)), indicator)
                            for p in places
                        ),
                    )
                    for indicator in located
                ),
                title=f"Số liệu {period} theo địa bàn",
            )
        )
    return tuple(tables)


def headline_chart(compilation: DocumentFigures) -> Image | None:
    """The first summed count of each indicator group over the years, one panel each.

    Each series keeps to the agencies that gave the indicator in every year it shows, so that a
    year with fewer reports does not draw a fall.
    """
    chosen: list[Indicator] = []
    groups: set[int] = set()
    for indicator in compilation.indicators:
        by_year, _ = compilation.trends.get(indicator.pk, ({}, 0))
        if (
            compilation.year in by_year
            and indicator.group_id not in groups
            and indicator.value_type == ValueType.COUNT
            and indicator.aggregation == Aggregation.SUM
        ):
            chosen.append(indicator)
            groups.add(indicator.group_id)
        if len(chosen) == HEADLINE_COUNT:
            break
    if not chosen:
        return None
    series = []
    for indicator in chosen:
        figures, agencies = compilation.trends[indicator.pk]
        values = {year: figure.value for year, figure in figures.items()}
        note = f"tính trên {agencies} cơ quan, đơn vị"
        series.append(Series(indicator.name, values, unit=indicator.unit, note=note))
    caption = (
        "Biểu đồ 1. Một số chỉ tiêu chủ yếu qua các năm (mỗi chỉ tiêu tính trên các cơ quan, "
        "đơn vị có số liệu ở mọi năm)"
    )
    return Image(indicator_chart(series), width_cm=15, caption=caption)


def drafted_templates(
    compilation: DocumentFigures, sections: list[Section], context: Context
) -> dict[int | None, str]:
    """Each section's drafted text: the coordinator's wording where saved, else the default."""
    texts = default_texts(compilation, sections, context.digest)
    for drafted in DraftedText.objects.filter(round=compilation.round):
        texts[drafted.section_id] = drafted.text
    return texts


def compiled_report(
    round_: Round,
    include_drafts: bool = False,
    signer: Signer | None = None,
    compilation: DocumentFigures | None = None,
) -> DocumentSpec:
    """The coordinator's report for the province: drafted prose, agencies' narratives, annexes."""
    compilation = compilation or document_figures(round_, include_drafts)
    coordinator = round_.coordinator
    sections = outline(round_)
    context = Context.of(compilation, sections)
    texts = drafted_templates(compilation, sections, context)
    body: list[Block] = text_blocks(context.fill(texts.get(None, "")))
    chart = headline_chart(compilation)
    if chart:
        body.append(chart)
    for section in sections:
        body.append(Heading(section.title, _level(section)))
        text = texts.get(section.pk, "")
        if not uses_reported(text):
            # A wording saved before the agencies' narratives were retold still carries them.
            text += "\n{{reported}}"
        body += text_blocks(context.fill(text, section.pk))
    period = period_phrase(round_)
    notes = rate_notes(compilation)
    annexes = tuple(
        Annex(
            title=f"Phụ lục {roman}",
            subtitle=table.title.upper(),
            blocks=(Table(table.columns, table.rows), *(notes if roman == "I" else ())),
            landscape=True,
        )
        for roman, table in zip(("I", "II"), annex_tables(compilation), strict=False)
    )
    bases = tuple(_reference(d) for d in (round_.plan, round_.request) if d)
    issued = IssuedDocument.of(round_, RoundDocument.COMPILED)
    return DocumentSpec(
        parent_agency=coordinator.parent.name if coordinator.parent else "",
        agency=coordinator.name,
        number=issued.number or None,
        symbol=issued.symbol,
        place=compilation.province.name,
        date=issue_date(round_, issued.issued_on),
        kind=Kind.REPORT,
        title=_round_title(round_),
        legal_bases=bases,
        lead=(
            f"{coordinator.name} tổng hợp kết quả công tác phòng, chống mại dâm {period} "
            "của các cơ quan, đơn vị như sau:"
        ),
        body=tuple(body),
        closing=_closing(round_, coordinator.name, "tổng hợp, báo cáo"),
        recipients=tuple(issued.recipients),
        archive_unit=issued.archive_unit,
        signer=signer or parse_signer(issued.signer_title, issued.signer_name),
        annexes=annexes,
    )


# The request dispatch ----------------------------------------------------------------------


def _clock(when) -> str:
    """ "17 giờ", "16 giờ 30 phút"."""
    return f"{when.hour} giờ" + (f" {when.minute} phút" if when.minute else "")


def _parent_request(parent: Round) -> str:
    """The request a round answers, as its dispatch cites it: "Công văn số 3579/... ngày ... của
    Bộ ..." from the registry; the requesting round itself when no document is registered."""
    request = parent.request
    if request is None:
        return f"yêu cầu của {parent.coordinator.name} về {lower_first(parent.name)}"
    text = _reference(request)
    if not request.issuer_name:
        text += f" của {(request.issuer or parent.coordinator).name}"
    return text


def request_dispatch(round_: Round, signer: Signer | None = None) -> DocumentSpec:
    """The Công văn that opens a round: whom it asks, for what period, by when, and the forms."""
    coordinator, request = round_.coordinator, round_.request
    asked = [r.agency for r in round_.reports.select_related("agency").order_by("agency__name")]
    period = period_phrase(round_)
    start, end = round_.period.reporting_window()
    deadline = timezone.localtime(round_.deadline)
    subject = (
        request.summary
        if request and request.summary
        else re.sub(r"(?i)^báo cáo\s+", "báo cáo ", round_.name)
    )
    body: list[Block] = []
    if round_.parent is not None:
        body.append(Paragraph(f"Thực hiện {_parent_request(round_.parent)}."))
    if round_.plan:
        body.append(Paragraph(f"Thực hiện {_reference(round_.plan)}."))
    body += [
        Paragraph(
            f"Để có cơ sở tổng hợp kết quả công tác phòng, chống mại dâm {period}, "
            f"{coordinator.name} đề nghị các cơ quan, đơn vị báo cáo kết quả thực hiện theo đề "
            "cương (Phụ lục I) và biểu số liệu (Phụ lục II) kèm theo Công văn này."
        ),
        Paragraph(
            f"Thời gian lấy số liệu: từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}. Báo cáo "
            f"đề nghị gửi về {coordinator.name} trước {_clock(deadline)} ngày {deadline:%d/%m/%Y}, "
            "đồng thời cập nhật số liệu trên hệ thống tổng hợp."
        ),
    ]
    outline_blocks = tuple(Heading(s.title, _level(s)) for s in outline(round_))
    form = Table(
        columns=("STT", "Chỉ tiêu", "Đơn vị tính", f"Kết quả {period}"),
        rows=tuple(
            (
                n,
                ri.indicator.name + (" (chi tiết theo địa bàn)" if ri.by_locality else ""),
                ri.indicator.unit,
                None,
            )
            for n, ri in enumerate(round_.round_indicators.select_related("indicator"), start=1)
        ),
        widths_cm=(1.2, 9.0, 2.8, 3.0),
    )
    issued = IssuedDocument.of(round_, RoundDocument.REQUEST)
    return DocumentSpec(
        parent_agency=coordinator.parent.name if coordinator.parent else "",
        agency=coordinator.name,
        number=issued.number or None,
        symbol=issued.symbol,
        place=round_province(round_).name,
        date=issue_date(round_, issued.issued_on),
        kind=Kind.DISPATCH,
        title=lower_first(subject.rstrip(" .")),
        addressees=tuple(a.name for a in asked),
        body=tuple(body),
        closing="Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện",
        recipients=tuple(issued.recipients),
        archive_unit=issued.archive_unit,
        signer=signer or parse_signer(issued.signer_title, issued.signer_name),
        annexes=(
            Annex(
                "Phụ lục I",
                f"ĐỀ CƯƠNG BÁO CÁO KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG MẠI DÂM {period.upper()}",
                outline_blocks,
            ),
            Annex("Phụ lục II", f"BIỂU SỐ LIỆU {period.upper()}", (form,)),
        ),
    )
