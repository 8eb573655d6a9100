"""Charts of headline indicators over the years, drawn on the server as PNG for the compiled report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from io import BytesIO
from typing import Any

import matplotlib
from matplotlib import font_manager
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
    """One indicator: its name as officials write it and its value per year."""

    name: str
    values: dict[int, Decimal]


def indicator_chart(
    series: Sequence[Series],
    title: str = "",
    unit: str = "",
    width_cm: float = 16,
    height_cm: float = 9,
) -> bytes:
    """Grouped columns, one group per year, one colour per indicator, values printed Vietnamese-style."""
    years = sorted({year for one in series for year in one.values})
    _drop_fonts_without_vietnamese()  # once, before the first chart looks a font up
    with matplotlib.rc_context(FONTS):
        figure = Figure(figsize=(width_cm * CM, height_cm * CM), dpi=200, layout="constrained")
        axes = figure.add_subplot()
        step = 0.8 / max(len(series), 1)
        for index, one in enumerate(series):
            positions = [n + (index - (len(series) - 1) / 2) * step for n in range(len(years))]
            heights = [float(one.values.get(y, 0)) for y in years]  # matplotlib plots floats
            bars = axes.bar(positions, heights, step, label=one.name)
            axes.bar_label(bars, labels=[_label(one.values.get(y)) for y in years], fontsize=8)
        axes.set_xticks(range(len(years)), [f"Năm {year}" for year in years])
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: format_number(value)))
        axes.spines[["top", "right"]].set_visible(False)
        axes.margins(y=0.15)
        if unit:
            axes.set_ylabel(unit)
        if title:
            axes.set_title(title, fontweight="bold")
        if len(series) > 1:
            # Under the plot, so that the legend never hides a column.
            axes.legend(
                frameon=False, fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=2
            )
        buffer = BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _label(value: Decimal | None) -> str:
    return "" if value is None else format_number(value)
