"""Vietnam's administrative units, before and after the reform of 1 July 2025."""

from __future__ import annotations

import datetime as dt

from django.db import models

REFORM_DATE = dt.date(2025, 7, 1)
LAST_DAY_BEFORE_REFORM = REFORM_DATE - dt.timedelta(days=1)


class Level(models.TextChoices):
    COUNTRY = "country", "Toàn quốc"
    PROVINCE = "province", "Tỉnh, thành phố"
    DISTRICT = "district", "Huyện, quận, thị xã, thành phố thuộc tỉnh"
    COMMUNE = "commune", "Xã, phường, thị trấn, đặc khu"


# How far below the country a level lies: a roll-up keeps an agency's value at its coarsest unit.
LEVEL_DEPTH: dict[str, int] = {
    Level.COUNTRY: 0,
    Level.PROVINCE: 1,
    Level.DISTRICT: 2,
    Level.COMMUNE: 3,
}
COUNTRY_CODE = "VN"


class Era(models.TextChoices):
    BEFORE_2025 = "2008", "Trước 01/7/2025 (ba cấp)"
    FROM_2025 = "2025", "Từ 01/7/2025 (hai cấp)"


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date) -> UnitQuerySet:
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )

    def current(self) -> UnitQuerySet:
        return self.filter(era=Era.FROM_2025)

    def provinces(self) -> UnitQuerySet:
        return self.filter(level=Level.PROVINCE)


class AdministrativeUnit(models.Model):
    era = models.CharField("hệ thống", max_length=4, choices=Era.choices)
    level = models.CharField("cấp", max_length=10, choices=Level.choices)
    code = models.CharField("mã", max_length=10)
    name = models.CharField("tên", max_length=120)
    full_name = models.CharField("tên đầy đủ", max_length=160)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        through="Succession",
        symmetrical=False,
        related_name="predecessors",
        blank=True,
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        ordering = ["era", "level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["era", "level", "code"], name="unique_unit_code")
        ]
        indexes = [models.Index(fields=["level", "name"])]

    def __str__(self) -> str:
        if self.level != Level.PROVINCE and self.parent is not None:
            return f"{self.full_name}, {self.parent.full_name}"
        return self.full_name

    @classmethod
    def country(cls, era: str) -> AdministrativeUnit:
        """The country of an era: a ministry's unit; provinces are not placed under it."""
        return cls.objects.get(era=era, level=Level.COUNTRY, code=COUNTRY_CODE)

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def children_on(self, day: dt.date) -> UnitQuerySet:
        """The units directly below this one as they stood on `day`.

        A day outside this unit's own life is moved to its first or last day, so that a 2025
        round of a pre-reform province lists the districts of 30/6/2025 rather than none.
        A unit moved to another parent (`Transfer`) counts under the parent of that day.
        """
        if self.valid_to is not None and day > self.valid_to:
            day = self.valid_to
        if self.valid_from is not None and day < self.valid_from:
            day = self.valid_from
        parent_then: dict[int, int] = {}
        # Latest first, so that the earliest move after `day` names the parent of that day.
        for unit_id, parent_id in (
            Transfer.objects.filter(
                models.Q(from_parent_id=self.pk) | models.Q(unit__parent_id=self.pk),
                effective__gt=day,
            )
            .order_by("-effective")
            .values_list("unit_id", "from_parent_id")
        ):
            parent_then[unit_id] = parent_id
        moved_in = [unit for unit, parent in parent_then.items() if parent == self.pk]
        moved_out = [unit for unit, parent in parent_then.items() if parent != self.pk]
        return (
            AdministrativeUnit.objects.filter(
                models.Q(parent_id=self.pk) | models.Q(pk__in=moved_in)
            )
            .exclude(pk__in=moved_out)
            .valid_on(day)
        )

    def children_ever(self) -> UnitQuerySet:
        """Every unit that lies or once lay directly below this one."""
        return AdministrativeUnit.objects.filter(
            models.Q(parent_id=self.pk) | models.Q(transfers__from_parent_id=self.pk)
        ).distinct()

    def province(self) -> AdministrativeUnit:
        """The province this unit lies in, in its own era."""
        unit = self
        while unit.level != Level.PROVINCE and unit.parent is not None:
            unit = unit.parent
        return unit

    def current_provinces(self) -> list[AdministrativeUnit]:
        """Today's province(s) a figure recorded for this unit is attributed to.

        A pre-2025 district has no successor of its own (the level is gone), so it follows its
        province; a pre-2025 commune follows its successor communes' provinces.
        """
        if self.era == Era.FROM_2025:
            return [self.province()]
        if self.level == Level.DISTRICT:
            return self.province().current_provinces()
        successors = list(self.successors.filter(era=Era.FROM_2025).select_related("parent"))
        return sorted({s.province() for s in successors}, key=lambda u: u.code)


class Succession(models.Model):
    """One unit became (part of) another: across the 2025 reform, or by an earlier resolution.

    Links inside one era come from the change lists (places/changes.py) and cite the
    resolution that made them; links across the reform come from the package's tables.
    """

    predecessor = models.ForeignKey(
        AdministrativeUnit, on_delete=models.CASCADE, related_name="successions_out"
    )
    successor = models.ForeignKey(
        AdministrativeUnit, on_delete=models.CASCADE, related_name="successions_in"
    )
    whole = models.BooleanField("sáp nhập toàn bộ", default=True)
    resolution = models.CharField("nghị quyết", max_length=60, blank=True)
    signed = models.DateField("ngày ký", null=True, blank=True)
    effective = models.DateField("hiệu lực từ", null=True, blank=True)

    class Meta:
        verbose_name = "kế thừa đơn vị hành chính"
        verbose_name_plural = "kế thừa đơn vị hành chính"
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_succession")
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"

    @property
    def citation(self) -> str:
        """'Nghị quyết số 1191/NQ-UBTVQH15 ngày 28/9/2024, hiệu lực từ 01/01/2025', or ''."""
        if not self.resolution:
            return ""
        text = f"Nghị quyết số {self.resolution}"
        if self.signed:
            text += f" ngày {self.signed.day}/{self.signed.month}/{self.signed.year}"
        if self.effective:
            text += f", hiệu lực từ {self.effective:%d/%m/%Y}"
        return text


class Transfer(models.Model):
    """A unit moved from one parent to another on a day (a commune into a new thị xã)."""

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="transfers")
    from_parent = models.ForeignKey(
        AdministrativeUnit, on_delete=models.CASCADE, related_name="transfers_out"
    )
    effective = models.DateField("hiệu lực từ")
    resolution = models.CharField("nghị quyết", max_length=60)
    signed = models.DateField("ngày ký")

    class Meta:
        verbose_name = "chuyển đơn vị hành chính"
        verbose_name_plural = "chuyển đơn vị hành chính"
        constraints = [
            models.UniqueConstraint(fields=["unit", "effective"], name="unique_transfer_day")
        ]

    def __str__(self) -> str:
        return f"{self.unit} (trước {self.effective:%d/%m/%Y} thuộc {self.from_parent})"


class PlacesVersion(models.Model):
    """One row, its number raised in the transaction of every write to the units, successions
    or transfers (places.versions): what a map derived from the places compares to know it is
    stale, without reading the places themselves."""

    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "phiên bản danh mục đơn vị hành chính"
        verbose_name_plural = "phiên bản danh mục đơn vị hành chính"

    def __str__(self) -> str:
        return str(self.number)
