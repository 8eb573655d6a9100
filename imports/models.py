"""A report document an officer uploaded: what was read from it, and its file only until read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportStatus(models.TextChoices):
    """An upload's course: read in the background (queued, running, then extracted or failed),
    then confirmed into the report."""

    QUEUED = "queued", "Đang chờ đọc"
    RUNNING = "running", "Đang đọc"
    FAILED = "failed", "Không đọc được"
    EXTRACTED = "extracted", "Chờ xác nhận"
    CONFIRMED = "confirmed", "Đã đưa vào báo cáo"


READING = {ImportStatus.QUEUED, ImportStatus.RUNNING}
# A figure read by OCR below this confidence (0-100) is marked for the officer to check.
LOW_OCR_CONFIDENCE = 80
# Longer than the sandbox lets any read last, a scan's OCR included (tens of pages at tens of
# seconds each), and than a queue ever makes an upload wait: past them the task was lost.
RUNNING_AT_MOST = dt.timedelta(minutes=30)
QUEUED_AT_MOST = dt.timedelta(hours=1)
STALLED = (
    "Việc đọc tệp bị gián đoạn (máy chủ có thể đã khởi động lại). Hãy bấm “Thử lại” để đọc lần nữa."
)


@dataclass(frozen=True)
class OcrMark:
    """How sure the OCR was of one figure: its confidence in whole percent, and whether low."""

    confidence: int
    low: bool


def ocr_mark(figure: dict) -> OcrMark | None:
    """The OCR mark of a stored figure; None for a figure read from a text layer."""
    confidence = figure.get("ocr_confidence")
    if confidence is None:
        return None
    return OcrMark(round(confidence), confidence < LOW_OCR_CONFIDENCE)


# Figures shown on one review page: enough to scan, few enough that a page of form fields
# (each with a select of every cell of the report) renders in well under a second.
FIGURES_PER_PAGE = 100


@dataclass(frozen=True)
class FigurePage:
    """One page of the review: its number (from 1), the page count and its figures' indexes."""

    number: int
    count: int
    indexes: range

    @property
    def numbers(self) -> range:
        return range(1, self.count + 1)


