"""Read scans (photographed or scanned pages, and PDF pages without a text layer) with Tesseract.

Each page is turned upright (Tesseract's orientation detection, --psm 0), straightened (the
skew that makes its rows of ink sharpest), scaled so its lines of text are as tall as at
300 dpi, cleaned to black and white, stripped of its rules, then read by the Tesseract command
with the Vietnamese model into TSV, which keeps each word's box and confidence. The words are
laid out again by pdftables.page_text, as a text PDF's are, so tables drawn with rules or
aligned in columns come out as "| a | b | c |" rows.

Tesseract is optional: without it (Debian packages tesseract-ocr and tesseract-ocr-vie) a scan
is refused with OCR_MISSING, and `tonghop manage check` says what is missing.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean

from PIL import Image, ImageOps, ImageSequence

from lib.vntext import normalise

from .errors import ExtractionError
from .ocr_page import OcrPage, Word
from .pdftables import Rules, page_text
from .scan_geometry import Segment, black_and_white, erase, gray, ink, rules, text_lines

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".tif", ".tiff"}
PACKAGES = {"tesseract": "tesseract-ocr", "vie": "tesseract-ocr-vie", "osd": "tesseract-ocr-osd"}
OCR_MISSING = (
    "Tệp là bản quét (ảnh chụp hoặc PDF không có lớp chữ) nhưng máy chủ chưa cài phần mềm nhận "
    "dạng chữ (OCR) Tesseract; quản trị viên cần cài các gói Debian {packages}. Trong lúc chờ, "
    "hãy tải lên bản Word hoặc PDF có chữ."
)
BROKEN_IMAGE = "Tệp ảnh bị hỏng hoặc không phải ảnh {ext} hợp lệ; hãy chụp hoặc quét lại."
MAX_SCAN_PAGES = 40  # pages read through OCR in one document: each takes seconds
MAX_PAGE_PIXELS = 60_000_000  # an A3 page at 400 dpi; a larger page is a photograph to shrink
DPI = 300  # the resolution every page is brought to (by the height of its lines of text)
LINE_PX = 48  # the height of a line of 13-14 pt text at 300 dpi, its accents included
RESCALE = (0.85, 1.2)  # a page whose scale to DPI falls between these is read as it is
LIMITS = (0.4, 4.0)  # and the scale goes no further than these
MIN_ORIENTATION_CONFIDENCE = 4.0  # Tesseract's own: below, its "Rotate" is a guess
A4_LONG_SIDE = round(297 / 25.4 * DPI)
ROTATE = re.compile(r"Rotate:\s*(\d+)")
ORIENTATION_CONFIDENCE = re.compile(r"Orientation confidence:\s*([\d.]+)")


@functools.cache
def missing_packages() -> tuple[str, ...]:
    """The Debian packages OCR needs that this machine lacks (none when it can read scans)."""
    binary = shutil.which("tesseract")
    if binary is None:
        return (PACKAGES["tesseract"], PACKAGES["vie"])
    try:
        listed = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.split()
    except (OSError, subprocess.TimeoutExpired):
        return (PACKAGES["tesseract"],)
    return tuple(PACKAGES[lang] for lang in ("vie", "osd") if lang not in listed)


def require_tesseract() -> str:
    """The tesseract command; raises ExtractionError naming the packages to install."""
    missing = missing_packages()
    binary = shutil.which("tesseract")
    if missing or binary is None:
        raise ExtractionError(OCR_MISSING.format(packages=" và ".join(missing)))
    return binary


@dataclass
class Scan:
    """The words read through OCR on a document's scanned pages."""

    pages: int = 0
    words: list[Word] = field(default_factory=list)

    def mean_confidence(self) -> float:
        return round(fmean(w.confidence for w in self.words), 1) if self.words else 0.0

    def summary(self) -> dict:
        return {"pages": self.pages, "mean_confidence": self.mean_confidence()}

    def quote_confidences(self, flat: str, spans: list[tuple[int, int]]) -> list[float]:
        """The mean confidence of the words in each span of the normalised text: each word of
        the text takes the confidence of the next unused OCR word that reads the same; a span
        none of whose words was read so (a text page of a mixed PDF) takes the page mean."""
        waiting: defaultdict[str, deque[float]] = defaultdict(deque)
        for word in self.words:
            waiting[normalise(word.text).strip()].append(word.confidence)
        tokens = [
            (m.start(), m.end(), waiting[m.group()].popleft())
            for m in re.finditer(r"\S+", flat)
            if waiting.get(m.group())
        ]
        out = []
        for start, end in spans:
            inside = [conf for a, b, conf in tokens if a < end and b > start]
            out.append(round(fmean(inside), 1) if inside else self.mean_confidence())
        return out


def _tesseract(page: Image.Image, *args: str) -> str:
    """What the tesseract command prints for the page; one thread, as the sandbox's budget
    counts the seconds of one processor."""
    binary = require_tesseract()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "page.png"
        page.save(source)
        done = subprocess.run(
            [binary, str(source), "stdout", "--dpi", str(DPI), *args],
            capture_output=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=False,
        )
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""


