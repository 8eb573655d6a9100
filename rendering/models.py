"""What the coordinator writes into a round's documents: drafted texts, number, date, signer."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from agencies.models import (
    recipient_line,
    symbol_code_validator,
    validate_signer_name,
    validate_signer_title,
)
from rendering.drafting import PlaceholderNames, TemplateError, check_template
from rounds.models import Round


class DraftedText(models.Model):
    """The coordinator's wording of one section of a round's compiled report (no section: the opening).

    The text is a template: its figures are placeholders filled from the data when the document
    is rendered, so rewording never changes a number.
    """

    round = models.ForeignKey(
        "rounds.Round",
        verbose_name="đợt báo cáo",
        on_delete=models.CASCADE,
        related_name="drafted_texts",
    )
    section = models.ForeignKey(
        "rounds.Section",
        verbose_name="mục",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="drafted_texts",
    )
    text = models.TextField("nội dung")
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "đoạn văn soạn từ số liệu"
        verbose_name_plural = "đoạn văn soạn từ số liệu"
        constraints = [
            models.UniqueConstraint(
                fields=["round"],
                condition=models.Q(section__isnull=True),
                name="unique_drafted_opening",
            ),
            models.UniqueConstraint(
                fields=["round", "section"],
                condition=models.Q(section__isnull=False),
                name="unique_drafted_section",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.section or 'mở đầu'}"

    def placeholder_names(self) -> PlaceholderNames:
        links = self.round.round_indicators.select_related("indicator").order_by("order", "pk")
        return PlaceholderNames.of(link.indicator for link in links)

    def clean(self) -> None:
        """Checked as the coordinator wrote it: messages name placeholders in Vietnamese."""
        names = self.placeholder_names()
        try:
            check_template(names.to_names(self.text), set(names.codes))
        except TemplateError as error:
            raise ValidationError({"text": error.messages}) from error


class RoundDocument(models.TextChoices):
    """A round's own documents, named as in their download addresses."""

    COMPILED = "bao-cao-tong-hop", "Báo cáo tổng hợp"
    REQUEST = "cong-van-de-nghi", "Công văn đề nghị báo cáo"


