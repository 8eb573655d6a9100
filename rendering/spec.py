"""Plain description of an official document (Decree 30/2020/NĐ-CP), independent of storage."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal

from lib.vndates import PartialDate
from lib.vnformat import figure_text, format_number


class Kind(enum.Enum):
    """Document type: printed name (none on a Công văn) and name inside a sentence."""

    REPORT = ("BÁO CÁO", "Báo cáo")
    PLAN = ("KẾ HOẠCH", "Kế hoạch")
    DISPATCH = (None, "Công văn")

    def __init__(self, type_name: str | None, noun: str) -> None:
        self.type_name = type_name
        self.noun = noun


class Authority(enum.StrEnum):
    """Prefix of the signer's title when signing on someone else's behalf."""

    ON_BEHALF_OF_BODY = "TM."
    DEPUTY = "KT."
    BY_ORDER = "TL."
    BY_AUTHORISATION = "TUQ."
    ACTING = "Q."


@dataclass(frozen=True)
class Heading:
    """Section heading; level 1 is numbered "I.", level 2 "1.", level 3 "a)"."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Bullet:
    """A "- " paragraph."""

    text: str


@dataclass(frozen=True)
class Amount:
    """A figure in a table: its exact value, the decimals it shows (its indicator's, rounded
    half-up), the qualifier word the agency wrote before it ("hơn 500") and a note mark after it
    (" (*)"). Word and mark are printed around the number; the value stays a number, so that a
    spreadsheet adds it up."""

    value: Decimal
    decimals: int | None = None
    word: str = ""
    mark: str = ""

    def __str__(self) -> str:
        return figure_text(self.value, self.decimals, self.word) + self.mark


Cell = str | int | Amount | None


def cell_text(value: Cell) -> str:
    """A cell as printed: "43.000", "hơn 500", text as it is, nothing for an empty cell."""
    if value is None:
        return ""
    return format_number(value) if isinstance(value, int) else str(value)


@dataclass(frozen=True)
class Table:
    """A data table; numbers are printed Vietnamese-style, the header repeats on every page."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    title: str = ""
    total: tuple[Cell, ...] | None = None
    widths_cm: tuple[float, ...] | None = None


@dataclass(frozen=True)
class Image:
    png: bytes
    width_cm: float = 15.0
    caption: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Bullet | Table | Image | PageBreak


@dataclass(frozen=True)
class Annex:
    """An annex after the signature, starting on a page of its own."""

    title: str
    subtitle: str = ""
    blocks: tuple[Block, ...] = ()
    landscape: bool = False


@dataclass(frozen=True)
class Signer:
    position: str
    name: str
    authority: Authority | None = None
    principal: str = ""  # whose behalf: "GIÁM ĐỐC" in "KT. GIÁM ĐỐC"

    def title_lines(self) -> list[str]:
        """["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] or ["TRƯỞNG BAN"]."""
        if self.authority is None:
            return [self.position.upper()]
        return [f"{self.authority} {self.principal.upper()}", self.position.upper()]


@dataclass(frozen=True)
class DocumentSpec:
    agency: str
    symbol: str
    place: str
    signer: Signer
    kind: Kind = Kind.REPORT
    parent_agency: str = ""
    number: int | str | None = None
    date: PartialDate = field(default_factory=PartialDate)
    title: str = ""  # summary under "BÁO CÁO" ("\n" breaks the line); a Công văn's "V/v" subject
    addressees: tuple[str, ...] = ()  # "Kính gửi:" of a Công văn
    legal_bases: tuple[str, ...] = ()  # each without its leading "Căn cứ"
    lead: str = ""  # sentence after the legal bases: "Ban Dân tộc báo cáo kết quả như sau:"
    body: tuple[Block, ...] = ()
    closing: str = ""  # "Trên đây là báo cáo ..."; printed ending with "./."
    recipients: tuple[str, ...] = ()
    archive_unit: str = ""  # drafting unit in "- Lưu: VT, KHTT."
    annexes: tuple[Annex, ...] = ()
