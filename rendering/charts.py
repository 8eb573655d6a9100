"""Charts of headline indicators over the years, drawn on the server as PNG for the compiled report."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from io import BytesIO
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.typing import RcKeyType

from lib.vnformat import format_number

CM = 1 / 2.54
FONTS: dict[RcKeyType, Any] = {
    "font.family": "serif",
    # Liberation Serif has the metrics of Times New Roman; DejaVu covers every Vietnamese letter.
    "font.serif": ["Times New Roman", "Liberation Serif", "DejaVu Serif"],
    "font.size": 11,
}
VIETNAMESE_LETTERS = "ĐđĂăÂâÊêÔôƠơƯưộẫữỹặềểọ"


@cache
def _drop_fonts_without_vietnamese() -> None:
    """Forget the serif font files that lack Vietnamese letters.

    Debian's fonts-liberation (1.07) and fonts-liberation2 both call themselves "Liberation
    Serif"; matplotlib may pick the old file, whose missing letters come out as empty boxes.
    """
    serif = set(FONTS["font.serif"])

    def complete(entry) -> bool:
        try:
            charmap = FT2Font(entry.fname).get_charmap()
        except (OSError, RuntimeError):
            return False
        return all(ord(c) in charmap for c in VIETNAMESE_LETTERS)

    manager = font_manager.fontManager
    manager.ttflist = [f for f in manager.ttflist if f.name not in serif or complete(f)]


@dataclass(frozen=True)
class Series:
    """One indicator: its name as officials write it, its unit, its value per year, and a note
    printed under its name (what the figures stand on)."""

    name: str
    values: dict[int, Decimal]
    unit: str = ""
    note: str = ""


PANEL_COLUMNS = 2
TITLE_CHARACTERS = 42  # a panel's title wraps at this many characters


def indicator_chart(
    series: Sequence[Series], width_cm: float = 16, panel_height_cm: float = 5.5
) -> bytes:
    """One panel per indicator, each with its own axis and unit, so that a count of hundreds
    stands beside one of thousands; a column for each year the indicator has a value, its
    figure printed Vietnamese-style above it. The chart's title is the document's caption."""
    columns = min(len(series), PANEL_COLUMNS) or 1
    rows = -(-len(series) // columns) or 1
    _drop_fonts_without_vietnamese()  # once, before the first chart looks a font up
    with matplotlib.rc_context(FONTS):
        figure = Figure(
            figsize=(width_cm * CM, rows * panel_height_cm * CM), dpi=200, layout="constrained"
        )
        for index, one in enumerate(series, start=1):
            _panel(figure.add_subplot(rows, columns, index), one)
        buffer = BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _panel(axes: Axes, series: Series) -> None:
    years = sorted(series.values)
    bars = axes.bar(
        range(len(years)), [float(series.values[y]) for y in years], 0.6, color="#3b6ea5"
    )  # matplotlib plots floats; the labels print the exact values
    axes.bar_label(bars, labels=[format_number(series.values[y]) for y in years], fontsize=9)
    axes.set_xticks(range(len(years)), [f"Năm {year}" for year in years], fontsize=9)
    axes.set_xlim(-0.75, len(years) - 0.25)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: format_number(value)))
    axes.tick_params(axis="y", labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(y=0.18)
    if series.unit:
        axes.set_ylabel(series.unit, fontsize=9)
    title = "\n".join(textwrap.wrap(series.name, TITLE_CHARACTERS))
    axes.set_title(title, fontsize=10, fontweight="bold", loc="left")
    if series.note:
        axes.set_xlabel(series.note, fontsize=8, style="italic")