class IssuedDocument(models.Model):
    """Number, symbol, date, signer and recipients of a round's document, until and after issue.

    Nothing stored means the defaults of `IssuedDocument.of`; once issued the record is frozen.
    """

    round = models.ForeignKey(
        "rounds.Round",
        verbose_name="đợt báo cáo",
        on_delete=models.CASCADE,
        related_name="issued_documents",
    )
    document = models.CharField("văn bản", max_length=20, choices=RoundDocument.choices)
    number = models.CharField(
        "số văn bản",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^\d+$", "Số văn bản chỉ gồm chữ số, ví dụ 125.")],
        help_text="Để trống khi chưa lấy số; văn thư điền khi ban hành.",
    )
    symbol = models.CharField(
        "ký hiệu",
        max_length=40,
        validators=[symbol_code_validator],
        help_text="Phần sau số: BC-LĐTBXH (báo cáo), LĐTBXH-PCTNXH (công văn).",
    )
    issued_on = models.DateField(
        "ngày ban hành",
        null=True,
        blank=True,
        help_text="Để trống: văn bản ghi tháng, năm của hạn nộp, để trống ngày.",
    )
    signer_title = models.CharField(
        "chức vụ người ký", max_length=120, blank=True, validators=[validate_signer_title]
    )
    signer_name = models.CharField(
        "người ký", max_length=120, blank=True, validators=[validate_signer_name]
    )
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    archive_unit = models.CharField(
        "đơn vị soạn thảo (lưu)",
        max_length=20,
        blank=True,
        validators=[symbol_code_validator],
        help_text="In ở dòng “Lưu: VT, PCTNXH.”",
    )
    issued_at = models.DateTimeField("ban hành lúc", null=True, blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "văn bản của đợt báo cáo"
        verbose_name_plural = "văn bản của đợt báo cáo"
        constraints = [
            models.UniqueConstraint(fields=["round", "document"], name="unique_round_document")
        ]

    def __str__(self) -> str:
        return f"{self.get_document_display()}: {self.round}"

    @classmethod
    def of(cls, round_: Round, document: RoundDocument) -> IssuedDocument:
        """The stored record, or an unsaved one filled from the coordinator's defaults.

        A request dispatch registered in the legal-document registry keeps its number and date.
        """
        stored = cls.objects.filter(round=round_, document=document).first()
        if stored is not None:
            return stored
        agency = round_.coordinator
        signer = agency.default_signer()
        recipients = agency.usual_recipient_lines()
        record = cls(
            round=round_,
            document=document,
            signer_title=signer.title if signer else "",
            signer_name=signer.name if signer else "",
            archive_unit=agency.drafting_unit,
        )
        if document == RoundDocument.COMPILED:
            record.symbol = f"BC-{agency.code}"
            record.recipients = recipients or ([agency.parent.name] if agency.parent else [])
            return record
        record.symbol = "-".join(filter(None, [agency.code, agency.drafting_unit]))
        record.recipients = ["Như trên", *recipients]
        request = round_.request
        if request is not None:
            record.number, record.issued_on = request.number, request.date
            record.symbol = request.symbol or record.symbol
            if "-" in record.symbol:
                record.archive_unit = record.symbol.rpartition("-")[2]
        return record

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None

    def clean(self) -> None:
        try:
            lines = [recipient_line(line) for line in self.recipients]
        except ValidationError as error:
            raise ValidationError({"recipients": error.messages}) from error
        self.recipients = [line for line in lines if line]
        if bool(self.signer_title) != bool(self.signer_name):
            raise ValidationError(
                "Hãy ghi cả chức vụ và họ tên người ký, hoặc để trống cả hai.", code="signer"
            )

    def missing_for_issue(self) -> list[str]:
        """What an issued document must carry and this one lacks, in Vietnamese."""
        required = {
            "số văn bản": self.number,
            "ngày ban hành": self.issued_on,
            "người ký": self.signer_name,
        }
        return [label for label, value in required.items() if not value]


class ExportKind(models.TextChoices):
    """The analytics tables a RenderedFile may hold, exported to .xlsx (analytics.exports)."""

    COMPILATION = "tong-hop-dot", "Bảng tổng hợp số liệu của đợt báo cáo"
    PIVOT = "bang-tong-hop", "Bảng số liệu"


class RenderedFile(models.Model):
    """A PDF or a large spreadsheet export asked for on a page and produced by a background task
    (rendering.jobs).

    Its id is the unguessable handle of the progress page; the bytes stay here until
    settings.TONGHOP_RENDERED_FILE_HOURS have passed, then rendering.jobs.forget_expired deletes it.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "đang chờ"
        RUNNING = "running", "đang tạo"
        DONE = "done", "đã xong"
        FAILED = "failed", "không tạo được"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người yêu cầu",
        on_delete=models.CASCADE,
        related_name="+",
    )
    document = models.CharField("văn bản", max_length=30)
    report = models.ForeignKey(
        "rounds.Report", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    round = models.ForeignKey(
        "rounds.Round", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    include_drafts = models.BooleanField("tính cả báo cáo chưa tiếp nhận", default=False)
    # The pivot's question for its export (analytics.pivot.PivotChoice.query), which has no round.
    query = models.TextField("bảng số liệu", blank=True)
    suffix = models.CharField("định dạng", max_length=8, default=".pdf")
    filename = models.CharField("tên tệp", max_length=200)
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField("lỗi", blank=True)
    data = models.BinaryField("nội dung", null=True, blank=True)
    requested_at = models.DateTimeField("yêu cầu lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    class Meta:
        verbose_name = "tệp văn bản đã tạo"
        verbose_name_plural = "tệp văn bản đã tạo"
        indexes = [models.Index(fields=["requested_at"], name="rendered_file_requested")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report__isnull=False, round__isnull=True)
                | models.Q(report__isnull=True, round__isnull=False)
                | models.Q(report__isnull=True, round__isnull=True, document=ExportKind.PIVOT),
                name="rendered_file_of_report_round_or_pivot",
            )
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}
