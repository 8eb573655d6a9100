"""A value's qualifier word as the agency wrote it: stored beside its kind, checked, printed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from datavalues.models import Qualifier, qualifier_prefix
from rounds.models import DataValue

from .test_values import make_value


def test_a_value_prints_the_word_the_agency_wrote(cast):
    assert str(make_value(cast, qualifier_word="hơn")) == "hơn 500"


def test_a_value_without_a_word_prints_its_kinds_default(cast):
    assert str(make_value(cast)) == "trên 500"
    assert qualifier_prefix(Qualifier.ABOUT) == "khoảng "
    assert qualifier_prefix(Qualifier.EXACT) == ""


def test_the_database_refuses_a_word_that_does_not_belong_to_the_kind(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_value(cast, qualifier=Qualifier.EXACT, qualifier_word="hơn")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_value(cast, qualifier=Qualifier.MORE_THAN, qualifier_word="khoảng")
    assert not DataValue.objects.exists()


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
