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


def parse_decimal(text: str) -> Decimal | None:
    """A figure as officials type it ("43.000", "43000", "12,5"), exactly; None if it is none.

    "." groups thousands and "," marks decimals; spaces (also non-breaking ones) are ignored.
    """
    s = text.strip().replace(" ", "").replace("\u00a0", "")
    if not _STRICT.match(s):
        return None
    return Decimal(s.replace(".", "").replace(",", "."))


def scaled(value: float, factor: int) -> float:
    """value × factor without binary rounding: 8,3 tỷ is 8300000000, not 8300000000.000001."""
    return value if factor == 1 else float(Decimal(repr(value)) * factor)


def parse_number(text: str) -> float | None:
    """Value of a numeral found in a document; also reads "1.5", which groups no thousands."""
    s = text.strip().replace(" ", "")
    if _ENGLISH_DECIMAL.match(s):
        return float(s)
    value = parse_decimal(s)
    return None if value is None else float(value)


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


def parse_quantity(text: str) -> tuple[float, str] | None:
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
        value = words_to_number(" ".join(words[:n])) if n else None
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
