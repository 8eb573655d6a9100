"""Reporting rounds ("đợt báo cáo"), the reports agencies file in them, and their narratives."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from datavalues.models import (
    STORED_WORDS,
    Qualifier,
    Source,
    check_qualifier_word,
    qualifier_prefix,
)


class Round(models.Model):
    name = models.CharField("tên đợt báo cáo", max_length=300)
    coordinator = models.ForeignKey(
        "agencies.Agency",
        verbose_name="cơ quan chủ trì tổng hợp",
        on_delete=models.PROTECT,
        related_name="coordinated_rounds",
    )
    request = models.ForeignKey(
        "documents.LegalDocument",
        verbose_name="văn bản yêu cầu báo cáo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    plan = models.ForeignKey(
        "documents.LegalDocument",
        verbose_name="kế hoạch (chỉ tiêu, mục tiêu)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_rounds",
    )
    period = models.ForeignKey(
        "catalogue.Period",
        verbose_name="kỳ báo cáo",
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    deadline = models.DateTimeField("hạn nộp")
    parent = models.ForeignKey(
        "self",
        verbose_name="đợt báo cáo cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Yêu cầu báo cáo của cấp trên mà đợt này trả lời (đợt của bộ hoặc của tỉnh).",
    )
    indicators = models.ManyToManyField(
        "catalogue.Indicator",
        through="RoundIndicator",
        through_fields=("round", "indicator"),
        verbose_name="chỉ tiêu",
        blank=True,
    )
    created_at = models.DateTimeField("tạo lúc", default=timezone.now)

    class Meta:
        verbose_name = "đợt báo cáo"
        verbose_name_plural = "đợt báo cáo"
        ordering = ["-period__year", "-deadline"]

    def __str__(self) -> str:
        return self.name


class RoundIndicator(models.Model):
    round = models.ForeignKey(
        Round, verbose_name="đợt báo cáo", on_delete=models.CASCADE, related_name="round_indicators"
    )
    indicator = models.ForeignKey(
        "catalogue.Indicator", verbose_name="chỉ tiêu", on_delete=models.PROTECT
    )
    by_locality = models.BooleanField("chi tiết theo địa bàn", default=False)
    order = models.PositiveIntegerField("thứ tự", default=0)
    answers = models.ForeignKey(
        "catalogue.Indicator",
        verbose_name="chỉ tiêu của đợt cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Chỉ tiêu của đợt cấp trên mà số liệu này được tổng hợp vào; để trống nếu là "
        "chỉ tiêu riêng của cấp mình.",
    )

    class Meta:
        verbose_name = "chỉ tiêu của đợt"
        verbose_name_plural = "chỉ tiêu của đợt"
        ordering = ["order", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator"], name="unique_round_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.indicator_id}"


class Section(models.Model):
    """One heading of the round's outline: "I. Kết quả ...", "1. Ưu điểm" ..."""

    round = models.ForeignKey(
        Round, verbose_name="đợt báo cáo", on_delete=models.CASCADE, related_name="sections"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    label = models.CharField("số thứ tự", max_length=10)
    title = models.CharField("tiêu đề", max_length=300)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "mục của đề cương"
        verbose_name_plural = "đề cương báo cáo"
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.label}. {self.title}"


class ReportStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa nộp"
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã nộp"
    RETURNED = "returned", "Trả lại"
    ACCEPTED = "accepted", "Đã tiếp nhận"


# The agency may still edit; a submitted report waits for review, an accepted one is locked.
EDITABLE_STATUSES = frozenset({ReportStatus.NOT_STARTED, ReportStatus.DRAFT, ReportStatus.RETURNED})
# States whose content the round's coordinator may read (rounds.access.reports_for_user;
# leadership reads accepted reports only). A returned report is back with its agency: the
# coordinator reads its current, changing content under the mark "Đang sửa, chưa nộp lại", and
# it counts in no compilation until resubmitted and accepted, except in the preview that asks
# for every unaccepted report (rounds.access.ValueScope).
FILED_STATUSES = frozenset({ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.ACCEPTED})


def late(filed_at, deadline) -> bool:
    """Late when first submitted after the deadline, or still not submitted past it."""
    if filed_at is None:
        return timezone.now() > deadline
    return filed_at > deadline


