"""The sentence of the source text around a figure, shown beside the figure on the review page."""

from __future__ import annotations

import re
from typing import NamedTuple

REACH = 180  # characters kept on each side at most, so that a long paragraph stays readable
ENDS = ("\n", ". ")


class Passage(NamedTuple):
    """The text before the figure, the figure as written, and the text after it."""

    before: str
    figure: str
    after: str


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def passage(text: str, start: int, end: int, reach: int = REACH) -> Passage:
    """The sentence holding text[start:end], cut with "…" where it runs beyond `reach`."""
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    heads = [found + len(mark) for mark in ENDS if (found := text.rfind(mark, lo, start)) >= 0]
    tails = [found + 1 for mark in ENDS if (found := text.find(mark, end, hi)) >= 0]
    # Cut beyond the reach at a space, not inside a word.
    head = max(heads) if heads else max(lo, text.find(" ", lo, start) + 1)
    tail = min(tails) if tails else (text.rfind(" ", end, hi) if " " in text[end:hi] else hi)
    before = _squash(text[head:start]).lstrip()
    after = _squash(text[end:tail]).rstrip()
    if not heads and head > 0:
        before = "…" + before
    if not tails and tail < len(text):
        after += "…"
    return Passage(before, text[start:end], after)
