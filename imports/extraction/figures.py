"""Find the counted facts in a report's prose: "phát hành 43.000 tờ rơi", "trên 540 lượt người"."""

from __future__ import annotations

import bisect
import math
import re
from decimal import Decimal
from typing import NamedTuple

from documents.references import Reference, find_references
from lib.vndates import CLOCK, find_dates
from lib.vnnumbers import (
    NUMBER_WORDS,
    QUALIFIER_WORDS,
    SCALES,
    parse_number,
    scaled,
    words_to_number,
)
from lib.vntext import LOWER, UPPER, word_alternation

from .found import FoundFigure
from .privacy import personal_data_spans
from .tables import table_figures
from .units import (
    CURRENCY,
    GLUED_MEASURE,
    LABEL_PHRASES,
    LABEL_WORDS,
    NOT_LABELS,
    NOT_UNITS,
    NUMBERED_IN_DIGITS,
    UNIT_AT_START,
)

# A number not glued to a word, a decimal or a date; after a letter and "/" it may be the
# second count of a pair ("12 vụ/25 bị can"; the scanner checks). It may carry a glued "đ" or
# "đồng" ("7.500.000đ") or "%" ("72,5%").
# It opens with its first digit, which lets the regex engine skip the other characters fast;
# the lookbehinds of two characters look at the one before that digit.
# Thousands grouped with spaces ("43 000 tờ rơi") only before a word: two numbers side by side
# ("112 128") are two cells of a table.
NUMERAL = re.compile(
    r"(\d(?:(?<![\w.,/-].)|(?<=[^\W\d_]/.))(?:\d{0,2}(?: \d{3})+(?=\s*[^\W\d_])"
    r"|\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*(?:,\d+)?))"
    r"(?:(?=đ(?:ồng)?(?!\w)|%)|(?=" + GLUED_MEASURE + r")|(?![\w%]|[.,]\d))"
)
_GLUED_MEASURE = re.compile(GLUED_MEASURE)
_WORD_ALT = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
WORD_NUMBER = re.compile(
    rf"({word_alternation(NUMBER_WORDS, whole_word=True)}(?:\s+(?i:{_WORD_ALT}))*)(?!\w)"
)
# A vague quantity stands for its round number, about: "hàng trăm lượt" is about 100 lượt,
# "hàng chục nghìn tờ" about 10.000 tờ ("vài chục", "mấy trăm" stay too vague to count).
VAGUE_ROUND = {"chục": 10, "trăm": 100, "nghìn": 1_000, "ngàn": 1_000, "vạn": 10_000}
VAGUE = re.compile(
    r"(?i)\bhàng\s+(chục|trăm|nghìn|ngàn|vạn)(?:\s+(nghìn|ngàn|vạn))?(?!\w)(?=\s+[^\W\d_])"
)
# The word right before a number that makes it approximate (or, "hàng chục", vague).
QUALIFIER_OF = {
    **{word: kind for kind, words in QUALIFIER_WORDS.items() for word in words},
    "từ": "from",
    **dict.fromkeys(["hàng", "vài", "mấy", "hàng chục"], "vague"),
}
QUALIFIER = re.compile(rf"({word_alternation(QUALIFIER_OF, whole_word=True)})\s+$")
# An estimate's word may stand before a colon or a verb: "ước tính là 3.120 người", "ước
# tính: 840 người", "ước đạt 95%"; or after the figure: "840 người (ước tính)".
ESTIMATE_WORDS = ("ước tính", "ước")
_ESTIMATE_BEFORE = re.compile(
    rf"({word_alternation(ESTIMATE_WORDS, whole_word=True)})"
    r"\s*(?::\s*|\s(?i:là|có|đạt|được|lên tới|lên đến)\s+)$"
)
_ESTIMATE_AFTER = re.compile(rf"(?i)\s*\(\s*{word_alternation(ESTIMATE_WORDS)}\s*\)")


def _listed_word(word: str) -> str:
    """The word of QUALIFIER_OF that QUALIFIER found, whatever its case ("TỐI THİỂU" too)."""
    if word.lower() in QUALIFIER_OF:
        return word.lower()
    return next(key for key in QUALIFIER_OF if re.fullmatch(re.escape(key), word, re.I))


