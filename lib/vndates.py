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
