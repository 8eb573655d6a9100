"""Warn about, and mask, personal data in a document: tonghop must never keep it."""

from __future__ import annotations

import re

from lib.vntext import LOWER, UPPER

ID_NUMBER = re.compile(
    r"(?i)(?:cccd|cmnd|căn cước|chứng minh nhân dân|định danh|hộ chiếu)\D{0,20}(?:\d{9}|\d{12})(?!\d)"
    r"|(?<![\d.,/])(?:\d{9}|\d{12})(?![\d.,/])"
)
NAME = rf"(?<!\w)[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]+){{1,4}}"
BIRTH = re.compile(
    rf"(?P<name>{NAME})\s*[,(]?\s*(?:sinh năm|sinh ngày|năm sinh|ngày sinh|SN)\s*:?\s*"
    r"(?P<born>\d[\d/.-]*\d|\d)",
)
# A person named in full or by initials ("Nguyễn Văn A", "N.V.A"), then their age, or an age
# followed by where the person lives: one person's age, never a figure of the work.
PERSON = rf"(?:{NAME}(?:\s+[{UPPER}](?!\w)\.?)?|(?<!\w)[{UPPER}]\.(?:\s?[{UPPER}](?!\w)\.?){{1,3}})"
AGE = re.compile(
    rf"(?P<name>{PERSON})\s*[,(]\s*(?:(?:nam|nữ)\s*,\s*)?(?P<age>\d{{1,3}})\s*tuổi(?!\w)"
    r"|(?<![\d.,])(?P<lone>\d{1,3})\s*tuổi\s*[,)]?\s*,?\s*"
    r"(?:trú|thường trú|HKTT|quê|ngụ|địa chỉ)(?!\w)"
)
ADDRESS = re.compile(
    rf"(?P<name>{NAME})(?:[^;.\n]{{0,80}}?)?\s*,\s*(?:trú tại|thường trú(?: tại)?|HKTT|địa chỉ)\b"
    r"\s*:?\s*(?P<where>[^;.\n]{0,120})"
)
DIGITS = re.compile(r"\d+")
MASK = "•"
# What every hit of a pattern contains: one cheap scan rules most documents out, where the
# patterns themselves try a name at every capital letter.
CLUES = {
    ID_NUMBER: re.compile(r"\d{9}"),
    BIRTH: re.compile(r"sinh năm|sinh ngày|năm sinh|ngày sinh|SN"),
    ADDRESS: re.compile(r"trú|HKTT|địa chỉ"),
    AGE: re.compile(r"tuổi"),
}
CHECKS = (
    (ID_NUMBER, "một số giống số CMND/CCCD"),
    (BIRTH, "họ tên đi kèm ngày hoặc năm sinh"),
    (ADDRESS, "họ tên đi kèm nơi cư trú"),
    (AGE, "tuổi của một người cụ thể"),
)


def _hits(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return list(pattern.finditer(text)) if CLUES[pattern].search(text) else []


def personal_data_warnings(text: str) -> list[str]:
    """Vietnamese warnings naming what looks personal and where, without repeating the data."""
    warnings = []
    for pattern, what in CHECKS:
        hits = _hits(pattern, text)
        if hits:
            lines = sorted({text.count("\n", 0, m.start()) + 1 for m in hits})
            where = ", ".join(str(n) for n in lines[:10])
            warnings.append(
                f"Văn bản có thể chứa dữ liệu cá nhân ({what}) ở đoạn {where}. "
                "Hệ thống chỉ lưu số liệu tổng hợp: hãy xóa thông tin cá nhân trước khi lưu."
            )
    return warnings


def personal_data_spans(text: str) -> list[tuple[int, int]]:
    """Where the flagged personal data sits: ID digits, names, birth dates, addresses, ages."""
    spans = [
        (m.start() + d.start(), m.start() + d.end())
        for m in _hits(ID_NUMBER, text)
        for d in DIGITS.finditer(m.group(0))
    ]
    spans += [s for m in _hits(BIRTH, text) for s in (m.span("name"), m.span("born"))]
    spans += [s for m in _hits(ADDRESS, text) for s in (m.span("name"), m.span("where"))]
    spans += [m.span(group) for m in _hits(AGE, text) for group in ("name", "age", "lone")]
    return sorted({s for s in spans if s[1] > s[0]})


def redact(text: str) -> tuple[str, list[str]]:
    """The text with every flagged stretch masked letter by letter (offsets stay valid),
    and the masked strings, so that copies of them elsewhere can be masked too."""
    chars = list(text)
    masked = []
    for start, end in personal_data_spans(text):
        masked.append(text[start:end])
        for i in range(start, end):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars), masked


def mask_strings(text: str, masked: list[str]) -> str:
    """Mask every copy of the given strings in a short text (a figure's quote, its label)."""
    for item in sorted(set(masked), key=len, reverse=True):
        text = text.replace(item, re.sub(r"\S", MASK, item))
    return text
