"""The words Tesseract read on a page, offered as pypdfium2 offers a PDF page's text.

pdftables.page_text finds a page's tables from its text runs and rules and asks for the text
inside boxes; OcrPage answers the same calls from OCR words, so a scan's tables come out as the
"| a | b | c |" rows a text PDF's do. Coordinates are PDF points from the page's bottom left.

A scan has no content order either: the text of a box is written line by line from the words'
positions, and an official document's two-column header and footer (agency | motto, recipients
| signature) are written column after column, as a PDF made from the Word layout table reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

Box = tuple[float, float, float, float]  # left, bottom, right, top, in points
NUMBER = re.compile(r"[\d.,%]+")
RUN_GAP = 1.5  # a gap wider than this many line heights ends a run of words (a column's)


@dataclass(frozen=True, slots=True)
class Word:
    """A word Tesseract read: its text, its confidence (0-100) and its box in pixels."""

    text: str
    confidence: float
    left: int
    top: int
    right: int
    bottom: int
    line: tuple[int, int, int]  # Tesseract's (block, paragraph, line) numbers

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def _runs(line: list[Word]) -> list[list[Word]]:
    """The words of a line left to right, cut where a gap is wider than RUN_GAP line heights."""
    words = sorted(line, key=lambda w: w.left)
    height = median(w.bottom - w.top for w in words)
    runs = [[words[0]]]
    for word in words[1:]:
        if word.left - runs[-1][-1].right > RUN_GAP * height:
            runs.append([word])
        else:
            runs[-1].append(word)
    return runs


def _visual_lines(words: list[Word]) -> list[list[Word]]:
    """Words on one row of the page, whatever block Tesseract put them in, top to bottom."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.middle):
        last = lines[-1] if lines else None
        if last and min(w.top for w in last) <= word.middle <= max(w.bottom for w in last):
            last.append(word)
        else:
            lines.append([word])
    return lines


def _said(run: list[Word]) -> str:
    return " ".join(w.text for w in run)


def _column_split(runs: list[list[Word]]) -> float | None:
    """Where a line of two runs of words divides (a two-column layout's), if it does."""
    if len(runs) != 2 or any(NUMBER.fullmatch(_said(run)) for run in runs):
        return None
    return (runs[0][-1].right + runs[1][0].left) / 2


def reading_order(words: list[Word]) -> str:
    """The words as lines of text; rows of a two-column layout written column after column."""
    rows = [_runs(line) for line in _visual_lines(words)]
    out: list[str] = []
    i = 0
    while i < len(rows):
        split = _column_split(rows[i])
        if split is None:
            out.append(" ".join(_said(run) for run in rows[i]))
            i += 1
            continue
        left: list[str] = []
        right: list[str] = []
        while i < len(rows) and len(rows[i]) <= 2:
            runs = rows[i]
            if any(r[0].left < split < r[-1].right or NUMBER.fullmatch(_said(r)) for r in runs):
                break
            left += [_said(r) for r in runs if r[-1].right <= split]
            right += [_said(r) for r in runs if r[0].left >= split]
            i += 1
        out += [*left, *right]
    return "\n".join(out)


class OcrPage:
    """An OCR'd page with the methods of a pypdfium2 text page that pdftables.page_text calls."""

    def __init__(self, words: list[Word], height: int, dpi: float) -> None:
        self.words = words
        self.height = height
        self.points = 72 / dpi
        lines: dict[tuple[int, int, int], list[Word]] = {}
        for word in words:
            lines.setdefault(word.line, []).append(word)
        self.rects = [self._box(run) for line in lines.values() for run in _runs(line)]

    def _box(self, run: list[Word]) -> Box:
        k, h = self.points, self.height
        return (
            min(w.left for w in run) * k,
            (h - max(w.bottom for w in run)) * k,
            max(w.right for w in run) * k,
            (h - min(w.top for w in run)) * k,
        )

    def count_rects(self) -> int:
        return len(self.rects)

    def get_rect(self, index: int) -> Box:
        return self.rects[index]

    def get_text_bounded(
        self,
        left: float | None = None,
        bottom: float | None = None,
        right: float | None = None,
        top: float | None = None,
    ) -> str:
        """The words whose middle lies in the box (points; None is the page's edge)."""
        k, h = self.points, self.height
        inside = [
            w
            for w in self.words
            if (left is None or (w.left + w.right) / 2 * k >= left)
            and (right is None or (w.left + w.right) / 2 * k <= right)
            and (bottom is None or (h - w.middle) * k >= bottom)
            and (top is None or (h - w.middle) * k <= top)
        ]
        return reading_order(inside)