# Periods, phone numbers and ID-like digit runs (openings as in NUMERAL).
PROTECTED = [
    re.compile(r"(?i)giai đoạn\s*(?:từ\s*)?(?:năm\s*)?\d{4}\s*(?:-|–|đến)\s*(?:năm\s*)?\d{4}"),
    re.compile(
        word_alternation(["điện thoại", "đt", "sđt", "fax", "hotline", "đường dây nóng"])
        + r"\s*:?\s*[\d()+. -]{6,}\d"
    ),
    re.compile(r"(?:\((?<![\d.].)0|0(?<![\d.].))\d{2,3}\)?[ .]?\d{3,4}[ .]?\d{3,4}(?!\d)"),
    re.compile(r"\d(?<!\d.)\d{8}(?:\d{3})?(?!\d)"),
    CLOCK,  # "09:15", "22h30", "20 giờ 45 phút": a time of day
    # A news page's time zone and byline: "11:15 GMT+7", "H.Q. và 1 tác giả khác".
    re.compile(r"(?:GMT|UTC)\s*[+-]\s*\d{1,2}"),
    re.compile(r"\d(?<!\d.)\d*\s+tác giả\s+khác"),
    # A house number before its street and ward: "(239 Võ Văn Kiệt, phường Thống Nhất)".
    re.compile(
        rf"\d(?<![\w.,/-].)[\d/]*[A-Z]?\s+[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{0,4}}"
        r"\s*,\s*(?:phường|quận|xã|thị trấn|huyện|thành phố|TP|tỉnh|P\.|Q\.)(?!\w)"
    ),
]
# An e-mail or web address, scanned for only when the text has an "@" or a domain in it.
WEB_ADDRESS = re.compile(r"\S+@\S+|\b[\w.-]+\.(?:vn|com|net|org|gov)\b\S*")
WEB_ADDRESS_CLUE = re.compile(r"@|\.(?:vn|com|net|org|gov)\b")
_WORD_AFTER = re.compile(r"^\s+([^\W\d_]+)")
_RATIO = re.compile(r"\s*/\s*(\d+)(?![\d/])")
_RANGE = re.compile(r"\s*(?:-|–|đến)\s*(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)(?![\w/])")
_DATE_AFTER = re.compile(r"(?i)\s*(?:tháng\s*\d|/\s*\d|và\s+\d+\s+tháng|giờ\s*\d|h\s*\d)")
_PERIOD_MONTHS = re.compile(r"(?i)^\s*(?:đầu|cuối)\s+năm|^\s*năm\s+\d{4}|^\s*/\s*\d{4}")
# Verbs of the work reported, after which even "một" is a count ("phát hiện một cơ sở"); not
# "kiểm tra", which tells an event as often ("kiểm tra một cơ sở lưu trú trên đường ...").
_COUNTING_BEFORE = re.compile(
    r"(?i)\b(?:phát hiện|tổ chức|xử lý|xử phạt|bắt giữ|khởi tố|triệt phá|thụ lý|xét xử"
    r"|tiếp nhận|phát hành|thành lập|mở)\s+$"
)
# "một số" is "some", "một lần nữa" "once more": no count.
_NOT_ONE_AFTER = re.compile(r"(?i)\s+(?:số|lần|cách|phần|mặt|khi|chút|ít)\b")
_REPORTED_BEFORE = re.compile(r"(?i)\b(?:sơ kết|tổng kết|báo cáo|kết quả|đánh giá)\s+$")
# "6 tháng bắt giữ 340 vụ", "Trong 9 tháng, đã kiểm tra ...": months opening a sentence or a
# headline, then the work done in them, are the period reported.
_OPENS_SENTENCE = re.compile(r"(?i)(?:^|[.!?:;\n])\s*(?:trong\s+)?$")
_WORK_AFTER = re.compile(
    r"(?i)^\s*(?:,|qua\b|(?:đã\s+|vừa\s+)?(?:phát hiện|tổ chức|xử lý|xử phạt|bắt giữ|khởi tố"
    r"|triệt phá|thụ lý|xét xử|tiếp nhận|kiểm tra|triển khai))"
)
_PERCENT = re.compile(r"(?i)\s*(?:%|phần trăm)")
# "2 năm 6 tháng tù", "một năm ba tháng": the months of a term in years and months are a second
# figure, not a date part after "năm".
_YEARS_OF_TERM = re.compile(rf"(?i)(?:\d+|{_WORD_ALT})\s+năm\s+$")
_MONTHS_OF_TERM = re.compile(r"(?i)^tháng\b")
_SCALE_ALT = "|".join(SCALES)
_SCALE = re.compile(rf"(?i)\s*({_SCALE_ALT})(?!\w)")
_MORE_AFTER = re.compile(r"(?i)^[^,.;:]{0,25}?\btrở lên\b")
_LOCALITY = re.compile(
    r"(?:tại|ở|trên địa bàn)\s+((?:các\s+)?(?:huyện|thị xã|thành phố|quận|xã|phường|thị trấn|tỉnh)"
    rf"\s+[{UPPER}]\w*(?:\s+[{UPPER}]\w*)*)"
)
# "02 (hai) buổi": the number said again in words, before its unit; "Bằng chữ: ..." restates
# the amount before it.
_SPELLED_AFTER = re.compile(rf"\s*\(\s*(?:{_WORD_ALT})(?:\s+(?:{_WORD_ALT}))*\s*\)", re.IGNORECASE)
_IN_WORDS_LABEL = re.compile(rf"bằng chữ\s*:?\s*\(?\s*(?:(?:{_WORD_ALT})[\s,]*)*$", re.IGNORECASE)
# "1/3 số xã" is a share. "mỗi năm", "trong năm", "đầu năm": "năm" is the year. "trong vòng
# 24 giờ" is a duration, where "lúc 22 giờ" is a time of day. A number inside the quoted name
# of an offence ("tội “Mua bán người dưới 16 tuổi”") is part of the name.
_SHARE_OF = re.compile(r"\s*số\b", re.IGNORECASE)
_EACH_BEFORE = re.compile(
    r"(?i)\b(?:mỗi|hằng|hàng|trong|các|những|cả|nhiều|từng|cùng|đầu|cuối|giữa|nửa|sang|tới|của)\s+$"
)
# A list of labels: the numbers after the first are labels too.
_LABEL_LIST = re.compile(
    r"(?i)\b(?:điều|khoản|điểm|mục|chương|phụ lục)\s+\d+[a-zđ]?(?:\s*,\s*\d+[a-zđ]?)*"
    r"\s*(?:,|và|hoặc)\s*$"
)
# "kiểm điểm 2 đối tượng": "điểm" ends a verb there, not the label "điểm a".
_VERBS_ENDING_IN_LABEL = frozenset({"kiểm điểm"})
# "hai đồng phạm", "ba đồng chí": "đồng" opens a word there, not a currency.
_NOT_MONEY = re.compile(
    r"(?i)\s*đồng\s+(?:phạm|chí|nghiệp|bào|hương|đội|minh|loại|hồ|thời|tình|sự|cảm|bằng)(?!\w)"
)
# "Công an phường Hà Giang 1": a number closing a place's name (unless a count follows).
_PLACE_NAME_BEFORE = re.compile(
    r"(?:phường|xã|quận|huyện|thị trấn|thôn|ấp|bản|khu phố|tổ dân phố)\s+"
    rf"(?:[{UPPER}][{LOWER}]*\s+){{1,3}}$"
)
# "Khu phố 6 chưa ...", "thôn 2", "tổ dân phố 3": a hamlet named by its number.
_NUMBERED_PLACE_BEFORE = re.compile(r"(?i)(?:^|[^\w])(?:khu phố|tổ dân phố|thôn|ấp|xóm|bản)\s+$")
# "7 nữ nhân viên", "hai nam thanh niên": a gender before the counted noun.
_GENDERS = frozenset({"nữ", "nam"})
_TEAM_BEFORE = re.compile(r"(?i)\b(?:đoàn|đội)(?:\s+kiểm tra)?(?:\s+liên ngành)?\s+$")
_LEVEL = re.compile(r"(?i)(?:tỉnh|huyện|thị xã|thành phố|quận|xã|phường|thị trấn)\b")
_LAW_AFTER = re.compile(r"(?i)(?:bộ luật|luật|nghị định|pháp lệnh|thông tư|của)\b")
_DURATION_BEFORE = re.compile(
    r"(?i)\b(?:trong vòng|trong|sau|kéo dài|mất|thời hạn|chậm nhất|không quá)\s+$"
)
_TIME_UNIT = re.compile(r"\s*(giờ|phút)(?!\w)", re.IGNORECASE)
_OFFENCE = re.compile(r"(?:tội|danh)\s*[\"“][^\"”]*$")
BARE_SCALES = frozenset(SCALES)
RATE_BASES = frozenset({"dân", "người dân", "dân số", "hộ dân"})  # "150 người/100.000 dân"
# A figure's description ends at punctuation, but not at the dot or comma inside a number.
_CLAUSE_END = re.compile(r"[;:()\n]|[.,](?!\d)")
# The upper end of a range that repeats the unit: "từ 500.000 đồng | đến 1.500.000 đồng".
_RANGE_TAIL = re.compile(
    r"\s*(?:-|–|đến)\s*(?P<number>(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?)\s*"
    rf"(?:(?P<scale>{_SCALE_ALT})\s+)?",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:và\s+)?|và\s+)")
