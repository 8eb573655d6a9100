"""The qualifier's words: checked against their kind, offered in forms, read back."""

from __future__ import annotations

import pytest

from datavalues.models import (
    Qualifier,
    check_qualifier_word,
    parse_qualifier_choice,
    qualifier_choice,
    qualifier_choices,
    qualifier_of_word,
    qualifier_prefix,
)
from lib.vnnumbers import QUALIFIER_WORDS

EVERY_WORD = [(kind, word) for kind, words in QUALIFIER_WORDS.items() for word in words]


@pytest.mark.parametrize(("kind", "word"), EVERY_WORD)
def test_every_word_is_accepted_for_its_kind_and_printed_as_written(kind, word):
    stored = check_qualifier_word(kind, f"  {word.upper()} ")
    assert qualifier_prefix(kind, stored) == f"{word} "
    assert qualifier_of_word(word) == (kind, stored)


def test_the_default_word_is_stored_blank_so_it_is_one_value_not_two():
    assert check_qualifier_word(Qualifier.MORE_THAN, "trên") == ""
    assert check_qualifier_word(Qualifier.ABOUT, "Khoảng") == ""


def test_a_word_of_another_kind_is_refused_with_a_vietnamese_message():
    with pytest.raises(ValueError, match="Từ «khoảng» không dùng được cho mức độ «Trên, hơn»"):
        check_qualifier_word(Qualifier.MORE_THAN, "khoảng")
    with pytest.raises(ValueError, match="không dùng được cho mức độ «Chính xác»"):
        check_qualifier_word(Qualifier.EXACT, "hơn")
    with pytest.raises(ValueError, match="không phải từ chỉ mức độ chính xác"):
        qualifier_of_word("đại khái")
    with pytest.raises(ValueError, match="Mức độ chính xác «roughly» không hợp lệ"):
        check_qualifier_word("roughly", "")


def test_the_form_choices_offer_every_word_under_its_kind_and_read_back():
    groups = dict(qualifier_choices())
    assert [label for _, label in groups["Trên, hơn"]] == list(QUALIFIER_WORDS["more_than"])
    assert [label for _, label in groups["Khoảng, gần"]] == list(QUALIFIER_WORDS["about"])
    assert groups["Chính xác"] == [("exact", "chính xác")]
    for kind, word in [*EVERY_WORD, (Qualifier.EXACT, "")]:
        stored = check_qualifier_word(kind, word)
        assert parse_qualifier_choice(qualifier_choice(kind, word)) == (kind, stored)
    # A post of the kind alone (as before the words) means its default word.
    assert parse_qualifier_choice("more_than") == (Qualifier.MORE_THAN, "")