class Report(models.Model):
    round = models.ForeignKey(
        Round, verbose_name="đợt báo cáo", on_delete=models.CASCADE, related_name="reports"
    )
    compiled_from = models.ForeignKey(
        Round,
        verbose_name="tổng hợp từ đợt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers",
        help_text="Đợt báo cáo cấp dưới mà số liệu của báo cáo này được tổng hợp từ đó.",
    )
    compiled_state = models.CharField(
        "dấu trạng thái đợt cấp dưới khi gửi",
        max_length=64,
        blank=True,
        editable=False,
        help_text="Dấu vân tay (mã, phiên bản, trạng thái) các báo cáo của đợt cấp dưới lúc gửi.",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="cơ quan, đơn vị",
        on_delete=models.PROTECT,
        related_name="reports",
    )
    status = models.CharField(
        "trạng thái", max_length=12, choices=ReportStatus.choices, default=ReportStatus.NOT_STARTED
    )
    number = models.CharField("số văn bản", max_length=20, blank=True)
    title = models.CharField("trích yếu", max_length=400, blank=True)
    legal_bases = models.TextField("căn cứ", blank=True)
    closing = models.TextField("đoạn kết", blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=120, blank=True)
    signer_name = models.CharField("người ký", max_length=120, blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    first_submitted_at = models.DateTimeField(
        "nộp lần đầu lúc",
        null=True,
        blank=True,
        help_text="Tính đúng hạn theo lần nộp đầu; sửa sau khi bị trả lại không làm báo cáo bị muộn.",
    )
    review_comment = models.TextField("ý kiến của cơ quan thường trực", blank=True)
    explanations = models.JSONField(
        "giải trình số liệu bất thường",
        default=dict,
        blank=True,
        help_text="Mã cảnh báo -> lời giải trình của cơ quan, đơn vị.",
    )
    version = models.PositiveIntegerField(
        default=0, help_text="Tăng sau mỗi lần lưu, để hai người sửa cùng lúc không ghi đè nhau."
    )

    class Meta:
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"
        ordering = ["round", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "agency"], name="unique_report_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.agency} - {self.round}"

    @property
    def filed_at(self):
        """When the report was first submitted; the last submission for imported history."""
        return self.first_submitted_at or self.submitted_at

    def is_late(self) -> bool:
        return late(self.filed_at, self.round.deadline)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_filed(self) -> bool:
        return self.status in FILED_STATUSES


class Narrative(models.Model):
    """The agency's text under one section of the outline."""

    report = models.ForeignKey(
        Report, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="narratives"
    )
    section = models.ForeignKey(
        Section, verbose_name="mục", on_delete=models.CASCADE, related_name="narratives"
    )
    text = models.TextField("nội dung", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="unique_narrative")
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.section_id}"


class ActivityKind(models.TextChoices):
    CONTEST = "contest", "Hội thi"
    CONFERENCE = "conference", "Hội nghị, buổi tuyên truyền"
    TRAINING = "training", "Lớp, hội nghị tập huấn"
    MEDIA_FEATURE = "media_feature", "Phóng sự phát thanh, truyền hình"
    MEDIA_ARTICLE = "media_article", "Bài viết"
    MEDIA_NEWS = "media_news", "Tin"
    LEAFLETS = "leaflets", "Tờ rơi, tờ gấp"


# Which indicators an activity feeds: (quantity indicator, participants indicator or None).
ACTIVITY_INDICATORS: dict[str, tuple[str, str | None]] = {
    ActivityKind.CONTEST: ("contests", "contest_participants"),
    ActivityKind.CONFERENCE: ("propaganda_sessions", "propaganda_attendance"),
    ActivityKind.TRAINING: ("trainings", "training_attendance"),
    ActivityKind.MEDIA_FEATURE: ("media_features", None),
    ActivityKind.MEDIA_ARTICLE: ("media_articles", None),
    ActivityKind.MEDIA_NEWS: ("media_news", None),
    ActivityKind.LEAFLETS: ("leaflets", None),
}


class Activity(models.Model):
    """An activity logged through the year; activities pre-fill the matching indicators."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="cơ quan, đơn vị",
        on_delete=models.PROTECT,
        related_name="activities",
    )
    kind = models.CharField("loại hoạt động", max_length=20, choices=ActivityKind.choices)
    date = models.DateField("ngày")
    title = models.CharField("nội dung", max_length=300)
    place = models.CharField("địa điểm", max_length=200, blank=True)
    locality = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name="địa bàn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    quantity = models.PositiveIntegerField(
        "số lượng", default=1, help_text="Số cuộc, số phóng sự, bài, tin hoặc số tờ rơi."
    )
    participants = models.PositiveIntegerField("số người tham dự", default=0)
    partners = models.CharField("đơn vị phối hợp", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("ghi lúc", default=timezone.now)

    class Meta:
        verbose_name = "hoạt động"
        verbose_name_plural = "nhật ký hoạt động"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["agency", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title} ({self.date:%d/%m/%Y})"


class TargetComparison(models.TextChoices):
    """How a plan's target reads: "ít nhất 70%", "không quá 5 vụ", "đúng 12 cuộc"."""

    AT_LEAST = "ge", "≥ (ít nhất)"
    AT_MOST = "le", "≤ (không quá)"
    EQUAL = "eq", "= (đúng bằng)"


COMPARISON_SIGNS = {
    TargetComparison.AT_LEAST: "≥",
    TargetComparison.AT_MOST: "≤",
    TargetComparison.EQUAL: "=",
}