class ImportedDocument(models.Model):
    """One upload: the file's name, hash and size, its text with personal data masked,
    the figures found in it (spans point into `text`), and whether they entered the report.

    It is read by a background task (imports.tasks); until then its bytes wait in a PendingFile.
    """

    report = models.ForeignKey(
        "rounds.Report",
        verbose_name="báo cáo",
        on_delete=models.CASCADE,
        related_name="imported_documents",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("tải lên lúc", default=timezone.now)
    file_name = models.CharField("tên tệp", max_length=255)
    sha256 = models.CharField("mã băm SHA-256", max_length=64)
    size = models.PositiveIntegerField("dung lượng (byte)")
    metadata = models.JSONField("thông tin văn bản", default=dict, blank=True)
    text = models.TextField("nội dung (đã che dữ liệu cá nhân)", blank=True, default="")
    figures = models.JSONField("số liệu trích xuất", default=list, blank=True)
    warnings = models.JSONField("cảnh báo", default=list, blank=True)
    redacted = models.PositiveIntegerField("số đoạn đã che", default=0)
    # A scan or photo read by OCR: {"pages": n, "mean_confidence": 0-100}; each of its figures
    # keeps its own "ocr_confidence". None for a document read from its text.
    ocr = models.JSONField("nhận dạng ký tự (OCR)", null=True, blank=True)
    # What the officer chose on the review pages already left: figure index -> include, value,
    # qualifier and cell as posted. Pages never opened keep the extractor's proposal.
    choices = models.JSONField("lựa chọn khi xem lại", default=dict, blank=True)
    status = models.CharField(
        "trạng thái", max_length=12, choices=ImportStatus.choices, default=ImportStatus.EXTRACTED
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xác nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("xác nhận lúc", null=True, blank=True)
    queued_at = models.DateTimeField("chờ đọc từ lúc", null=True, blank=True)
    started_at = models.DateTimeField("bắt đầu đọc lúc", null=True, blank=True)
    finished_at = models.DateTimeField("đọc xong lúc", null=True, blank=True)
    error = models.TextField("lý do không đọc được", blank=True)

    class Meta:
        verbose_name = "văn bản đã nhập"
        verbose_name_plural = "văn bản đã nhập"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_confirmed(self) -> bool:
        return self.status == ImportStatus.CONFIRMED

    @property
    def is_read(self) -> bool:
        """Its figures are there to review (or were confirmed)."""
        return self.status in {ImportStatus.EXTRACTED, ImportStatus.CONFIRMED}

    @property
    def is_stalled(self) -> bool:
        """A read started longer ago than any read may last (its worker stopped mid-way), or
        waiting longer than a queue ever makes it wait (its task was lost)."""
        now = timezone.now()
        if self.status == ImportStatus.RUNNING and self.started_at is not None:
            return self.started_at < now - RUNNING_AT_MOST
        if self.status == ImportStatus.QUEUED and self.queued_at is not None:
            return self.queued_at < now - QUEUED_AT_MOST
        return False

    @property
    def can_retry(self) -> bool:
        return self.status == ImportStatus.FAILED or self.is_stalled

    def shown_status(self) -> tuple[str, str]:
        """The reading status to show and its reason: a read cut off long ago shows as failed."""
        if self.is_stalled:
            return ImportStatus.FAILED.value, STALLED
        return self.status, self.error

    @property
    def low_confidence_count(self) -> int:
        """Figures the OCR read with a low confidence."""
        return sum(1 for figure in self.figures if (m := ocr_mark(figure)) and m.low)

    @property
    def page_count(self) -> int:
        return max(1, -(-len(self.figures) // FIGURES_PER_PAGE))

    def page(self, number: int) -> FigurePage:
        """The figures of review page `number` (1 to page_count; the caller checks the range)."""
        first = (number - 1) * FIGURES_PER_PAGE
        last = min(first + FIGURES_PER_PAGE, len(self.figures))
        return FigurePage(number, self.page_count, range(first, last))

    def segments(self, page: FigurePage | None = None) -> list[tuple[str, int | None, dict | None]]:
        """The text cut at the figures' spans: (text, index, figure) on a figure, else None, None.

        With a page of a document of several, only the lines holding that page's figures, and
        only those figures marked: the whole text of 10,000 figures is too much for one page.
        """
        whole = page is None or page.count == 1
        indexes = page.indexes if page is not None and not whole else range(len(self.figures))
        text, pos, stop = self.text, 0, len(self.text)
        if not whole and indexes:
            pos = text.rfind("\n", 0, min(self.figures[i]["start"] for i in indexes)) + 1
            end = max(self.figures[i]["end"] for i in indexes)
            stop = len(text) if (cut := text.find("\n", end)) < 0 else cut
        out: list[tuple[str, int | None, dict | None]] = []
        for index in sorted(indexes, key=lambda i: self.figures[i]["start"]):
            start, end = self.figures[index]["start"], self.figures[index]["end"]
            if start < pos or end > stop:
                continue
            out += [(text[pos:start], None, None), (text[start:end], index, self.figures[index])]
            pos = end
        out.append((text[pos:stop], None, None))
        return out


class PendingFile(models.Model):
    """The bytes of an upload waiting to be read (or read again after a failure); deleted in
    the transaction that stores what was read, so no original file outlives its reading."""

    document = models.OneToOneField(
        ImportedDocument,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="pending_file",
        verbose_name="văn bản",
    )
    data = models.BinaryField("nội dung tệp")

    class Meta:
        verbose_name = "tệp chờ đọc"
        verbose_name_plural = "tệp chờ đọc"

    def __str__(self) -> str:
        return f"Tệp chờ đọc của văn bản {self.document_id}"
