"""Vietnamese dates, full or partial, and the reporting windows of Decree 09/2019/NĐ-CP."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PartialDate:
    """A date as written; drafts leave the day (or month) blank: "ngày   tháng 12 năm 2023"."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, when: dt.date) -> PartialDate:
        return cls(when.year, when.month, when.day)

    def to_date(self) -> dt.date | None:
        if self.year and self.month and self.day:
            try:
                return dt.date(self.year, self.month, self.day)
            except ValueError:
                return None
        return None

    def as_dict(self) -> dict[str, int | None]:
        return {"year": self.year, "month": self.month, "day": self.day}


# Each pattern opens with a class of the characters a match can start with, which lets the
# regex engine skip the other positions fast (see lib.vntext.word_alternation); a lookbehind
# of two characters right after that first one looks at the character before the match.
# "ngày 28 tháng 9 năm 2021", "ngày   tháng 12 năm 2023" (blank day), "tháng 12 năm 2023".
WORDY_DATE = re.compile(
    r"[nNtT](?:(?<=[nN])(?i:gày)\s*(?P<d>\d{1,2})?\s*(?i:tháng)|(?<=[tT])(?i:háng))"
    r"\s*(?P<m>\d{1,2})?\s*(?i:năm)\s*(?P<y>(?:19|20)\d\d)(?!\d)"
)
# "07/02/2023", "7-2-2023", "7.2.2023", and day-month only "20/12" after "ngày".
NUMERIC_DATE = re.compile(
    r"(?P<d>\d(?<![\d/.-].)\d?)\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*"
    r"(?P<y>(?:19|20)\d\d)(?![\d/])"
)
SHORT_DATE = re.compile(r"[nN](?<!\w.)(?i:gày)\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/])")


def _valid(d: int | None, m: int | None) -> bool:
    return (d is None or 1 <= d <= 31) and (m is None or 1 <= m <= 12)


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def find_dates(text: str) -> list[tuple[int, int, PartialDate]]:
    """Every date written in text, as (start, end, PartialDate), in reading order."""
    found = []
    for pattern in (WORDY_DATE, NUMERIC_DATE, SHORT_DATE):
        for m in pattern.finditer(text):
            groups = m.groupdict()
            day, month = _int(groups.get("d")), _int(groups.get("m"))
            if not _valid(day, month):
                continue
            found.append((m.start(), m.end(), PartialDate(_int(groups.get("y")), month, day)))
    found.sort(key=lambda f: (f[0], -f[1]))
    out: list[tuple[int, int, PartialDate]] = []
    for item in found:
        if out and item[0] < out[-1][1]:
            continue
        out.append(item)
    return out


def parse_date(text: str) -> PartialDate | None:
    """The first date in text, full or partial."""
    dates = find_dates(text)
    return dates[0][2] if dates else None


# A news page's date line: "Thứ Hai, 12/05/2025 09:15", "12/05/2025 - 09:15 (GMT+7)", "Cập nhật:
# 12/5/2025", "Ngày đăng: ...", "Thứ bảy, ngày 3/5/2025", "18:35 02/09/2013". What is left of
# such a line once its date, clock time, weekday and label are taken out is at most a byline.
_WEEKDAY = re.compile(
    r"(?i)\b(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật)(?!\w)|(?<!\w)(?:CN|T[2-7])(?!\w)"
)
# A time of day: "09:15", "22h30", "20 giờ 45 phút", "10:20 AM".
CLOCK = re.compile(
    r"\d(?<![\d:.,].)\d?(?::[0-5]\d(?::[0-5]\d)?|[hH][0-5]\d|\s*giờ\s*[0-5]?\d(?:\s*phút)?)(?![\d:])"
    r"(?:\s*(?:AM|PM|SA|CH)\b)?"
)
_PUBLICATION_LABEL = re.compile(
    r"(?i)(?:ngày\s+)?(?:cập\s+nhật|đăng\s+tải|đăng|xuất\s+bản|phát\s+hành)(?:\s+(?:lúc|ngày|vào))?"
    r"|thời\s+gian(?:\s+đăng)?|(?:GMT|UTC)\s*[+-]\s*\d{1,2}|\bngày\b|\blúc\b"
)
_BYLINE_WORDS = 5
DATE_LINE_LENGTH = 100


def publication_date(line: str) -> PartialDate | None:
    """The date a news page prints on a line of its own (with its time, its weekday, a label
    "Cập nhật:" or a byline beside it); None for a line that says more than that."""
    if len(line) > DATE_LINE_LENGTH:
        return None
    dates = [d for d in find_dates(line) if d[2].to_date() is not None]
    if len(dates) != 1:
        return None
    start, end, date = dates[0]
    rest = line[:start] + " " + line[end:]
    for pattern in (CLOCK, _WEEKDAY, _PUBLICATION_LABEL):
        rest = pattern.sub(" ", rest)
    words = re.findall(r"[^\W\d_]+", rest)
    return date if len(words) <= _BYLINE_WORDS and not re.search(r"\d", rest) else None
