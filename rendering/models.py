"""Texts of the compiled report drafted from the figures and edited by the coordinator."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from rendering.drafting import PlaceholderNames, TemplateError, check_template


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
