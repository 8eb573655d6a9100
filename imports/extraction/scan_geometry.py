"""The geometry of a scanned page, measured on its pixels: ink, skew, line height and rules.

Everything here works on a grayscale Pillow image or on its ink mask (a numpy array of bool,
True where the page is dark) and knows nothing of Tesseract.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from PIL import Image, ImageFilter

SKEW_LIMIT = 5.0  # degrees either way: a scan or a photo tilted more is retaken, not guessed
SKEW_WIDTH = 1000  # pixels: the skew is measured on a copy this wide
MIN_RULE_PX = 100  # at 300 dpi, 8.5 mm: longer than any letter's stroke
MAX_RULE_THICKNESS = 12  # pixels: a thicker dark band is a picture or a border, not a rule
RULE_GAP = 12  # pixels: pieces of one rule broken by noise or residual skew are joined
MAX_RULE_PIECES = 20_000
STRIP = 256  # rows measured at once  # a page with more dark runs than this is a photograph


class Segment(NamedTuple):
    """A rule, in pixels: from `start` to `end` along it, at `at` across it (its middle)."""

    start: int
    end: int
    at: float
    thickness: int


def gray(image: Image.Image) -> Image.Image:
    """The page in gray levels, coloured ink dropped: each pixel's brightest channel, so a red
    stamp or a blue signature turns pale while black print stays black."""
    if image.mode in ("1", "L", "I;16", "I", "F"):
        return image.convert("L")
    rgb = image.convert("RGB")
    return Image.fromarray(np.asarray(rgb).max(axis=2))


def otsu_threshold(pixels: np.ndarray) -> int:
    """The gray level that best splits the histogram into ink and paper (Otsu's method)."""
    histogram = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256)
    weight = np.cumsum(histogram)
    total = weight[-1]
    mean = np.cumsum(histogram * levels)
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight - mean * total) ** 2 / (weight * (total - weight))
    return int(np.nanargmax(between))


def black_and_white(page: Image.Image, smooth: bool = False) -> Image.Image:
    """Every pixel made ink (0) or paper (255) at Otsu's threshold; `smooth` first removes the
    speckles of a noisy scan (a median filter, a few tenths of a second on a page)."""
    if smooth:
        page = page.filter(ImageFilter.MedianFilter(3))
    pixels = np.asarray(page)
    return Image.fromarray(np.where(pixels > otsu_threshold(pixels), 255, 0).astype(np.uint8))


def ink(page: Image.Image) -> np.ndarray:
    """True where a black-and-white page is dark."""
    return np.asarray(page) < 128


def _small_ink(page: Image.Image) -> tuple[Image.Image, float]:
    """A copy of the black-and-white page at most SKEW_WIDTH wide, ink white (rotation fills
    black), and the scale of the copy."""
    scale = min(1.0, SKEW_WIDTH / page.width)
    small = page.resize((max(1, round(page.width * scale)), max(1, round(page.height * scale))))
    return Image.fromarray(np.where(np.asarray(small) < 160, 255, 0).astype(np.uint8)), scale


def _sharpness(small: Image.Image, angle: float) -> float:
    rows = np.asarray(small.rotate(angle, resample=Image.Resampling.NEAREST)).sum(axis=1)
    return float(np.square(np.diff(rows.astype(np.float64))).sum())


class Lines(NamedTuple):
    """How a page's lines of text lie: the skew that makes them horizontal (degrees,
    counter-clockwise as Image.rotate takes it) and their median height in pixels (None on a
    page without text)."""

    skew: float
    height: float | None


def text_lines(page: Image.Image) -> Lines:
    """The skew is the angle whose rows of ink change most sharply from line to gap (a
    projection profile), searched coarsely, then finely around the best; the lines are the
    bands of rows holding ink once straightened."""
    small, scale = _small_ink(page)
    coarse = np.arange(-SKEW_LIMIT, SKEW_LIMIT + 0.01, 0.25)
    best = max(coarse, key=lambda a: _sharpness(small, float(a)))
    fine = np.arange(best - 0.2, best + 0.21, 0.05)
    angle = round(float(max(fine, key=lambda a: _sharpness(small, float(a)))), 2)
    straight = np.asarray(small.rotate(angle, resample=Image.Resampling.NEAREST))
    rows = straight.sum(axis=1) > 0
    edges = np.flatnonzero(np.diff(np.concatenate(([0], rows.astype(np.int8), [0]))))
    heights = edges[1::2] - edges[::2]
    heights = heights[heights >= 3]
    return Lines(angle, float(np.median(heights)) / scale if heights.size else None)


