"""Numbers as Vietnamese officials write them: "43.000", "02", "33,24%", "1,5 tỷ đồng", "mười hai"."""

from __future__ import annotations

import re
from decimal import Decimal

# The words before a number that make it approximate, keyed by the qualifier they give
# ("more_than", "about": the values of datavalues.models.Qualifier).
QUALIFIER_WORDS = {
    "more_than": ("hơn", "trên", "ít nhất", "tối thiểu", "không dưới"),
    "about": ("khoảng", "gần", "xấp xỉ", "ước tính", "ước", "chừng", "độ", "trên dưới"),
}

DIGITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
SCALES = {
    "nghìn": 1_000,
    "ngàn": 1_000,
    "triệu": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
}
NUMBER_WORDS = frozenset({*DIGITS, *SCALES, "mười", "mươi", "trăm", "linh", "lẻ"})

_FIGURE = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_STRICT = re.compile(rf"^(?:{_FIGURE})$")
_ENGLISH_DECIMAL = re.compile(r"^\d+\.\d{1,2}$")
_COMMA_THOUSANDS = re.compile(r"^\d{1,3},\d{3}$")
_COMMA_GROUPS = re.compile(r"^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$")
# The same rules as patterns for the entry form's offline checks (rounds.offline).
FIGURE_PATTERN = _STRICT.pattern
TWO_WAYS_PATTERNS = (_COMMA_THOUSANDS.pattern, _ENGLISH_DECIMAL.pattern, _COMMA_GROUPS.pattern)
NOT_A_NUMBER = (
    "«{text}» không phải là số hợp lệ. Nhập chữ số, dùng dấu chấm phân cách hàng nghìn và "
    "dấu phẩy cho phần thập phân (ví dụ 43.000 hoặc 12,5)."
)


def _read(s: str) -> Decimal | None:
    """The Vietnamese reading of a compact figure ("43.000", "12,5"), or None."""
    if not _STRICT.match(s):
        return None
    return Decimal(s.replace(".", "").replace(",", "."))


def _compact(text: str) -> str:
    return text.strip().replace(" ", "").replace("\u00a0", "")


def _plain(value: Decimal) -> str:
    """A value as an officer types it, without grouping: 43 -> "43", 1.25 -> "1,25"."""
    return f"{value.normalize():f}".replace(".", ",")


def parse_decimal(text: str) -> Decimal:
    """A figure an officer typed, exactly, read one way only; ValueError saying how to type it.

    "." groups thousands and "," marks decimals; spaces (also non-breaking ones) are ignored.
    Refused because they read two ways (the message shows both readings and what to type):
    - a comma followed by exactly three digits and no other separator ("43,000", "1,250"):
      the Vietnamese decimal 43 or 1,25, or the English grouping 43.000 or 1.250;
    - a dot followed by one or two digits and no other separator ("1.5", "12.25"): an English
      decimal, since a thousands group has three digits; it is typed 1,5.
    Commas grouping thousands more than once ("1,250,000") are refused with the Vietnamese way.
    Everything else that is no figure by the convention gets NOT_A_NUMBER.
    """
    s = _compact(text)
    if _COMMA_THOUSANDS.match(s):
        whole = int(s.replace(",", ""))
        decimal = _plain(Decimal(s.replace(",", ".")))
        raise ValueError(
            f"«{s}» có thể hiểu là {decimal} hoặc {group_thousands(whole)}. "
            f"Nếu là {number_to_words(whole)}, hãy gõ {group_thousands(whole)}; "
            f"nếu là {decimal}, hãy gõ {decimal}."
        )
    if _ENGLISH_DECIMAL.match(s):
        decimal = s.replace(".", ",")
        whole = int(s.replace(".", ""))
        raise ValueError(
            f"«{s}» có thể hiểu là {decimal} hoặc {group_thousands(whole)}, nhưng dấu chấm chỉ "
            "dùng để phân cách hàng nghìn theo nhóm ba chữ số. Số thập phân viết bằng dấu phẩy: "
            f"nếu là {decimal}, hãy gõ {decimal}; nếu là {number_to_words(whole)}, "
            f"hãy gõ {group_thousands(whole)}."
        )
    if _COMMA_GROUPS.match(s):
        meant = s.replace(".", "#").replace(",", ".").replace("#", ",")
        raise ValueError(
            f"«{s}» dùng dấu phẩy để phân cách hàng nghìn. Theo cách viết của Việt Nam, "
            f"hãy gõ {meant}."
        )
    value = _read(s)
    if value is None:
        raise ValueError(NOT_A_NUMBER.format(text=text.strip()))
    return value


