from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from accounts.testing import make_year
from catalogue.models import BreakdownCategory, Indicator
from datavalues.models import Qualifier
from rounds.models import DataValue


def make_value(cast, **overrides) -> DataValue:
    """BDT's 2023 contest participants, \"trên 500\", with the fields given changed."""
    fields = dict(
        indicator=Indicator.objects.get(code="contest_participants"),
        agency=cast.bdt,
        place=cast.province,
        period=make_year(2023),
        value=Decimal(500),
        qualifier=Qualifier.MORE_THAN,
    )
    fields.update(overrides)
    return DataValue.objects.create(**fields)


def test_a_value_keeps_its_qualifier(cast):
    assert str(make_value(cast)) == "trên 500"


def test_one_value_per_indicator_agency_place_period(cast):
    make_value(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_value(cast, value=Decimal(600))
    # The locality breakdown is another row.
    make_value(cast, place=cast.son_dong, value=Decimal(100))


def test_one_value_per_breakdown_category(cast):
    female = BreakdownCategory.objects.get(breakdown__code="sex", code="female")
    make_value(cast, category=female)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_value(cast, category=female, value=Decimal(7))


def test_negative_values_are_refused_by_the_database(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_value(cast, value=Decimal(-1))
