"""Derived tables for roll-ups and search (rebuilt or kept in step with their sources), and the
pivot views people save."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from places.models import Era, Level


class UnitMap(models.Model):
    """A unit and the unit it rolls up to at a level of an era: itself, an ancestor, a successor.

    Rebuilt from places whenever the units or successions change (see units.ensure_unit_map).
    """

    # One index only, the unique one that leads with the unit: under stale statistics
    # PostgreSQL took any index on (era, level) or on the target for a join on the unit and
    # scanned 13,000 entries per value (a 15 s compilation on deadline day).
    unit = models.ForeignKey(
        "places.AdministrativeUnit",
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    era = models.CharField(max_length=4, choices=Era.choices)
    level = models.CharField(max_length=10, choices=Level.choices)
    target = models.ForeignKey(
        "places.AdministrativeUnit",
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    # The unit's own depth (places.models.LEVEL_DEPTH): a total outranks its breakdown.
    depth = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "era", "level"], name="unique_unit_map")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} → {self.target_id} ({self.era}, {self.level})"


class UnitMapState(models.Model):
    """The places' version (places.versions) the unit map was built from (one row)."""

    places_version = models.BigIntegerField()

    def __str__(self) -> str:
        return str(self.places_version)


class AgencyTotal(models.Model):
    """A copy of every agency total (a value at the agency's own unit, no category).

    Kept in step with datavalues by database triggers (migration 0002), so that a roll-up over
    a nation's agencies reads a few thousand totals instead of millions of locality rows.
    """

    datavalue = models.OneToOneField(
        "rounds.DataValue",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    indicator = models.ForeignKey(
        "catalogue.Indicator", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    place = models.ForeignKey(
        "places.AdministrativeUnit",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    period = models.ForeignKey(
        "catalogue.Period", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    report = models.ForeignKey(
        "rounds.Report",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    value = models.DecimalField(max_digits=20, decimal_places=4)
    qualifier = models.CharField(max_length=10)

    class Meta:
        indexes = [
            models.Index(fields=["period", "indicator"], name="analytics_total_period"),
            models.Index(fields=["indicator", "period"], name="analytics_total_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.datavalue_id}: {self.value.normalize():f}"


class PassageKind(models.TextChoices):
    NARRATIVE = "narrative", "Nội dung báo cáo"
    DOCUMENT = "document", "Văn bản nhập vào"


class SearchEntry(models.Model):
    """One searchable passage: a report's narrative under a heading, or an imported document."""

    kind = models.CharField(max_length=10, choices=PassageKind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=400)
    agency = models.ForeignKey(
        "agencies.Agency", null=True, on_delete=models.CASCADE, related_name="+"
    )
    place = models.ForeignKey(
        "places.AdministrativeUnit", null=True, on_delete=models.CASCADE, related_name="+"
    )
    period = models.ForeignKey(
        "catalogue.Period", null=True, on_delete=models.CASCADE, related_name="+"
    )
    # Visibility follows the report's status at query time, so a status change needs no reindex.
    report = models.ForeignKey(
        "rounds.Report", null=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField()
    # What the full-text index reads: on PostgreSQL lower case without diacritics (unaccent),
    # on SQLite the text with "đ" as "d" (FTS5 folds the rest). Written by triggers only.
    folded = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")
        ]

    def __str__(self) -> str:
        return self.title


def new_token() -> str:
    return secrets.token_urlsafe(9)


class SavedView(models.Model):
    """A pivot saved under a name: its query string, opened by anyone through its link.

    Only the question is shared, never the owner's rights: whoever opens the link reads the
    figures of their own rounds.access.value_scope.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lưu",
        on_delete=models.CASCADE,
        related_name="saved_views",
    )
    name = models.CharField("tên bảng", max_length=120)
    query = models.TextField("điều kiện của bảng")
    token = models.CharField("mã liên kết", max_length=16, unique=True, default=new_token)
    created = models.DateTimeField("ngày lưu", auto_now_add=True)

    class Meta:
        verbose_name = "bảng tổng hợp đã lưu"
        verbose_name_plural = "bảng tổng hợp đã lưu"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="unique_saved_view_name")
        ]

    def __str__(self) -> str:
        return self.name
