"""Vietnamese number, date and document-symbol formatting as official documents write them."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

Number = int | float | Decimal

# Width left for a number or a day that will be written in by hand after signing.
BLANK = "    "


def _decimal(value: Number) -> Decimal:
    # Figures arrive as Decimal; a float comes only from a chart's axis, whose binary noise
    # (0.1 + 0.2) is rounded away first.
    return Decimal(str(round(value, 10))) if isinstance(value, float) else Decimal(value)


def format_number(value: Number, decimals: int | None = None) -> str:
    """43000 -> "43.000", 1.5 -> "1,5"; `decimals` fixes the digits after the comma."""
    amount = _decimal(value)
    if decimals is not None:
        amount = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):f}"
    whole, _, fraction = text.partition(".")
    if decimals is None:
        fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def figure_text(value: Number, decimals: int | None = None, word: str = "") -> str:
    """A figure as text, the one rule for pages, documents, spreadsheets and the API: the
    qualifier's word as printed ("hơn"; "" when exact), then the value rounded half-up to the
    indicator's decimals with Vietnamese grouping: "hơn 43.000", "23,1"."""
    number = format_number(value, decimals)
    return f"{word} {number}" if word else number


def format_for_entry(value: Number) -> str:
    """A stored value in an entry box, as lib.vnnumbers.parse_decimal reads it back unchanged.

    "12,125" would be refused there as reading two ways, so a fourth decimal is written: "12,1250".
    """
    text = format_number(value)
    whole, _, fraction = text.partition(",")
    return f"{text}0" if len(fraction) == 3 and "." not in whole else text


def format_percent(value: Number, decimals: int = 2) -> str:
    """33.2417 -> "33,24%", 70 -> "70%": the value is already a percentage, zeros are trimmed."""
    text = format_number(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"


_MONEY_UNITS = ((Decimal(10**9), "tỷ"), (Decimal(10**6), "triệu"))


def format_money(value: Number, decimals: int = 2) -> str:
    """1_500_000_000 -> "1,5 tỷ đồng", 250_000_000 -> "250 triệu đồng", 43_000 -> "43.000 đồng"."""
    amount = _decimal(value)
    for size, unit in _MONEY_UNITS:
        if abs(amount) >= size:
            scaled = format_number(amount / size, decimals)
            if "," in scaled:
                scaled = scaled.rstrip("0").rstrip(",")
            return f"{scaled} {unit} đồng"
    return f"{format_number(amount, 0)} đồng"


def format_day(day: int | None) -> str:
    """Days below 10 take a leading zero; a missing day is left blank."""
    return BLANK if day is None else f"{day:02d}"


def format_month(month: int | None) -> str:
    """Only January and February take a leading zero ("01", "02", "6", "12")."""
    if month is None:
        return BLANK
    return f"{month:02d}" if month <= 2 else str(month)


def format_date(
    when: date | None = None,
    *,
    year: int | None = None,
    month: int | None = None,
    day: int | None = None,
) -> str:
    """ "ngày 05 tháng 01 năm 2024"; parts left out (a draft) stay blank: "ngày      tháng 12 năm 2023"."""
    if when is not None:
        year, month, day = when.year, when.month, when.day
    year_text = BLANK if year is None else str(year)
    return f"ngày {format_day(day)} tháng {format_month(month)} năm {year_text}"


def format_place_date(
    place: str,
    when: date | None = None,
    *,
    year: int | None = None,
    month: int | None = None,
    day: int | None = None,
) -> str:
    """ "Bắc Giang, ngày 05 tháng 01 năm 2024", the line under the national motto."""
    return f"{place}, {format_date(when, year=year, month=month, day=day)}"


def format_document_number(number: int | str | None, symbol: str, year: int | None = None) -> str:
    """ "05/BC-BDT"; numbers below 10 take a leading zero, a blank number leaves room to write it."""
    if number is None or str(number).strip() == "":
        text = BLANK
    else:
        text = str(number).strip()
        if text.isdigit():
            text = f"{int(text):02d}"
    compact_symbol = "".join(symbol.split()).upper()
    middle = f"/{year}" if year is not None else ""
    return f"{text}{middle}/{compact_symbol}"


def format_symbol_line(number: int | str | None, symbol: str, year: int | None = None) -> str:
    """ "Số: 05/BC-BDT", as printed under the issuing agency."""
    return f"Số: {format_document_number(number, symbol, year)}"
