"""The record the extractor makes of each figure it finds, in prose or in a table."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(slots=True)
class FoundFigure:
    """A figure the extractor found in a document: its value, unit, quote and span."""

    value: Decimal
    qualifier: str
    unit: str
    what: str
    quote: str
    start: int
    end: int
    locality: str | None = None
    indicator: str | None = None
    confidence: float = 0.0
    comparison: bool = False  # an earlier year's or the plan's value, beside the result
    qualifier_word: str = ""  # as written before the number ("hơn"), lower case

    def as_dict(self) -> dict:
        d = {name: getattr(self, name) for name in self.__slots__}
        # JSON has numbers only: a whole value prints as one, a fraction by its shortest float.
        whole = self.value == self.value.to_integral_value()
        d["value"] = int(self.value) if whole else float(self.value)
        return d