def _upright(page: Image.Image) -> int:
    """The clockwise turn (0, 90, 180, 270) that sets a black-and-white page's text upright.
    Its lines cannot be measured before it is upright, so it is judged at the size of an A4
    page at DPI: at 100 dpi Tesseract takes a page for upside down."""
    scale = min(A4_LONG_SIDE / max(page.size), 3.0)
    sized = page.resize((round(page.width * scale), round(page.height * scale)))
    said = _tesseract(sized, "--psm", "0", "-l", "osd")
    turn, confidence = ROTATE.search(said), ORIENTATION_CONFIDENCE.search(said)
    if turn and confidence and float(confidence.group(1)) >= MIN_ORIENTATION_CONFIDENCE:
        return int(turn.group(1))
    return 0


def _words(tsv: str) -> list[Word]:
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row["level"] != "5" or not text or float(row["conf"]) < 0:
            continue
        left, top = int(row["left"]), int(row["top"])
        words.append(
            Word(
                text=text,
                confidence=float(row["conf"]),
                left=left,
                top=top,
                right=left + int(row["width"]),
                bottom=top + int(row["height"]),
                line=(int(row["block_num"]), int(row["par_num"]), int(row["line_num"])),
            )
        )
    return words


def _in_points(horizontal: list[Segment], vertical: list[Segment], height: int) -> Rules:
    k = 72 / DPI
    return Rules(
        [(s.start * k, s.end * k, (height - s.at) * k) for s in horizontal],
        [(s.at * k, (height - s.end) * k, (height - s.start) * k) for s in vertical],
    )


TURNS = {
    90: Image.Transpose.ROTATE_270,  # Image.Transpose turns counter-clockwise
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def prepared(image: Image.Image) -> Image.Image:
    """The page upright, straight, at DPI and in black and white."""
    page = gray(image)
    rough = black_and_white(page)
    turn = _upright(rough)
    if turn in TURNS:
        page, rough = page.transpose(TURNS[turn]), rough.transpose(TURNS[turn])
    lines = text_lines(rough)
    if abs(lines.skew) >= 0.1:
        page = page.rotate(lines.skew, Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    scale = min(max(LINE_PX / lines.height, LIMITS[0]), LIMITS[1]) if lines.height else 1.0
    if not RESCALE[0] < scale < RESCALE[1]:
        size = (round(page.width * scale), round(page.height * scale))
        page = page.resize(size, Image.Resampling.LANCZOS)
    return black_and_white(page, smooth=True)


def read_page(image: Image.Image, scan: Scan) -> str:
    """The page's text, tables as "| a | b |" rows; its words are added to the scan."""
    page = prepared(image)
    horizontal, vertical = rules(ink(page))
    page = erase(page, horizontal, vertical)
    words = _words(_tesseract(page, "-l", "vie", "--psm", "3", "tsv"))
    scan.pages += 1
    scan.words += words
    return page_text(
        OcrPage(words, page.height, DPI), _in_points(horizontal, vertical, page.height)
    )


def too_many_pages(count: int) -> None:
    if count > MAX_SCAN_PAGES:
        raise ExtractionError(
            f"Bản quét có {count} trang, vượt giới hạn {MAX_SCAN_PAGES} trang đọc bằng nhận dạng "
            "chữ (OCR); hãy tách thành nhiều tệp."
        )


def _opened(data: bytes, ext: str) -> Image.Image:
    """The image file opened, its page count and its first page checked; broken files refused."""
    try:
        image = Image.open(io.BytesIO(data))
        too_many_pages(getattr(image, "n_frames", 1))
        _checked(image, ext)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ExtractionError(BROKEN_IMAGE.format(ext=ext)) from None
    return image


def _checked(frame: Image.Image, ext: str) -> Image.Image:
    """The frame decoded and turned as the camera held it (EXIF); too large ones refused."""
    if frame.width * frame.height > MAX_PAGE_PIXELS:
        raise ExtractionError(
            f"Ảnh quá lớn ({frame.width}×{frame.height} điểm ảnh); hãy chụp hoặc quét "
            "ở độ phân giải thấp hơn (300 dpi là đủ)."
        )
    try:
        frame.load()
        return ImageOps.exif_transpose(frame)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ExtractionError(BROKEN_IMAGE.format(ext=ext)) from None


def read_image(
    data: bytes, ext: str, on_scan: Callable[[int], None] | None = None
) -> tuple[str, Scan]:
    """The text of an image file's pages (a multi-page TIFF has several), read through OCR;
    the pages are decoded one at a time, as each takes tens of megabytes."""
    image = _opened(data, ext)
    require_tesseract()
    if on_scan:
        on_scan(getattr(image, "n_frames", 1))
    scan = Scan()
    pages = [read_page(_checked(frame, ext), scan) for frame in ImageSequence.Iterator(image)]
    if not scan.words:
        raise ExtractionError(
            "Không nhận dạng được chữ nào trong ảnh; hãy chụp hoặc quét lại rõ hơn."
        )
    return "\n\n".join(pages), scan
