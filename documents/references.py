"""Read references to legal documents as written: "Kế hoạch số 21/KH-BCĐ ngày 07/02/2023 của ..."."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lib.dockinds import CODE_BY_NAME, NAME_BY_CODE
from lib.vndates import NUMERIC_DATE, WORDY_DATE, PartialDate
from lib.vntext import LOWER, UPPER

# "văn bản số 12/UBND-VX" names no kind: the code in the symbol does, if any.
KINDS = {**CODE_BY_NAME, "Văn bản": ""}

_TOKEN = rf"[{UPPER}0-9][{UPPER}{LOWER}0-9]*"
# A symbol is tokens joined by "-", "/" or "&", spaces allowed around them ("LĐTĐ & XH-PCTNXH").
SYMBOL = rf"{_TOKEN}(?:\s*[-/&]\s*{_TOKEN})*"
_KIND_WORDS = "|".join(sorted(KINDS, key=len, reverse=True))
# "Pháp lệnh Phòng, chống mại dâm số 10/2003/PL-UBTVQH11": a name in capitals between the
# kind and "số".
_NAMED = rf"(?:\s+[{UPPER}][^;:.\n()/]{{0,70}}?(?=\s+(?i:số)))?"
REFERENCE = re.compile(
    rf"(?P<kind>(?i:{_KIND_WORDS})){_NAMED}\s+(?:(?i:số)\s*:?\s*)?(?P<number>\d+)\s*(?P<sep>[/-])\s*"
    rf"(?P<symbol>{SYMBOL})"
)
_NUMBER_SEPARATOR = re.compile(r"\d+\s*[/-]")
# "Kế hoạch số 06 về ...": a press article names a document by its number alone; "số" must
# say so, since "Kế hoạch 2021" is no document.
_BARE_NUMBER = re.compile(r"(?i:số)\s*:?\s*(?P<number>\d+)(?![\d/.,]|\s*[/-]\s*\w)")
# The kind and "số" right before a reference's number; a reference whose kind stands further
# back than this (over 50 blanks between the words) is not read.
_KIND_BEFORE = re.compile(rf"(?i:{_KIND_WORDS}){_NAMED}\s+(?:(?i:số)\s*:?\s*)?$")
_KIND_REACH = 120
_DATE_AFTER = re.compile(r"^\s*,?\s*(?:ban hành\s+)?(?=ngày\s)")
_ISSUER_AFTER = re.compile(r"^\s*,?\s*của\s+")
# Where a named issuer ends: the subject matter, a new clause, another document.
_ISSUER_END = re.compile(
    rf"\s+(?:về|v/v|phê duyệt|ban hành|hướng dẫn|quy định|triển khai|thực hiện|tại|đã|đối với|"
    rf"trong|nhằm|và\s+(?:{_KIND_WORDS}))\b|\s+(?={_KIND_WORDS}\b)|[;:(.\n|]|,\s+(?=[{LOWER}])|"
    rf"\s+-\s+(?=[{LOWER}])|$",
)
_SUBJECT_BEFORE = re.compile(
    rf"(?:^|[;:.\n]\s*)(?P<subject>[{UPPER}][^;:.\n]{{1,60}}?)\s+(?:(?:đã|vừa|mới|đã vừa)\s+)?ban hành\s+$"
)


@dataclass(frozen=True)
class Reference:
    """One document named in a text, with its parts kept as written."""

    kind: str
    kind_code: str
    number: str
    symbol: str  # "" when the text gives the number alone
    date: dt.date | None
    issuer: str | None
    text: str
    start: int = 0
    end: int = 0

    def key(self) -> str:
        return f"{self.number}/{self.symbol}".replace(" ", "").lower()

    def as_dict(self) -> dict[str, str | None]:
        return {
            "kind": self.kind,
            "number": self.number,
            "symbol": self.symbol or None,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
        }


def _kind_of(word: str, symbol: str) -> tuple[str, str]:
    name = next(k for k in KINDS if k.lower() == word.lower())
    if KINDS[name]:
        return name, KINDS[name]
    # "văn bản số 12/UBND-VX": the type code inside the symbol names the kind; none means dispatch.
    for part in re.split(r"[-/]", symbol):
        if part.strip() in NAME_BY_CODE:
            return NAME_BY_CODE[part.strip()], part.strip()
    return "Công văn", "CV"


def _date_at(text: str) -> tuple[dt.date | None, int]:
    lead = _DATE_AFTER.match(text)
    if not lead:
        return None, 0
    m = WORDY_DATE.match(text, lead.end())
    if not m:
        m = NUMERIC_DATE.match(text, lead.end() + len("ngày "))
    if not m:
        return None, 0
    g = m.groupdict()
    when = PartialDate(
        int(g["y"]), int(g["m"]) if g["m"] else None, int(g["d"]) if g["d"] else None
    )
    return when.to_date(), m.end()


def _issuer_at(text: str) -> tuple[str | None, int]:
    lead = _ISSUER_AFTER.match(text)
    if not lead:
        return None, 0
    rest = text[lead.end() : lead.end() + 160]
    end = _ISSUER_END.search(rest)
    issuer = rest[: end.start() if end else len(rest)].strip(" ,")
    return (issuer or None), lead.end() + len(issuer)


def _subject_before(text: str, start: int) -> str | None:
    """The agency that "ban hành" the document: "Ban Dân tộc ban hành Kế hoạch số 50/KH-BDT"."""
    m = _SUBJECT_BEFORE.search(text[max(0, start - 80) : start])
    if not m:
        return None
    subject = m.group("subject").strip()
    return subject if len(subject.split()) <= 8 else None


def _build(m: re.Match[str], text: str) -> Reference:
    symbol = (m.group("symbol") or "").strip()
    kind, code = _kind_of(m.group("kind"), symbol)
    end = m.end()
    date, used = _date_at(text[end : end + 60])
    end += used
    issuer, used = _issuer_at(text[end:])
    end += used
    if issuer is None:
        issuer = _subject_before(text, m.start())
    return Reference(
        kind=kind,
        kind_code=code,
        number=m.group("number"),
        symbol=symbol,
        date=date,
        issuer=issuer,
        text=text[m.start() : end].strip(),
        start=m.start(),
        end=end,
    )


def _matches(text: str):
    """What REFERENCE.finditer finds, with the kinds looked for only before a number and its
    separator.

    Trying the long alternation of kinds at every letter of a report cost more than reading
    the references found; every reference has a number followed by "/" or "-" (a few hundred
    in a long report), and only the words just before one can open it. As with finditer, a
    match is consumed even when it is dropped: "kế hoạch 2021-2025" is a period, not a
    document, since a symbol always has a letter.
    """
    pos = 0
    while anchor := _NUMBER_SEPARATOR.search(text, pos):
        kind = _KIND_BEFORE.search(text, max(pos, anchor.start() - _KIND_REACH), anchor.start())
        m = REFERENCE.match(text, kind.start()) if kind else None
        if m is None:
            pos = anchor.end()
            continue
        pos = m.end()
        if re.search(r"[^\W\d_]", m.group("symbol")):
            yield m


_BARE_REFERENCE = re.compile(
    rf"(?P<kind>(?i:{_KIND_WORDS}))\s+(?i:số)\s*:?\s*(?P<number>\d+)(?P<symbol>)"
)


def _bare_matches(text: str):
    """ "Kế hoạch số 06": references by their number alone, found from "số" and its number."""
    for anchor in _BARE_NUMBER.finditer(text):
        kind = _KIND_BEFORE.search(text, max(0, anchor.start() - _KIND_REACH), anchor.start())
        m = _BARE_REFERENCE.match(text, kind.start()) if kind else None
        if m is not None and m.end() == anchor.end():
            yield m


def find_references(text: str) -> list[Reference]:
    """Every document reference in text, in reading order (repeats included)."""
    found = [_build(m, text) for m in _matches(text)]
    found += [_build(m, text) for m in _bare_matches(text)]
    return sorted(found, key=lambda r: r.start)


def parse_reference(text: str) -> Reference | None:
    """The first reference in text, or None."""
    m = next(_matches(text), None)
    return _build(m, text) if m else None
