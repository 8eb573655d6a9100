"""The vocabulary of data values: qualifiers and their words, sources.

The values themselves (`rounds.models.DataValue`) belong to a report, so they live in rounds.
"""

from __future__ import annotations

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
    CARRIED = "carried", "Tổng hợp từ đợt cấp dưới"


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
