"""The qualifier's word as the agency wrote it: stored beside its kind, checked, printed back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

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
from rounds.models import DataValue

from .test_values import make_value

EVERY_WORD = [(kind, word) for kind, words in QUALIFIER_WORDS.items() for word in words]


def test_a_value_prints_the_word_the_agency_wrote(cast):
    assert str(make_value(cast, qualifier_word="hơn")) == "hơn 500"


def test_a_value_without_a_word_prints_its_kinds_default(cast):
    assert str(make_value(cast)) == "trên 500"
    assert qualifier_prefix(Qualifier.ABOUT) == "khoảng "
    assert qualifier_prefix(Qualifier.EXACT) == ""


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


def test_the_database_refuses_a_word_that_does_not_belong_to_the_kind(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_value(cast, qualifier=Qualifier.EXACT, qualifier_word="hơn")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_value(cast, qualifier=Qualifier.MORE_THAN, qualifier_word="khoảng")
    assert not DataValue.objects.exists()


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


@pytest.mark.django_db(transaction=True)
def test_the_migration_goes_back_and_forth_keeping_the_agency_totals_in_step(cast):
    make_value(cast, qualifier_word="hơn")
    executor = MigrationExecutor(connection)
    executor.migrate([("datavalues", "0001_initial")])
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    value = make_value(cast, place=cast.son_dong, value=Decimal(7), qualifier_word="tối thiểu")
    assert str(value) == "tối thiểu 7"
    # The copy of agency totals still follows writes after the table was rebuilt.
    DataValue.objects.filter(place=cast.province).update(value=Decimal(600))
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM analytics_agencytotal")
        assert [Decimal(str(v)) for (v,) in cursor.fetchall()] == [Decimal(600)]


def test_the_admin_form_check_gives_the_vietnamese_message(cast):
    value = make_value(cast)
    value.qualifier_word = "gần"
    with pytest.raises(ValidationError, match="Từ «gần» không dùng được"):
        value.full_clean()
    value.qualifier_word = "Trên"
    value.full_clean()
    assert value.qualifier_word == ""
