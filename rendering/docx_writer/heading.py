"""The top of the first page: header table, type name and summary or addressees; page numbers."""

from __future__ import annotations

from itertools import combinations, pairwise

from docx.shared import Cm, Emu, Length, Pt

from lib.vnformat import format_place_date, format_symbol_line
from rendering.docx_writer.canvas import Canvas, printed_width
from rendering.docx_writer.ooxml import add_page_field
from rendering.docx_writer.template import S
from rendering.spec import DocumentSpec, Kind

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MOTTO_EMS = 12.22  # printed width of MOTTO in bold Times New Roman, measured in ems
LEFT_SHARE = 0.38  # of the text width, for the agency column of the header
RULE_SHARE = 0.4  # a short rule is 1/3 to 1/2 of the text above it
MAX_TITLE_RULE = Cm(4)
MAX_LINES = 4

# Two-syllable words of agency names and report titles: a line never breaks between their syllables.
_COMPOUND_LIST = (
    "ủy ban|uỷ ban|nhân dân|lao động|thương binh|xã hội|văn hóa|văn hoá|thể thao|du lịch|"
    "tư pháp|y tế|công an|dân tộc|phụ nữ|liên hiệp|thanh niên|cộng sản|mặt trận|tổ quốc|"
    "chỉ đạo|tội phạm|tệ nạn|mại dâm|ma túy|ma tuý|mua bán|kết quả|công tác|nhiệm vụ|"
    "phương hướng|tình hình|thực hiện|triển khai|tuyên truyền|đánh giá|hạn chế|nguyên nhân|"
    "kiến nghị|đề xuất|tổng hợp|báo cáo|số liệu|hỗ trợ|hòa nhập|hoà nhập|cộng đồng|kiểm tra|"
    "xử lý|vi phạm|đấu tranh|triệt phá|giáo dục|đào tạo|kế hoạch|đầu tư|tài chính|nội vụ|"
    "tài nguyên|môi trường|thông tin|truyền thông|khoa học|công nghệ|giao thông|vận tải|"
    "xây dựng|nông nghiệp|phát triển|nông thôn|công thương|biên phòng|bộ đội|quân sự|"
    "cảnh sát|điều tra|hành chính|thành phố|thị xã|thị trấn|giai đoạn|sáu tháng|định kỳ|"
    "an ninh|trật tự|pháp luật|phổ biến|chủ nghĩa|việt nam|độc lập|tự do|hạnh phúc|"
    "bắc giang|bắc ninh|lạng sơn|thái nguyên|hà nội|cơ quan|đơn vị|hội đồng|thường trực"
)
COMPOUNDS = frozenset(
    [tuple(pair.split()) for pair in _COMPOUND_LIST.split("|")]
    + [("phòng,", "chống")]  # "phòng, chống" names one activity
)
# A line may start with these words: a conjunction, a year, a place's administrative level.
BREAK_BEFORE = frozenset(("năm", "của", "về", "tại", "trên", "theo", "đến", "tỉnh", "huyện"))
BREAK_BEFORE_PAIRS = frozenset((("thành", "phố"), ("thị", "xã"), ("giai", "đoạn")))
# What a break costs against balance, as a share of the room: none after a punctuation mark or
# before "và", little before a word that opens a phrase, more inside a phrase.
PHRASE_BREAK = 0.1
UNNATURAL_BREAK = 0.3
FORBIDDEN_BREAK = 10.0


def _break_cost(words: list[str], at: int) -> float:
    """0 for a break before words[at] at a phrase boundary, more inside a phrase, most inside a
    two-syllable word, before a dash, or between "năm" and its year."""
    before, word = words[at - 1], words[at]
    pair = (before.lower(), word.lower())
    following = words[at + 1].lower() if at + 1 < len(words) else ""
    if pair in COMPOUNDS or word.startswith("-") or (word.isdigit() and pair[0] == "năm"):
        return FORBIDDEN_BREAK
    if not before.isupper() and before[:1].isupper() and word[:1].isupper():
        return FORBIDDEN_BREAK  # inside a proper name of a mixed-case line: "Bắc Giang"
    if before.endswith((",", ";", ":", "-")) or pair[1] == "và":
        return 0.0
    if pair[1] in BREAK_BEFORE or (pair[1], following) in BREAK_BEFORE_PAIRS:
        return PHRASE_BREAK
    return UNNATURAL_BREAK


def balanced_lines(text: str, room: Length, size: float, bold: bool) -> str:
    """`text` with "\n" at natural points, in as few lines as fit `room`, the lines as even as
    the phrases allow; a line already ended by "\n" is kept and only split further."""
    return "\n".join("\n".join(_split(line.split(), room, size, bold)) for line in text.split("\n"))