def group_thousands(value: int) -> str:
    """12345 -> "12.345"."""
    return f"{value:,}".replace(",", ".")


def scaled(value: Decimal, factor: int) -> Decimal:
    """value × factor, exactly: 8,3 tỷ is 8300000000."""
    return value if factor == 1 else value * factor


def parse_number(text: str) -> Decimal | None:
    """Value of a numeral found in a document; also reads "1.5", which groups no thousands.

    Documents are read leniently (the reader sees the context): "1,250" is 1,25 here, while an
    officer typing it gets parse_decimal's question.
    """
    s = text.strip().replace(" ", "")
    if _ENGLISH_DECIMAL.match(s):
        return Decimal(s)
    return _read(s.replace("\u00a0", ""))


_UNITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _below_thousand_words(n: int, full: bool) -> list[str]:
    """Words of 0 < n < 1000; `full` says "không trăm" and "linh" where a group is not the first."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [_UNITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_UNITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 4 and tens > 1:
        words.append("tư")
    elif units == 5 and tens > 0:
        words.append("lăm")
    elif units:
        words.append(_UNITS[units])
    return words


def number_to_words(value: int) -> str:
    """A whole number as officials read it aloud: 43000 -> "bốn mươi ba nghìn"."""
    if value == 0:
        return "không"
    words: list[str] = []
    for size, name in ((10**9, "tỷ"), (10**6, "triệu"), (10**3, "nghìn"), (1, "")):
        group = value // size % 1000 if size < 10**9 else value // size
        if group:
            head = number_to_words(group).split() if size == 10**9 else None
            words += head or _below_thousand_words(group, full=bool(words))
            words += [name] if name else []
    return " ".join(words)


def _below_thousand(words: list[str]) -> int | None:
    value = 0
    current = 0
    seen = False
    i = 0
    while i < len(words):
        w = words[i]
        if w == "trăm":
            current = (current or 1) * 100
            value, current = value + current, 0
        elif w in {"linh", "lẻ"}:
            pass
        elif w == "mười":
            current += 10
        elif w == "mươi":
            current = (current or 1) * 10
        elif w in DIGITS:
            digit = DIGITS[w]
            if w in {"lăm", "mốt", "tư"} and not (current or value):
                return None  # "lăm" alone is no number
            current += digit
        else:
            return None
        seen = True
        i += 1
    return value + current if seen else None


def words_to_number(text: str) -> int | None:
    """Value of a number written in words ("mười hai" -> 12, "hai nghìn năm trăm" -> 2500)."""
    words = text.lower().split()
    if not words or any(w not in NUMBER_WORDS for w in words):
        return None
    total = 0
    chunk: list[str] = []
    for w in words:
        if w in SCALES:
            part = _below_thousand(chunk) if chunk else 1
            if part is None:
                return None
            total += part * SCALES[w]
            chunk = []
        else:
            chunk.append(w)
    if chunk:
        rest = _below_thousand(chunk)
        if rest is None:
            return None
        total += rest
    return total


_MONEY_SCALE = re.compile(r"^\s*(nghìn|ngàn|triệu|tỷ|tỉ)\b", re.IGNORECASE)


def parse_quantity(text: str) -> tuple[Decimal, str] | None:
    """A number with its unit: "45 triệu đồng" -> (45000000, "đồng"), "33,24%" -> (33.24, "%")."""
    m = re.match(r"^\s*(\d[\d.,]*)\s*(.*)$", text, re.DOTALL)
    if m:
        value = parse_number(m.group(1))
        rest = m.group(2)
    else:
        words = text.split()
        n = 0
        while n < len(words) and words[n].lower() in NUMBER_WORDS:
            n += 1
        count = words_to_number(" ".join(words[:n])) if n else None
        value = None if count is None else Decimal(count)
        rest = " ".join(words[n:])
    if value is None:
        return None
    rest = rest.strip()
    if rest.startswith("%"):
        return value, "%"
    scale = _MONEY_SCALE.match(rest)
    if scale:
        value *= SCALES[scale.group(1).lower()]
        rest = rest[scale.end() :].strip()
    return value, rest.split()[0].strip(",.;:") if rest else ""