_LIST_LABEL_END = re.compile(r"\s*[.)]")
_SLASH = re.compile(r"\s*/")
_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_AFTER = re.compile(r"\s*\d{4}")


def protected_spans(text: str, references: list[Reference]) -> list[tuple[int, int]]:
    """Stretches whose digits are dates, periods, document numbers, contact details or a
    person's data (an age, an address)."""
    spans = [(s, e) for s, e, _ in find_dates(text)] + personal_data_spans(text)
    spans += [(r.start, r.end) for r in references]
    for pattern in PROTECTED:
        spans += [m.span() for m in pattern.finditer(text)]
    if WEB_ADDRESS_CLUE.search(text):
        spans += [m.span() for m in WEB_ADDRESS.finditer(text)]
    return spans


def _words_before(text: str, pos: int, n: int) -> str:
    return " ".join(text[max(0, pos - 40) : pos].lower().split()[-n:])


def _in_label_list(text: str, pos: int) -> bool:
    """ "Điều 327, 328 Bộ luật Hình sự", "khoản 1 và 2": the numbers after the first label are
    labels too; but "theo Điều 327 và 05 vụ" goes on with a count."""
    if not _LABEL_LIST.search(text, max(0, pos - 40), pos):
        return False
    return bool(_LAW_AFTER.match(_after_number(text, pos))) or not _count_follows(text, pos)