def _split(words: list[str], room: Length, size: float, bold: bool) -> list[str]:
    if printed_width(" ".join(words), size, bold) <= room or len(words) < 2:
        return [" ".join(words)]
    best: tuple[float, list[str]] | None = None
    for count in range(2, min(MAX_LINES, len(words)) + 1):
        for breaks in combinations(range(1, len(words)), count - 1):
            bounds = (0, *breaks, len(words))
            lines = [" ".join(words[a:b]) for a, b in pairwise(bounds)]
            widest = max(printed_width(line, size, bold) for line in lines)
            penalty = sum(_break_cost(words, at) for at in breaks) * room
            overflow = max(widest - room, 0) * FORBIDDEN_BREAK
            cost = widest + penalty + overflow
            if best is None or cost < best[0]:
                best = (cost, lines)
        if best is not None and best[0] <= room * (1 + UNNATURAL_BREAK * (count - 1)):
            break  # fits in `count` lines; more lines would only be worse to read
    assert best is not None
    return best[1]


def write_heading(canvas: Canvas, spec: DocumentSpec) -> None:
    _write_header_table(canvas, spec)
    type_name = spec.kind.type_name
    if type_name is None:  # a dispatch: its addressees instead of a type line
        _write_addressees(canvas, spec.addressees)
    else:
        write_title(canvas, type_name, spec.title)
    _number_pages_from_second(canvas)


def _write_header_table(canvas: Canvas, spec: DocumentSpec) -> None:
    total = canvas.text_width()
    widths = [Emu(int(total * LEFT_SHARE)), Emu(total - int(total * LEFT_SHARE))]
    table = canvas.table(2, widths, "nil")
    (agency_cell, nation_cell), (number_cell, date_cell) = (row.cells for row in table.rows)
    left_room, right_room = (canvas.cell_width(w) for w in widths)

    first = agency_cell.paragraphs[0]
    agency = balanced_lines(spec.agency.upper(), left_room, canvas.size(S.AGENCY), bold=True)
    if spec.parent_agency:
        parent = balanced_lines(
            spec.parent_agency.upper(), left_room, canvas.size(S.PARENT_AGENCY), bold=False
        )
        canvas.fill(first, parent, S.PARENT_AGENCY)
        canvas.paragraph(agency_cell, agency, S.AGENCY)
    else:
        canvas.fill(first, agency, S.AGENCY)
    agency_width = max(
        printed_width(line, canvas.size(S.AGENCY), bold=True) for line in agency.split("\n")
    )
    canvas.rule(agency_cell, Emu(int(min(agency_width, left_room) * RULE_SHARE)), left_room)

    canvas.fill(nation_cell.paragraphs[0], NATION, S.NATION)
    canvas.paragraph(nation_cell, MOTTO, S.MOTTO)
    canvas.rule(nation_cell, Pt(MOTTO_EMS * canvas.size(S.MOTTO)), right_room)

    number = format_symbol_line(spec.number, spec.symbol)
    canvas.fill(number_cell.paragraphs[0], number, S.NUMBER)
    if spec.kind is Kind.DISPATCH and spec.title:
        canvas.paragraph(number_cell, f"V/v {spec.title}", S.SUBJECT)
    when = spec.date
    place_date = format_place_date(spec.place, year=when.year, month=when.month, day=when.day)
    canvas.fill(date_cell.paragraphs[0], place_date, S.PLACE_DATE)


def write_title(canvas: Canvas, type_name: str, summary: str, note: str = "") -> None:
    """ "BÁO CÁO" over its summary and a short rule; annexes add an italic note under it."""
    document = canvas.document
    room = canvas.text_width()
    size = canvas.size(S.SUMMARY)
    canvas.paragraph(document, type_name, S.TYPE_NAME)
    if summary:
        summary = balanced_lines(summary, room, size, bold=True)
        canvas.paragraph(document, summary, S.SUMMARY)
    if note:
        canvas.paragraph(document, note, S.ANNEX_NOTE)
    width = max(printed_width(line, size, bold=True) for line in (summary or type_name).split("\n"))
    canvas.rule(document, Emu(int(min(min(width, room) * RULE_SHARE, MAX_TITLE_RULE))), room)


def _write_addressees(canvas: Canvas, addressees: tuple[str, ...]) -> None:
    """ "Kính gửi: X." on one line, or "Kính gửi:" over a "- X;" line per addressee."""
    document = canvas.document
    if len(addressees) == 1:
        paragraph = canvas.paragraph(
            document, f"Kính gửi: {addressees[0].rstrip(' .;')}.", S.ADDRESSEE
        )
        paragraph.paragraph_format.left_indent = Cm(3)
        return
    paragraph = canvas.paragraph(document, "Kính gửi:", S.ADDRESSEE)
    paragraph.paragraph_format.left_indent = Cm(3)
    for index, name in enumerate(addressees, start=1):
        end = "." if index == len(addressees) else ";"
        line = canvas.paragraph(document, f"- {name.rstrip(' .;')}{end}", S.ADDRESSEE)
        line.paragraph_format.left_indent = Cm(5)
        line.paragraph_format.space_before = Pt(0)


def _number_pages_from_second(canvas: Canvas) -> None:
    """Page numbers centred in the top margin; the first page has a header of its own, empty."""
    section = canvas.document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    canvas.fill(paragraph, "", S.PAGE_NUMBER)
    add_page_field(paragraph)
