"""The registry of legal and administrative documents ("văn bản") that reports cite and answer."""

from __future__ import annotations

from django.db import models

from lib.dockinds import KINDS

# Type codes of Decree 30/2020, plus the party, joint and law kinds reports cite.
# django-stubs types the functional API's members as plain values, not (value, label) pairs.
DocumentKind = models.TextChoices(  # type: ignore[call-overload]
    "DocumentKind", [(member, (code, name)) for member, code, name in KINDS]
)


class LegalDocument(models.Model):
    kind = models.CharField("loại văn bản", max_length=5, choices=DocumentKind.choices)
    number = models.CharField("số", max_length=20, blank=True)
    symbol = models.CharField(
        "ký hiệu", max_length=80, blank=True, help_text="Ghi đúng như trên văn bản, kể cả khi sai."
    )
    issuer_name = models.CharField("cơ quan ban hành (như ghi)", max_length=300, blank=True)
    issuer = models.ForeignKey(
        "agencies.Agency",
        verbose_name="cơ quan ban hành",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_documents",
    )
    date = models.DateField("ngày ban hành", null=True, blank=True)
    summary = models.TextField("trích yếu", blank=True)
    as_written = models.TextField("trích dẫn nguyên văn", blank=True)

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-date", "kind", "number"]
        indexes = [models.Index(fields=["number", "symbol"])]

    def __str__(self) -> str:
        label = self.get_kind_display()
        if self.number or self.symbol:
            label += f" số {self.reference_code}"
        if self.date:
            label += f" ngày {self.date:%d/%m/%Y}"
        if self.issuer_name:
            label += f" của {self.issuer_name}"
        return label

    @property
    def reference_code(self) -> str:
        """Number and symbol as written: "21/KH-BCĐ"; party documents "80-KL/TW"; "/BC-BDT" for a draft."""
        if not self.symbol:
            return self.number
        joiner = "-" if "/" in self.symbol else "/"
        return f"{self.number}{joiner}{self.symbol}"