class Target(models.Model):
    """A target a plan ("Kế hoạch") sets for an indicator, e.g. at least 70% of communes reached."""

    plan = models.ForeignKey(
        "documents.LegalDocument",
        verbose_name="kế hoạch",
        on_delete=models.CASCADE,
        related_name="targets",
    )
    indicator = models.ForeignKey(
        "catalogue.Indicator", verbose_name="chỉ tiêu", on_delete=models.PROTECT
    )
    comparison = models.CharField(
        "so sánh", max_length=2, choices=TargetComparison.choices, default=TargetComparison.AT_LEAST
    )
    value = models.DecimalField("mức mục tiêu", max_digits=20, decimal_places=4)
    note = models.CharField(
        "lời văn trong kế hoạch",
        max_length=300,
        blank=True,
        help_text="Chép đúng câu của kế hoạch, ví dụ “ít nhất 70% xã, phường tổ chức tuyên "
        "truyền thường xuyên”.",
    )

    class Meta:
        verbose_name = "mục tiêu"
        verbose_name_plural = "mục tiêu"
        constraints = [
            models.UniqueConstraint(fields=["plan", "indicator"], name="unique_plan_target")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.sign} {self.value.normalize():f}"

    @property
    def sign(self) -> str:
        return COMPARISON_SIGNS[TargetComparison(self.comparison)]


class DataValue(models.Model):
    """Indicator x agency x place x period x breakdown -> value, with qualifier and provenance."""

    indicator = models.ForeignKey(
        "catalogue.Indicator",
        verbose_name="chỉ tiêu",
        on_delete=models.PROTECT,
        related_name="values",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="cơ quan, đơn vị",
        on_delete=models.PROTECT,
        related_name="values",
    )
    place = models.ForeignKey(
        "places.AdministrativeUnit",
        verbose_name="địa bàn",
        on_delete=models.PROTECT,
        related_name="values",
    )
    period = models.ForeignKey(
        "catalogue.Period", verbose_name="kỳ", on_delete=models.PROTECT, related_name="values"
    )
    category = models.ForeignKey(
        "catalogue.BreakdownCategory",
        verbose_name="phân tổ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="values",
    )
    value = models.DecimalField("giá trị", max_digits=20, decimal_places=4)
    qualifier = models.CharField(
        "mức độ chính xác", max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    qualifier_word = models.CharField(
        "từ chỉ mức độ",
        max_length=20,
        blank=True,
        default="",
        db_default="",  # raw inserts (bench, COPY) need not know the column
        help_text="Từ cơ quan đã viết trước số liệu («hơn», «ước», ...); để trống là từ mặc định.",
    )
    source = models.CharField("nguồn", max_length=12, choices=Source.choices, default=Source.TYPED)
    source_file = models.CharField("tệp nguồn", max_length=255, blank=True)
    source_quote = models.TextField("đoạn trích", blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    report = models.ForeignKey(
        Report,
        verbose_name="báo cáo",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="values",
    )
    carried_from = models.ManyToManyField(
        "self",
        verbose_name="tổng hợp từ số liệu",
        symmetrical=False,
        blank=True,
        related_name="carried_into",
        help_text="Các số liệu của đợt cấp dưới làm nên số liệu này (nguồn gốc).",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "datavalues_datavalue"  # the table and its names from before the model moved
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [
            # A value belongs to the report it was given in: one agency may give the same
            # indicator for the same period in two rounds (its own work, and the province's
            # compiled answer to the ministry). Values outside any report stay one per agency.
            models.UniqueConstraint(
                fields=["report", "indicator", "place"],
                condition=models.Q(category__isnull=True, report__isnull=False),
                name="unique_report_value_total",
            ),
            models.UniqueConstraint(
                fields=["report", "indicator", "place", "category"],
                condition=models.Q(category__isnull=False, report__isnull=False),
                name="unique_report_value_category",
            ),
            models.UniqueConstraint(
                fields=["indicator", "agency", "place", "period"],
                condition=models.Q(category__isnull=True, report__isnull=True),
                name="unique_value_total",
            ),
            models.UniqueConstraint(
                fields=["indicator", "agency", "place", "period", "category"],
                condition=models.Q(category__isnull=False, report__isnull=True),
                name="unique_value_category",
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="value_not_negative"),
            models.CheckConstraint(
                condition=models.Q(qualifier_word="")
                | models.Q(
                    qualifier=Qualifier.MORE_THAN, qualifier_word__in=STORED_WORDS["more_than"]
                )
                | models.Q(qualifier=Qualifier.ABOUT, qualifier_word__in=STORED_WORDS["about"]),
                name="qualifier_word_of_kind",
            ),
        ]
        indexes = [models.Index(fields=["period", "indicator"])]

    def __str__(self) -> str:
        return f"{qualifier_prefix(self.qualifier, self.qualifier_word)}{self.value.normalize():f}"

    def clean(self) -> None:
        """The admin's check of the word, before the database's constraint would refuse it."""
        try:
            self.qualifier_word = check_qualifier_word(self.qualifier, self.qualifier_word)
        except ValueError as error:
            raise ValidationError({"qualifier_word": str(error)}) from None
