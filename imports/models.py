"""A report document an officer uploaded: what was read from it, never the file itself."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportStatus(models.TextChoices):
    EXTRACTED = "extracted", "Chờ xác nhận"
    CONFIRMED = "confirmed", "Đã đưa vào báo cáo"


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
    the figures found in it (spans point into `text`), and whether they entered the report."""

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
    text = models.TextField("nội dung (đã che dữ liệu cá nhân)")
    figures = models.JSONField("số liệu trích xuất", default=list, blank=True)
    warnings = models.JSONField("cảnh báo", default=list, blank=True)
    redacted = models.PositiveIntegerField("số đoạn đã che", default=0)
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