def _after_number(text: str, pos: int) -> str:
    """The words after the number that starts at pos."""
    parts = text[pos : pos + 60].split(maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


def _count_follows(text: str, pos: int) -> bool:
    """Whether a known unit or a currency follows the number at pos."""
    after = _after_number(text, pos)
    return bool(UNIT_AT_START.match(after) or CURRENCY.match(after))


def _is_label(text: str, pos: int, in_words: bool) -> bool:
    """A number after "Điều", "ngày", "số", "lần thứ" ... is a label or a date part; after
    "Ban Chỉ đạo" it is part of a name ("Ban Chỉ đạo 138")."""
    words = text[max(0, pos - 40) : pos].lower().rsplit(None, 3)[-3:]
    last_two, last_three = " ".join(words[-2:]), " ".join(words)
    last = words[-1].strip('("“') if words else ""
    if (
        last == "năm"
        and _MONTHS_OF_TERM.match(_after_number(text, pos))
        and _YEARS_OF_TERM.search(text, max(0, pos - 30), pos)
    ):
        return False  # "2 năm 6 tháng tù": the term's months
    if last in LABEL_WORDS:
        return (
            last_two not in NOT_LABELS
            and last_two not in _VERBS_ENDING_IN_LABEL
            and not (in_words and last in NUMBERED_IN_DIGITS)
        )
    if (last in ("và", "hoặc") or last.endswith(",")) and _in_label_list(text, pos):
        return True
    if (
        _PLACE_NAME_BEFORE.search(text, max(0, pos - 60), pos)
        or _NUMBERED_PLACE_BEFORE.search(text[max(0, pos - 20) : pos])
    ) and not _count_follows(text, pos):
        return True  # "phường Hà Giang 1 phối hợp"; but "huyện Tam Dương 12 cơ sở" counts
    if last in ("ngành", "tra", "đoàn", "đội") and _TEAM_BEFORE.search(text, max(0, pos - 40), pos):
        # "Đoàn kiểm tra liên ngành 178 (tỉnh)", "Đội 178": its name; "Đoàn kiểm tra 200.000
        # đồng": a sum
        return not _count_follows(text, pos) or bool(_LEVEL.match(_after_number(text, pos)))
    return last_two in LABEL_PHRASES or last_three in LABEL_PHRASES


def _unit_after(text: str, pos: int, need_known: bool) -> tuple[str, int] | None:
    """The counted noun right after a number, as written, and where it ends."""
    rest = text[pos : pos + 60]
    m = UNIT_AT_START.match(rest.lstrip())
    if m:
        return m.group(1), pos + len(rest) - len(rest.lstrip()) + m.end()
    if need_known:
        return None
    m = _WORD_AFTER.match(rest)
    if not m or m.group(1).lower() in NOT_UNITS or m.group(1).lower() in NUMBER_WORDS:
        return None
    return m.group(1), pos + m.end()


def _noun_after(
    text: str, after: int, compound: re.Match[str] | None, in_words: bool
) -> tuple[str, int] | None:
    """The counted noun after a number (and its scale): a measure glued to it ("5kg"), a word
    of "đồng" that is no currency ("đồng phạm"), a known or any noun; past a gender ("7 nữ
    nhân viên" counts nhân viên)."""
    glued = _GLUED_MEASURE.match(text, after, after + 4)
    if glued:
        return glued.group(1), glued.end(1)
    if compound:
        return " ".join(compound.group(0).split()), compound.end()
    found = _unit_after(text, after, need_known=in_words)
    if found and found[0].lower() in _GENDERS:
        rest = text[found[1] : found[1] + 40]
        noun = UNIT_AT_START.match(rest.lstrip())
        if noun:
            found = (noun.group(1), found[1] + len(rest) - len(rest.lstrip()) + noun.end())
    return found


def _in_quoted_name(text: str, near: int, start: int) -> bool:
    """Inside a name in quotes: an offence ("tội “Mua bán người dưới 16 tuổi”"), a campaign
    ("Cuộc vận động “Xây dựng gia đình 5 không, 3 sạch”"), any quoted name with a capital."""
    before = text[near:start]
    at = before.rfind("“")
    if at >= 0 and "”" not in before[at:] and before[at + 1 : at + 2].isupper():
        return True
    at = before.lower().rfind("tội")
    return at >= 0 and bool(_OFFENCE.search(before.lower(), at))


def _time_unit_after(text: str, pos: int) -> tuple[str, int] | None:
    """ "giờ" or "phút" after a number, once the words before say it is a duration."""
    m = _TIME_UNIT.match(text, pos, pos + 12)
    return (m.group(1), m.end()) if m else None


def _what(text: str, start: int) -> str:
    tail = text[start : start + 120]
    end = _CLAUSE_END.search(tail)
    words = tail[: end.start() if end else len(tail)].split()
    return " ".join(words[:10])


def _range_end(text: str, unit: _Unit) -> int:
    """Where a range ending in the same unit and a larger number ends ("từ 18 tuổi đến 35
    tuổi", "từ 500 nghìn đến 1,5 triệu đồng"), or where the unit ends when none follows
    ("25 vụ - 18 vụ đã giải quyết" are two figures)."""
    pos = unit.end
    written = text[unit.after : unit.end].strip()
    tail = _RANGE_TAIL.match(text, pos, pos + 40) if written or unit.unit == "đồng" else None
    if tail is None:
        return pos
    scale = SCALES[tail.group("scale").lower()] if tail.group("scale") else 1
    if (parse_number(tail.group("number")) or 0) * scale <= unit.value:
        return pos
    if not written:
        currency = CURRENCY.match(text, tail.end(), tail.end() + 8)
        return currency.end() if currency else pos
    end = tail.end() + len(written)
    if text[tail.end() : end].lower() != written.lower() or (
        end < len(text) and text[end].isalnum()
    ):
        return pos
    return end


class _Scanner:
    """Walks one text once; every candidate number is accepted or dropped by plain rules."""

    def __init__(self, text: str, parts: list[tuple[int, int]], skip: list[tuple[int, int]]):
        self.text = text
        self.parts = parts
        merged: list[list[int]] = []
        for s, e in sorted(skip):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]
        self.consumed = 0
        self.found: list[FoundFigure] = []

    def protected(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def candidates(self) -> list[tuple[int, int, bool]]:
        """Spans of numbers in digits or in words, in reading order (each pattern matches a
        number whole, so the span is the number)."""
        spans: set[tuple[int, int, bool]] = set()
        for lo, hi in self.parts:
            for pattern, in_words in ((NUMERAL, False), (WORD_NUMBER, True), (VAGUE, True)):
                spans.update((*m.span(), in_words) for m in pattern.finditer(self.text, lo, hi))
        return sorted(spans)

    def run(self) -> list[FoundFigure]:
        """Numbers are parsed only once they are known not to be inside a date or a reference."""
        for start, end, in_words in self.candidates():
            if start < self.consumed or self.protected(start, end):
                continue
            raw = self.text[start:end]
            value: int | Decimal | None
            vague = VAGUE.match(self.text, start) if in_words else None
            if vague:
                value = math.prod(VAGUE_ROUND[w.lower()] for w in vague.groups() if w)
            elif in_words:
                value = words_to_number(raw)
            else:  # most numbers are plain digits, which need no parsing of groups and decimals
                value = Decimal(raw) if raw.isdigit() else parse_number(raw)
            if value is None:
                continue
            figure = self.read(start, end, Decimal(value), in_words)
            if figure:
                self.inherit_qualifier(figure)
                self.found.append(figure)
                self.consumed = figure.end
        return self.found

    def inherit_qualifier(self, figure: FoundFigure) -> None:
        """ "ít nhất 4.200 hộ, 1.800 người và 60.000 học sinh": the qualifier before the first
        figure of a list governs every member that follows it with only a comma or "và"."""
        if figure.qualifier != "exact" or figure.qualifier_word or not self.found:
            return
        last = self.found[-1]
        if last.qualifier != "exact" and _LIST_GAP.fullmatch(self.text, last.end, figure.start):
            figure.qualifier, figure.qualifier_word = last.qualifier, last.qualifier_word

    def read(self, start: int, end: int, value: Decimal, in_words: bool) -> FoundFigure | None:
        """The figure the number at start:end opens, or None when it counts nothing."""
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        near = max(line_start, start - 120)  # the rules below look this far back on the line
        if self.names_or_labels(start, end, line_start, near, value, in_words):
            return None
        if in_words and VAGUE.match(text, start):
            qualified: _Qualified | None = _Qualified("about", "hàng", start)
        else:
            qualified = _qualifier_before(text, start, line_start)
        if qualified is None:
            return None
        if in_words and self.counts_nothing_in_words(start, end, near, value, qualified.kind):
            return None
        number = self.number_end(start, end, value, in_words)
        if number is None:
            return None
        return self.with_unit(start, number, value, qualified, in_words)

    def names_or_labels(
        self, start: int, end: int, line_start: int, near: int, value: Decimal, in_words: bool
    ) -> bool:
        """A list label ("1. ..."), a label or a name ("Điều 5", "tội “... 16 tuổi”"), or a
        number after a slash that is not the second of a pair ("BM/01")."""
        text = self.text
        if _LIST_LABEL_END.match(text, end, end + 2) and not text[line_start:start].strip():
            return True
        if _is_label(text, start, in_words) or _in_quoted_name(text, near, start):
            return True
        return text[start - 1 : start] == "/" and not self.second_of_pair(start, value)

    def counts_nothing_in_words(
        self, start: int, end: int, near: int, value: Decimal, qualifier: str
    ) -> bool:
        """A number in words that is an article, a name, a scale, a year or a restatement."""
        text = self.text
        if (
            value == 1
            and qualifier != "more_than"
            and (
                not _COUNTING_BEFORE.search(text, near, start)
                or _NOT_ONE_AFTER.match(text, end, end + 8)
            )
        ):
            return True  # "một" is mostly the article "a", but "phát hiện một cơ sở" counts
        before = text[near:start].rstrip()
        if text[start].isupper() and before and not before.endswith((".", ":", "-")):
            return True  # a proper name ("Hai Bà Trưng") or an amount restated "(Ba trăm ...)"
        if text[start:end].lower() in BARE_SCALES:
            return True  # "Đơn vị tính: triệu đồng" names a scale, counts nothing
        if text[start:end].lower() == "năm" and _EACH_BEFORE.search(text, start - 20, start):
            return True  # "mỗi năm tổ chức": a year, not five
        return self.restates(near, start)

    def number_end(self, start: int, end: int, value: Decimal, in_words: bool) -> _NumberEnd | None:
        """Where the number ends, past a pair's second count ("12/25") or a range's upper end
        ("10 - 15"); None for a share, a date, a year or a period."""
        text = self.text
        after = end
        ratio = _RATIO.match(text, end, end + 12)
        if ratio:
            after = ratio.end()
            if (
                Decimal(ratio.group(1)) < value
                or in_words
                or _SHARE_OF.match(text, after, after + 6)
            ):
                return None  # "1/3 số xã" is a share, not a count
        elif _SLASH.match(text, end, end + 3) or _DATE_AFTER.match(text, end, end + 14):
            return None
        if _YEAR.fullmatch(text[start:end]):
            return None  # a year, or a period "2021 - 2025"
        ranged = _RANGE.match(text, after, after + 16)
        if ranged and not ratio:
            return _NumberEnd(ranged.end(), parse_number(ranged.group(1)))
        return _NumberEnd(after, None)

    def second_of_pair(self, start: int, value: Decimal) -> bool:
        """A number after "/" counts only right after a figure's unit: "12 vụ/25 bị can"."""
        return bool(self.found) and self.found[-1].end == start - 1 and value != 1

    def _rate_of(self, unit: str) -> bool:
        low = unit.lower()
        return low in RATE_BASES or low == self.found[-1].unit.lower()

    def restates(self, near: int, start: int) -> bool:
        """Words that say again the amount just written in digits: "Bằng chữ: Năm trăm triệu
        đồng", "5,5 tỷ đồng (Năm tỷ, năm trăm triệu đồng)"; not "15 cơ sở (hai đợt)"."""
        text = self.text
        if _IN_WORDS_LABEL.search(text, near, start):
            return True
        opening = text.rfind("(", near, start)
        if opening < 0 or not self.found or self.found[-1].end < opening - 2:
            return False
        closing = text.find(")", start)
        inside = text[opening + 1 : closing if closing >= 0 else start + 80].replace(",", " ")
        words = [w for w in inside.split() if w.lower() in NUMBER_WORDS]
        return words_to_number(" ".join(words)) == self.found[-1].value

    def with_unit(
        self, start: int, number: _NumberEnd, value: Decimal, qualified: _Qualified, in_words: bool
    ) -> FoundFigure | None:
        """The figure with its unit, or None when no unit follows or it names the period."""
        text = self.text
        unit = self.unit_of(number, qualified.quote_start, value, in_words)
        if unit is None or _names_the_period(text, unit):
            return None
        unit_end = _range_end(text, unit)
        qualifier = qualified.kind
        after_unit = text[unit_end : unit_end + 40]
        tail = _MORE_AFTER.match(after_unit) if "trở lên" in after_unit.lower() else None
        if qualifier == "exact" and tail:
            unit_end += tail.end()
            qualifier = "more_than"
        estimate = _ESTIMATE_AFTER.match(text, unit_end, unit_end + 16)
        word = qualified.word
        if qualifier == "exact" and estimate:
            unit_end = estimate.end()
            qualifier, word = "about", ESTIMATE_WORDS[0]
        if text[start - 1 : start] == "/" and self._rate_of(unit.unit):
            return None  # "150 người/100.000 dân", "45 điểm/100 điểm": a rate's base
        loc = _LOCALITY.search(text, unit_end, unit_end + 120)
        described = _what(text, unit.start) if unit.unit != "%" else _what(text, unit_end).strip()
        return FoundFigure(
            value=unit.value,
            qualifier=qualifier,
            qualifier_word=word,
            unit=unit.unit,
            what=described,
            quote=" ".join(text[unit.quote_start : unit_end].split()),
            start=unit.quote_start,
            end=unit_end,
            locality=loc.group(1) if loc else None,
        )

    def unit_of(
        self, number: _NumberEnd, quote_start: int, value: Decimal, in_words: bool
    ) -> _Unit | None:
        """The unit after the number: "%", a currency (its scale applied to the value), a
        counted noun, a duration's "giờ", or "tuổi" said before the number. The scale after a
        range's upper end applies to its lower end too ("từ 20 đến 50 triệu đồng"), unless
        that is already written in full ("từ 300.000 đến 1,5 triệu đồng")."""
        text = self.text
        after = number.after
        spelled = _SPELLED_AFTER.match(text, after, after + 40)
        if spelled:
            after = spelled.end()  # "02 (hai) buổi": the unit follows the number in words
        unit_start = after
        percent = _PERCENT.match(text, after, after + 12)
        if percent:
            return _Unit("%", unit_start, percent.end(), after, value, quote_start)
        scale = _SCALE.match(text, after, after + 8)
        if scale:
            if number.upper is None or value < number.upper:
                value = scaled(value, SCALES[scale.group(1).lower()])
            after = scale.end()
        compound = _NOT_MONEY.match(text, after, after + 24)
        cur = None if compound else CURRENCY.match(text, after, after + 8)
        if cur:
            return _Unit("đồng", unit_start, cur.end(), after, value, quote_start)
        found = _noun_after(text, after, compound, in_words)
        if not found and _DURATION_BEFORE.search(text, max(0, quote_start - 20), quote_start):
            found = _time_unit_after(text, after)
        if scale and (not found or found[0].lower() in NOT_UNITS):
            return _Unit("đồng", unit_start, after, after, value, quote_start)
        if found:
            unit, unit_end = found
            return _Unit(unit, unit_end - len(unit), unit_end, after, value, quote_start)
        if _words_before(text, quote_start, 1) != "tuổi":
            return None
        return _Unit("tuổi", unit_start, after, after, value, text.rfind("tuổi", 0, quote_start))


class _Qualified(NamedTuple):
    """The qualifier before a number: its kind, the word as written, where the quote starts."""

    kind: str
    word: str
    quote_start: int


def _qualifier_before(text: str, start: int, line_start: int) -> _Qualified | None:
    """The qualifier word just before the number ("hơn", "khoảng"), exact when none; None for
    a vague one ("hàng chục"), which counts nothing."""
    q = QUALIFIER.search(text, max(line_start, start - 20), start)
    if not q:
        estimate = _ESTIMATE_BEFORE.search(text, max(line_start, start - 24), start)
        if estimate:
            return _Qualified("about", estimate.group(1).lower(), estimate.start())
        return _Qualified("exact", "", start)
    word = _listed_word(q.group(1))
    kind = QUALIFIER_OF[word]
    if kind == "vague":
        return None
    if kind == "from":
        return _Qualified("exact", "", q.start())
    return _Qualified(kind, word, q.start())


class _NumberEnd(NamedTuple):
    """Where a number ends, and the upper end of the range it opens, if it opens one."""

    after: int
    upper: Decimal | None


class _Unit(NamedTuple):
    """A figure's unit as found after its number, and what finding it settled."""

    unit: str
    start: int  # where the unit's words begin ("what" is read from there)
    end: int
    after: int  # where the number ends, past a scale word ("5 tỷ")
    value: Decimal  # the value, a scale word applied
    quote_start: int


def _names_the_period(text: str, unit: _Unit) -> bool:
    """ "năm 2024", "6 tháng đầu năm", "sơ kết 6 tháng": the period reported, not a count."""
    low = unit.unit.lower()
    follow = text[unit.end : unit.end + 16]
    if low == "năm":
        return bool(_YEAR_AFTER.match(follow))
    if low == "tháng":
        quote_start = unit.quote_start
        return bool(
            _PERIOD_MONTHS.match(follow)
            or _REPORTED_BEFORE.search(text, max(0, quote_start - 20), quote_start)
            or (
                _OPENS_SENTENCE.search(text[max(0, quote_start - 12) : quote_start])
                and _WORK_AFTER.match(follow)
            )
        )
    return False


def find_figures(
    text: str,
    parts: list[tuple[int, int]] | None = None,
    references: list[Reference] | None = None,
) -> list[FoundFigure]:
    """Every figure in the given parts of text (the body and the annexes; the whole text by
    default), in reading order."""
    parts = parts or [(0, len(text))]
    if references is None:
        references = find_references(text)
    tables = table_figures(text, parts)
    skip = protected_spans(text, references) + tables.spans
    figures = _Scanner(text, parts, skip).run() + tables.figures
    return sorted(figures, key=lambda f: f.start)
