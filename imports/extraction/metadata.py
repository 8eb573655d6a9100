"""The header of an official document: issuer, number and symbol, place and date, type, title."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from documents.references import SYMBOL
from lib.dockinds import NAME_BY_CODE, TYPE_LINES
from lib.vndates import WORDY_DATE, PartialDate, publication_date
from lib.vntext import UPPER, is_separator, is_upper_line, normalise

from .outline import SIGNER_WORDS
from .tables import ORDINAL_HEADER

# The motto, also as a narrow column of a PDF wraps it ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM").
MOTTO = re.compile(
    r"(?i)CỘNG\s*H[OÒ]\s*[AÀ]\s+XÃ HỘI CHỦ NGHĨA(?:\s+VIỆT NAM)?"
    r"|^\s*(?:(?:CHỦ\s+)?NGHĨA\s+)?VIỆT NAM(?=\s*$|\s+Độc lập)"
    r"|Độc lập\s*[-–](?:\s*Tự do\s*[-–]\s*Hạnh phúc)?|^\s*Tự do\s*[-–]\s*Hạnh phúc"
    r"|ĐẢNG CỘNG SẢN VIỆT NAM"
)
# "Số: 12/BC-UBND", "Số 12/BC-UBND", "Số:   /BC-UBND"; not a site's "Số hiệu:", "Số công báo:".
NUMBER_START = re.compile(r"(?:^|\|)\s*Số\s*(?::|\d+\s*/|/)")
NUMBER_LINE = re.compile(rf"\bSố\s*:?\s*(?P<number>\d*)\s*[/-]\s*(?P<symbol>{SYMBOL})")
PLACE_DATE = re.compile(
    r"(?P<place>[^,|\n]{2,60}?)\s*,\s*(?P<date>ngày\s*\d{0,2}\s*tháng\s*\d{0,2}\s*năm\s*\d{4})",
    re.IGNORECASE,
)
# Words that follow a type name on its line without being the title: "BÁO CÁO CHUYÊN ĐỀ".
TYPE_QUALIFIERS = frozenset(
    {"CHUYÊN ĐỀ", "TÓM TẮT", "NHANH", "ĐỘT XUẤT", "LIÊN NGÀNH", "LIÊN TỊCH", "SƠ KẾT", "TỔNG KẾT"}
    | {"THỐNG KÊ", "ĐỊNH KỲ", "KẾT QUẢ"}
)
# "V/v ..." opens a line or a cell, or follows the number and symbol in a flattened cell.
SUBJECT_TITLE = re.compile(r"(?m)(?:^|\||^\|?\s*Số\s*:[^|\n]*?\s)V/v\s*:?\s*(?P<title>[^|\n]+)")
# Words that open an agency's name in a letterhead; a line without one continues the name above.
AGENCY_START = re.compile(
    r"^(?:ỦY BAN|UBND|HĐND|HỘI ĐỒNG|SỞ|BAN|PHÒNG|VĂN PHÒNG|CÔNG AN|BỘ|CỤC|CHI CỤC|TỔNG CỤC|"
    r"(?:TỈNH|THÀNH|HUYỆN|ĐẢNG|QUẬN|THỊ) ỦY|ĐẢNG BỘ|ĐOÀN|TỈNH ĐOÀN|HỘI|LIÊN ĐOÀN|MẶT TRẬN|"
    r"TRUNG TÂM|THANH TRA|TÒA ÁN|VIỆN|KHO BẠC|BẢO HIỂM|BỆNH VIỆN|TRƯỜNG|ĐÀI|BÁO|CHÍNH PHỦ|"
    r"THỦ TƯỚNG|QUỐC HỘI)(?!\w)"
)
WRAPPED = re.compile(r"(?:\b(?:ỦY|UỶ|VÀ)|[-,&])$")
BODY_OPENERS = re.compile(r"(?i)^(?:căn cứ|thực hiện|kính gửi|qua |theo |trong |nhằm |để |số:)")
# "Ban Dân tộc báo cáo kết quả như sau": the agency names itself when the header is missing.
SELF_NAMED = re.compile(
    rf"(?:^|[.;:]\s+|\n)(?P<who>[{UPPER}][^.;:\n]{{2,70}}?)\s+(?:xin\s+|trân trọng\s+|tổng hợp\s+)?"
    r"(?:báo cáo|xây dựng kế hoạch|ban hành kế hoạch|thông báo)\b[^.;\n]{0,40}?(?:như sau|\./\.)"
)
PERIOD_SPAN = re.compile(
    r"(?i)giai đoạn\s*(?:từ\s*)?(?:năm\s*)?\d{4}\s*(?:-|–|đến)\s*(?:năm\s*)?\d{4}"
)
PERIOD_PART = re.compile(
    r"(?i)(?:(?:\d+|sáu|chín)\s+tháng\s+(?:đầu|cuối)\s+năm|quý\s+[IV\d]+(?:\s+năm)?|"
    r"tháng\s+\d{1,2}\s*(?:năm|/))\s*\d{4}"
)
PERIOD_YEAR = re.compile(r"(?i)(?<!tháng )(?<!\d )năm\s+(\d{4})")
PERIOD_IN_BODY = re.compile(
    r"(?i)(?:công tác|kết quả|tình hình)[^.;\n]{0,80}?(?<!tháng \d )(?<!tháng \d\d )năm\s+(\d{4})"
)


@dataclass
class Header:
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: PartialDate | None = None
    title: str | None = None
    period: str | None = None
    title_line: int | None = None
    body_line: int = 0
    press: bool = False  # a news article: no kind, number nor signer
    extra: dict = field(default_factory=dict)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("|") if c.strip()]


def _type_code_of(symbol: str) -> str | None:
    parts = [p.strip() for p in re.split(r"[-/]", symbol) if p.strip()]
    parts = [p for p in parts if not p.isdigit()]
    if parts and parts[0] in NAME_BY_CODE:
        return parts[0]
    return "CV" if len(parts) >= 2 else None


def _issuer(lines: list[str]) -> str | None:
    """The issuing agency: the last name in the header's left column, not its parent above it.

    A name wrapped over lines ("ỦY BAN NHÂN DÂN" / "HUYỆN LỤC NAM") is one name; a line that
    starts with an agency word ("SỞ ...", "BAN ...") opens the next one. The column ends at the
    short line under the name or at the end of its table cell; a header flattened into rows
    ("UBND TỈNH GIA LAI | CỘNG HÒA ... |", "SỞ Y TẾ | Độc lập ... |") goes on row by row.
    """
    names: list[str] = []
    for line in lines:
        cell, *others = MOTTO.sub("|", line).strip().removeprefix("|").split("|")
        cell = cell.strip()
        if names and cell and is_separator(cell):
            break  # the short line under the agency's name (a blank line is not one)
        if is_upper_line(cell) and cell not in TYPE_LINES:
            if names and not (AGENCY_START.match(cell) and not WRAPPED.search(names[-1])):
                names[-1] = f"{names[-1]} {cell}"
            else:
                names.append(cell)
        if names and others and not cell:
            break  # the column's table cell has ended (a flattened row goes on to the next)
    return names[-1] if names else None


def _as_written(name: str, text: str) -> str:
    """The capitals of a header name as the document spells it in prose ("Ban Dân tộc"), if it does."""
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)"
    for m in re.finditer(pattern, text, re.IGNORECASE):
        if not is_upper_line(m.group(0)):
            return " ".join(m.group(0).split())
    return name


def letterhead(text: str) -> list[str]:
    """The lines above "Số:" (or, in a form without a number, above its type line) as written,
    each normalised alone: line joining would glue the parent agency and the issuing agency
    of a letterhead into one name."""
    lines: list[str] = []
    for raw in text.replace("\r", "\n").split("\n")[:60]:
        line = normalise(raw)
        if NUMBER_START.search(line):
            return lines
        lines.append(line)
    typed = next((i for i, line in enumerate(lines) if _type_name(line)), None)
    return lines[:typed] if typed is not None else []


def _self_named(text: str) -> str | None:
    m = SELF_NAMED.search(text)
    return m.group("who").strip() if m and len(m.group("who").split()) <= 10 else None


def _place(prefix: str) -> str | None:
    prefix = MOTTO.sub("|", NUMBER_LINE.sub("|", prefix)).rsplit("|", 1)[-1].strip(" -")
    words = prefix.split()[-6:]
    while words and not words[0][0].isupper():
        words = words[1:]
    return " ".join(words) or None


def _type_name(line: str) -> str | None:
    """ "BÁO CÁO", or "BÁO CÁO" of "BÁO CÁO CHUYÊN ĐỀ": the type name a line stands for."""
    line = " ".join(line.strip(" |").split())
    if line in TYPE_LINES:
        return line
    for qualifier in TYPE_QUALIFIERS:
        name = line.removesuffix(f" {qualifier}")
        if name != line and name in TYPE_LINES:
            return name
    return None


# What the body's first sentence has and a title has not: a document's number, "như sau".
_BODY_SENTENCE = re.compile(r"\d+/[A-ZĐ]|như sau")


def _opens_body(line: str) -> bool:
    """Whether a line starts the body. "Thực hiện ..." also starts titles ("Thực hiện công tác
    phòng, chống mại dâm năm 2021"); the body's first sentence ends in a colon or a full stop."""
    m = BODY_OPENERS.match(line)
    if m and m.group(0).lower() == "thực hiện":
        return bool(
            line.rstrip(" |").endswith((":", ".")) or len(line) > 160 or _BODY_SENTENCE.search(line)
        )
    return bool(m)


# A title's last line that names only its period: "năm 2025", "6 tháng đầu năm 2026".
PERIOD_LINE = re.compile(
    "^(?:"
    + "|".join(p.pattern.removeprefix("(?i)") for p in (PERIOD_SPAN, PERIOD_PART, PERIOD_YEAR))
    + r")(?:,\s*.{0,40})?\.?$",
    re.IGNORECASE,
)
# What opens a line that is no part of a title above it: an agency or an authority, a heading.
NOT_TITLE = re.compile(r"^(?:[IVX]+\.|\d+\.|Điều\s)|:$")


def _title(lines: list[str], at: int) -> tuple[str | None, int]:
    """The summary line(s) under the type name; returns the title and the first body line.

    A title written over several paragraphs (a .docx, a PDF) goes on with a line that names
    its period ("6 tháng đầu năm 2026"), and a title in capitals with a line in capitals that
    is no agency's or authority's name, no heading."""
    if at + 1 >= len(lines):
        return None, at + 1
    line = lines[at + 1]
    if _opens_body(line) or len(line) > 400 or is_separator(line):
        return None, at + 1
    title, end = line.strip(" |"), at + 2
    while end < len(lines) and len(title) < 300:
        following = lines[end].strip(" |")
        upper = is_upper_line(title) and is_upper_line(following)
        if not (PERIOD_LINE.match(following) or upper) or NOT_TITLE.search(following):
            break
        if AGENCY_START.match(following) or SIGNER_WORDS.match(following):
            break
        title, end = f"{title} {following}", end + 1
    return title, end


def period_of(title: str | None, body: str) -> str | None:
    """The period a document covers: from its title, else from how its body introduces itself."""
    if title:
        for pattern in (PERIOD_SPAN, PERIOD_PART):
            m = pattern.search(title)
            if m:
                return m.group(0)
        m = PERIOD_YEAR.search(title)
        if m:
            return m.group(1)
    m = PERIOD_SPAN.search(body[:400]) if title is None else None
    if m and "chương trình" not in body[max(0, m.start() - 60) : m.start()].lower():
        return m.group(0)
    m = PERIOD_IN_BODY.search(body)
    return m.group(1) if m else None


def read_header(lines: list[str], head: list[str]) -> Header:
    """Read the header fields from the first lines of a normalised document.

    `head` is its letterhead() as written, where the issuing agency is read."""
    h = Header()
    limit = min(len(lines), 40)
    number_at, number = next(
        ((i, m) for i in range(limit) if (m := NUMBER_LINE.search(lines[i]))), (None, None)
    )
    if number is not None:
        h.number = number.group("number") or None
        h.symbol = re.sub(r"\s*-\s*", "-", number.group("symbol").strip())
        h.doc_type = _type_code_of(h.symbol)
    h.issuer = _issuer(head)
    date_at = None
    for i in range(limit):
        m = PLACE_DATE.search(lines[i])
        d = WORDY_DATE.search(m.group("date")) if m else None
        if m and d:
            day, month = d.group("d"), d.group("m")
            h.date = PartialDate(
                int(d.group("y")), int(month) if month else None, int(day) if day else None
            )
            h.place = _place(lines[i][: m.start("place")] + m.group("place"))
            date_at = i
            break
    typed = next(((i, found) for i in range(limit) if (found := _type_name(lines[i]))), None)
    if typed is not None:
        type_at, name = typed
        h.doc_type = TYPE_LINES[name]
        h.title, h.body_line = _title(lines, type_at)
    else:
        subject = next(
            (SUBJECT_TITLE.search(ln) for ln in lines[:limit] if SUBJECT_TITLE.search(ln)), None
        )
        if subject:
            h.title = "V/v " + subject.group("title").strip()
            h.doc_type = h.doc_type or "CV"
        anchors = [i for i in (number_at, date_at) if i is not None]
        h.body_line = max(anchors) + 1 if anchors else 0
        while h.body_line < len(lines) and (
            lines[h.body_line].startswith(("Kính gửi", "V/v")) or is_separator(lines[h.body_line])
        ):
            h.body_line += 1
    if h.issuer is None:
        h.issuer = _self_named("\n".join(lines[h.body_line : h.body_line + 12]))
    elif is_upper_line(h.issuer):
        h.issuer = _as_written(h.issuer, "\n".join(lines[h.body_line :]))
    h.period = period_of(h.title, "\n".join(lines[h.body_line :]))
    return h


# A news page: its masthead, the site's menu, a headline, a date line, a lead paragraph.
# "Trang chủ | Thời sự | Pháp luật", "Trang chủ » Pháp luật": a site's menu or breadcrumbs.
_MENU = re.compile(r"\|[^|]*\||[»›]|\s>\s|^[^/]{2,30}\s/\s[^/]{2,40}(?:\s/\s[^/]{2,40})*$")
_NUMBER_CELL = re.compile(r"[\d.,%()+-]+")
_WEB_NAME = re.compile(r"(?i)^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org)\S*$")
# A name that says it is a newspaper or a portal.
_PRESS_NAME = re.compile(
    r"(?i)^(?:báo|tạp chí|cổng thông tin|trang thông tin|đài|thông tấn|truyền hình|tin tức)\b"
)
# "(PLVN) - ", "(Baonghean.vn) – ": the paper's byline opening the lead; "Bắc Ninh - ": a dateline;
# "TTO - ", "VOV.VN - ": an abbreviated byline.
_BYLINE = re.compile(r"^\((?P<source>[^()]{2,40})\)\s*[-–—]\s*")
# A wire item's dateline: "Thanh Hóa, 12/5 (TTXVN) - ", "Hà Nội (TTXVN) – ".
_WIRE_DATELINE = re.compile(
    rf"^(?P<place>[{UPPER}][\w.]*(?:\s+[{UPPER}][\w.]*){{0,3}})"
    r"(?:\s*,\s*(?:ngày\s*)?\d{1,2}\s*[/-]\s*\d{1,2})?\s*\((?P<source>[^()]{2,40})\)\s*[-–—]"
)
_DATELINE = re.compile(
    rf"^(?P<name>[{UPPER}][\w.]*(?:\s+[{UPPER}\d][\w.]*){{0,3}})\s*[-–—]\s+(?=\S)"
)
_SOURCE_NOTE = re.compile(r"^(?:Nguồn|Theo)\s*:?\s+(?P<source>[^.,]{2,60}?)\s*\.?$")
# "Ảnh: ...", "Xem thêm: ...", "Tags: ...", "Bài và ảnh: ...": a page's captions, links, labels
# and credits, never its masthead nor its headline.
_PAGE_LABEL = re.compile(
    r"(?i)^(?:ảnh|ảnh minh họa|bài|bài và ảnh|bài, ảnh|tác giả|phóng viên|nhóm phóng viên|video"
    r"|clip|xem thêm|tin liên quan|đọc thêm|bài liên quan|tags?|từ khóa|chủ đề|nguồn|theo)\s*:"
)
# "Tuổi Trẻ Online", "Dân Việt", "Công An Nhân Dân": a name of a few capitalised words.
_TITLED_NAME = re.compile(rf"^[{UPPER}][\w.]*(?:\s+(?:[{UPPER}][\w.]*|online|điện tử)){{0,5}}$")
_PAGE_END = 6  # a date line printed under the article stands among the page's last lines
_WORD = re.compile(r"[^\W\d_]+")
_LEAD_WORDS = 25  # a line this long is prose, not a headline
_HEADLINE_WORDS = 4
_MASTHEAD_WORDS = 10
PRESS_PERIOD_PART = re.compile(
    r"(?i)(?:\d+|ba|sáu|chín)\s+tháng\s+(?:đầu|cuối)\s+năm\s*\d{4}|quý\s+[IV\d]+\s+năm\s*\d{4}"
    r"|từ đầu năm\s*\d{4}"
)
# "trong năm 2025", "trên địa bàn thành phố năm 2026": the year an article reports on.
PRESS_PERIOD_YEAR = re.compile(
    r"(?i)(?:\b(?:trong|cả|toàn|suốt)\s+|(?:địa bàn|công tác|kết quả|tình hình|kế hoạch)"
    r"[^.;\n]{0,60}?(?<!tháng \d )(?<!tháng \d\d )(?<!\d )\s)năm\s+(\d{4})"
)


def _is_menu(line: str) -> bool:
    """A site's menu or breadcrumbs: not a table's row, opening with "STT", holding a number
    in a cell or a merged cell repeated."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if "|" in line and (
        ORDINAL_HEADER.match(cells[0])
        or any(_NUMBER_CELL.fullmatch(c) for c in cells)
        or len(set(cells)) < len(cells)
    ):
        return False
    return bool(_MENU.search(line))


def _dateline(line: str) -> tuple[str | None, str | None]:
    """The source and the place that open a lead: "(PLVN) - " is a source, "TTO - " too, and
    "Bắc Ninh - " a place."""
    m = _BYLINE.match(line)
    if m:
        return m.group("source").strip(), None
    m = _WIRE_DATELINE.match(line)
    if m:
        return m.group("source").strip(), m.group("place")
    m = _DATELINE.match(line)
    if not m:
        return None, None
    name = m.group("name")
    if " " not in name and ((is_upper_line(name) and len(name) <= 6) or "." in name):
        return name, None
    return None, name


def _headline(lines: list[str], start: int, lead: int, date_at: int | None) -> int | None:
    """The headline among the lines above the lead: not the site's section label nor a byline
    (too short), not a sentence (it ends with a full stop); the last one above the date line
    when the date comes first, else the first one."""
    found = [
        i
        for i in range(start, lead)
        if i != date_at
        and len(_WORD.findall(lines[i])) >= _HEADLINE_WORDS
        and not _is_menu(lines[i])
        and not _WEB_NAME.match(lines[i])
        and not _PAGE_LABEL.match(lines[i])
        and not (lines[i].endswith(".") and not lines[i].endswith(".."))
        and publication_date(lines[i]) is None
    ]
    above = [i for i in found if date_at is not None and i < date_at]
    return above[-1] if above else (found[0] if found else None)


def _masthead(lines: list[str], menu_at: int | None) -> str | None:
    """The newspaper's name printed above its menu, or as the page's first line."""
    if menu_at is not None:
        names = [n for n in lines[:menu_at] if not _PAGE_LABEL.match(n)]
        named = [n for n in names if not _WEB_NAME.match(n)] or names
        return named[0] if named else None
    first = lines[0] if lines else ""
    if len(_WORD.findall(first)) > _MASTHEAD_WORDS or publication_date(first):
        return None
    if _PAGE_LABEL.match(first) or re.search(r"\d", first):
        return None
    if _PRESS_NAME.match(first) or is_upper_line(first) or _WEB_NAME.match(first):
        return first
    if _TITLED_NAME.match(first) and len(lines) > 1 and _WORD.findall(lines[1]):
        return first
    return None


def press_period(title: str | None, body: str) -> str | None:
    """The period a news article reports on, if it states one: in its headline, else in its
    text ("6 tháng đầu năm 2025", "giai đoạn 2016-2020", "trong năm 2024")."""
    for pattern in (PERIOD_SPAN, PERIOD_PART):
        m = pattern.search(title or "")
        if m:
            return m.group(0)
    m = PERIOD_YEAR.search(title or "")
    if m:
        return m.group(1)
    for pattern in (PERIOD_SPAN, PRESS_PERIOD_PART):
        m = pattern.search(body)
        if m:
            return m.group(0)
    m = PRESS_PERIOD_YEAR.search(body)
    return f"năm {m.group(1)}" if m else None


def read_press(text: str, lines: list[str]) -> Header | None:
    """The header of a news article, read from the page's own lines (each normalised alone):
    None when the text does not look like one (a headline and a date line, a menu, a masthead
    or a byline). `lines` are the normalised document's, where the body starts at the headline
    (its figures count)."""
    page = [
        ln.strip() for raw in text.replace("\r", "\n").split("\n")[:80] if (ln := normalise(raw))
    ]
    page = [ln for ln in page if ln.strip(" |")]
    top = page[:30]
    menu_at = next(
        (i for i, ln in enumerate(top[:8]) if _is_menu(ln) and not publication_date(ln)), None
    )
    masthead = _masthead(top, menu_at)
    start = menu_at + 1 if menu_at is not None else (1 if masthead else 0)
    lead = next(
        (
            i
            for i in range(start, len(top))
            if (any(_dateline(top[i])) and not publication_date(top[i]))
            or len(_WORD.findall(top[i])) >= _LEAD_WORDS
        ),
        len(top),
    )
    date_at = next((i for i in range(min(lead + 2, len(top))) if publication_date(top[i])), None)
    at = _headline(top, start, lead, date_at)
    source, place = _dateline(top[lead]) if lead < len(top) else (None, None)
    if place is None:  # a sapo first, the dateline opening the next paragraph ("Bắc Ninh - ")
        place = next((p for ln in top[lead + 1 : lead + 3] if (p := _dateline(ln)[1])), None)
    # A date line printed under the article, among the page's last lines.
    bottom = (
        next((d for ln in reversed(page[-_PAGE_END:]) if (d := publication_date(ln))), None)
        if date_at is None and len(page) > lead + 1
        else None
    )
    if at is None or not (
        date_at is not None or bottom or menu_at is not None or masthead or source or place
    ):
        return None
    h = Header(press=True, title=top[at], place=place)
    h.date = publication_date(top[date_at]) if date_at is not None else bottom
    if masthead is None:
        named = next((ln for ln in top[:lead] if _PRESS_NAME.match(ln) and len(ln) < 80), None)
        notes = (_SOURCE_NOTE.match(ln) for ln in reversed(page[-3:]))
        note = next((m.group("source") for m in notes if m), None)
        masthead = named or source or note
    h.issuer = masthead
    key = top[at][:40]
    h.body_line = next((i for i, ln in enumerate(lines) if key in ln), 0)
    h.period = press_period(h.title, "\n".join(page[lead:]))
    return h


def is_bare(h: Header, lines: list[str]) -> bool:
    """No sign of an official document's header: no number, no type line, no place and date,
    no subject line, no motto."""
    if h.number or h.symbol or h.doc_type or h.date or h.title:
        return False
    return not any(MOTTO.search(ln) for ln in lines[:40])
