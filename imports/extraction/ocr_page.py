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

import numpy as np

Box = tuple[float, float, float, float]  # left, bottom, right, top, in points
NUMBER = re.compile(r"[\d.,%]+")
RUN_GAP = 1.5  # a gap wider than this many line heights ends a run of words (a column's)
GUTTER_PX = 100  # at 300 dpi, 8.5 mm: a gap as wide down several lines divides two columns


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
    """Words on one row of the page, whatever block Tesseract put them in, top to bottom: a
    word is on the row whose first word's middle is within half the taller's height of its own."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.middle):
        first = lines[-1][0] if lines else None
        if (
            first
            and abs(first.middle - word.middle)
            <= max(word.bottom - word.top, first.bottom - first.top) / 2
        ):
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.left) for line in lines]


def _said(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def _free(line: list[Word], left: int, right: int) -> np.ndarray:
    """Which columns of pixels from left to right the line leaves empty."""
    free = np.ones(right - left, dtype=bool)
    for word in line:
        free[max(0, word.left - left) : max(0, word.right - left)] = False
    return free


def _gutter(free: np.ndarray, width: int) -> tuple[int, int] | None:
    """The widest run of free columns at least `width` wide, not touching either end."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], free.astype(np.int8), [0]))))
    runs = [(a, b) for a, b in zip(edges[::2], edges[1::2], strict=True) if a > 0 and b < free.size]
    wide = [run for run in runs if run[1] - run[0] >= width]
    return max(wide, key=lambda run: run[1] - run[0]) if wide else None


def _label_and_value(line: list[Word]) -> bool:
    """A line like "Số vụ phát hiện .... 12": its number is no column of text."""
    runs = _runs(line)
    return len(runs) > 1 and bool(NUMBER.fullmatch(_said(runs[-1])))


def _column_block(lines: list[list[Word]], first: int, left: int, right: int) -> tuple[int, int]:
    """(end, split): lines first..end-1 are two columns of text side by side, divided at
    `split` (pixels), as an official document's header and footer are; (first, 0) when the
    line at `first` starts no such block. The block starts with a line of words on both sides
    of a gutter kept by the lines under it; a line with words on one side only (a column
    longer than the other) stays in the block when it follows the line above closely."""
    free = np.ones(right - left, dtype=bool)
    end, split = first, 0
    while end < len(lines) and not _label_and_value(lines[end]):
        narrowed = free & _free(lines[end], left, right)
        gutter = _gutter(narrowed, GUTTER_PX)
        if gutter is None:
            break
        middle = left + (gutter[0] + gutter[1]) // 2
        sides = [
            [w for w in lines[end] if w.right <= middle],
            [w for w in lines[end] if w.left >= middle],
        ]
        if not all(sides) and (end == first or not _close(lines[end - 1], lines[end])):
            break
        free, end, split = narrowed, end + 1, middle
    return (end, split) if end - first >= 2 else (first, 0)


def _close(above: list[Word], line: list[Word]) -> bool:
    """The line follows the one above with no more than line spacing between them: a blank
    line or a paragraph's spacing ends a header's column (the document's type line under it)."""
    height = max(w.bottom - w.top for w in line)
    return min(w.top for w in line) - max(w.bottom for w in above) <= 0.8 * height


def reading_order(words: list[Word]) -> str:
    """The words as lines of text; rows of a two-column layout written column after column."""
    if not words:
        return ""
    lines = _visual_lines(words)
    left, right = min(w.left for w in words), max(w.right for w in words)
    out: list[str] = []
    i = 0
    while i < len(lines):
        end, split = _column_block(lines, i, left, right)
        if end == i:
            out.append(_said(lines[i]))
            i += 1
            continue
        block = [w for line in lines[i:end] for w in line]
        for side in ([w for w in block if w.right <= split], [w for w in block if w.left >= split]):
            out += [_said(line) for line in _visual_lines(side)]
        i = end
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