def _runs(mask: np.ndarray, length: int) -> list[tuple[int, int, int]]:
    """(row, first column, last column) of every horizontal run of `length` or more True
    pixels; a strip of STRIP rows at a time, so a page's temporary arrays stay a few MB."""
    height, width = mask.shape
    found: list[tuple[int, int, int]] = []
    if width < length:
        return found
    for top in range(0, height, STRIP):
        strip = mask[top : top + STRIP]
        total = np.zeros((strip.shape[0], width + 1), dtype=np.uint32)
        np.cumsum(strip, axis=1, out=total[:, 1:])
        edges = np.zeros((strip.shape[0], width - length + 3), dtype=np.int8)
        edges[:, 1:-1] = (total[:, length:] - total[:, :-length]) == length  # all ink from j
        edges = np.diff(edges, axis=1)
        rows, starts = np.nonzero(edges == 1)
        _, ends = np.nonzero(edges == -1)
        found += zip(
            (rows + top).tolist(), starts.tolist(), (ends + length - 2).tolist(), strict=True
        )
        if len(found) > MAX_RULE_PIECES:
            return []
    return found


def _joined(runs: list[tuple[int, int, int]]) -> list[Segment]:
    """Runs on neighbouring rows and overlapping or nearly touching joined into rules; a band
    thicker than MAX_RULE_THICKNESS is a dark area, dropped."""
    groups: list[list[int]] = []  # [first row, last row, start, end] of each rule being built
    for row, start, end in sorted(runs):
        for group in reversed(groups):
            if row - group[1] > 2:
                continue
            if start <= group[3] + RULE_GAP and end >= group[2] - RULE_GAP:
                group[1], group[2], group[3] = row, min(start, group[2]), max(end, group[3])
                break
        else:
            groups.append([row, row, start, end])
    # pieces of one rule on rows a little apart (residual skew) are one rule
    segments: list[Segment] = []
    for first, last, start, end in sorted(groups, key=lambda g: (g[2], g[0])):
        if last - first + 1 > MAX_RULE_THICKNESS:
            continue
        at, thickness = (first + last) / 2, last - first + 1
        for i, seg in enumerate(segments):
            if (
                abs(seg.at - at) <= 4
                and start <= seg.end + RULE_GAP
                and end >= seg.start - RULE_GAP
            ):
                segments[i] = Segment(
                    min(seg.start, start),
                    max(seg.end, end),
                    (seg.at + at) / 2,
                    max(seg.thickness, thickness) + round(abs(seg.at - at)),
                )
                break
        else:
            segments.append(Segment(start, end, at, thickness))
    return segments


def rules(
    page_ink: np.ndarray, min_length: int = MIN_RULE_PX
) -> tuple[list[Segment], list[Segment]]:
    """The horizontal and the vertical rules drawn on a page (at about 300 dpi)."""
    horizontal = _joined(_runs(page_ink, min_length))
    vertical = _joined(_runs(np.ascontiguousarray(page_ink.T), min_length))
    return horizontal, vertical


def _across(seg: Segment) -> slice:
    reach = seg.thickness // 2 + 2
    return slice(max(0, round(seg.at) - reach), round(seg.at) + reach + 1)


def erase(page: Image.Image, horizontal: list[Segment], vertical: list[Segment]) -> Image.Image:
    """The black-and-white page with its rules painted white: Tesseract reads a rule beside a
    digit as "1" or "|"."""
    pixels = np.array(page)
    for seg in horizontal:
        pixels[_across(seg), seg.start : seg.end + 1] = 255
    for seg in vertical:
        pixels[seg.start : seg.end + 1, _across(seg)] = 255
    return Image.fromarray(pixels)
