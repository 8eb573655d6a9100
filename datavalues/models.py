"""Data values: indicator x agency x place x period x breakdown -> value, with qualifier and provenance."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from lib.vnnumbers import QUALIFIER_WORDS


class Qualifier(models.TextChoices):
    EXACT = "exact", "Chính xác"
    MORE_THAN = "more_than", "Trên, hơn"
    ABOUT = "about", "Khoảng, gần"


class Source(models.TextChoices):
    TYPED = "typed", "Nhập tay"
    IMPORTED = "imported", "Trích từ văn bản"
    COMPUTED = "computed", "Tính toán"
    ACTIVITIES = "activities", "Cộng từ nhật ký hoạt động"


# The word printed when the agency's own is not known (values typed before words were kept).
DEFAULT_WORD: dict[str, str] = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: "trên",
    Qualifier.ABOUT: "khoảng",
}
# The words an agency may write for each kind; the kind says how the value counts in sums.
WORDS: dict[str, tuple[str, ...]] = {
    Qualifier.EXACT: (),
    **{Qualifier(kind): words for kind, words in QUALIFIER_WORDS.items()},
}
KIND_OF_WORD = {word: kind for kind, words in WORDS.items() for word in words}
ALL_WORDS = ", ".join(KIND_OF_WORD)
EXACT_WORD = "chính xác"  # what a choice of the words offers for an exact value
# A default word is stored blank, so that "trên" and no word at all are one value, not two.
STORED_WORDS: dict[str, list[str]] = {
    kind: [w for w in words if w != DEFAULT_WORD[kind]] for kind, words in WORDS.items()
}


def written_word(qualifier: str, word: str = "") -> str:
    """The word printed for a value: the agency's, else the kind's default; "" when exact."""
    return word or DEFAULT_WORD[qualifier]


def qualifier_prefix(qualifier: str, word: str = "") -> str:
    """The text before a number: "hơn " as the agency wrote it, "" for an exact value."""
    shown = written_word(qualifier, word)
    return f"{shown} " if shown else ""


def check_qualifier_word(qualifier: str, word: str) -> str:
    """The word as stored ("" for the kind's default word); ValueError if it is not the kind's."""
    word = " ".join(word.split()).lower()
    if qualifier not in Qualifier.values:
        raise ValueError(
            f"Mức độ chính xác «{qualifier}» không hợp lệ (dùng {', '.join(Qualifier.values)})."
        )
    if not word or word == DEFAULT_WORD[qualifier]:
        return ""
    if word not in WORDS[qualifier]:
        allowed = ", ".join(f"«{w}»" for w in WORDS[qualifier]) or "không có từ nào"
        raise ValueError(
            f"Từ «{word}» không dùng được cho mức độ «{Qualifier(qualifier).label}» "
            f"(dùng: {allowed})."
        )
    return word


def qualifier_of_word(word: str) -> tuple[str, str]:
    """ "hơn" -> (more_than, "hơn"), "" or "chính xác" -> (exact, ""); ValueError for others."""
    word = " ".join(word.split()).lower()
    if word in {"", EXACT_WORD}:
        return Qualifier.EXACT, ""
    if word not in KIND_OF_WORD:
        raise ValueError(f"Từ «{word}» không phải từ chỉ mức độ chính xác (dùng: {ALL_WORDS}).")
    kind = KIND_OF_WORD[word]
    return kind, check_qualifier_word(kind, word)


def qualifier_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The words grouped by kind, for a form's choice; see qualifier_choice()."""
    return [
        (kind.label, [(qualifier_choice(kind, w), w or EXACT_WORD) for w in WORDS[kind] or ("",)])
        for kind in Qualifier
    ]


def qualifier_choice(qualifier: str, word: str = "") -> str:
    """A form choice's value: the kind for its default word ("more_than"), else "kind:word"."""
    word = check_qualifier_word(qualifier, word)
    return f"{qualifier}:{word}" if word else qualifier


def parse_qualifier_choice(choice: str) -> tuple[str, str]:
    """The (kind, word) of a form choice's value; ValueError if it is not one."""
    qualifier, _, word = choice.partition(":")
    return qualifier, check_qualifier_word(qualifier, word)


class DataValue(models.Model):
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
        "rounds.Report",
        verbose_name="báo cáo",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="values",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "agency", "place", "period"],
                condition=models.Q(category__isnull=True),
                name="unique_value_total",
            ),
            models.UniqueConstraint(
                fields=["indicator", "agency", "place", "period", "category"],
                condition=models.Q(category__isnull=False),
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
