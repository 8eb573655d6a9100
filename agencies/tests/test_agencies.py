import pytest
from django.core.exceptions import ValidationError

from agencies.models import Agency, AgencyKind


@pytest.mark.parametrize("code", ["BDT", "LĐTBXH", "UBND-SĐ", "CAT"])
def test_symbol_codes_as_officials_write_them_are_accepted(cast, code):
    Agency(
        code=code, name="Cơ quan thử", kind=AgencyKind.DEPARTMENT, unit=cast.province
    ).full_clean(exclude=["code"] if Agency.objects.filter(code=code).exists() else None)


@pytest.mark.parametrize("code", ["bdt", "BC BDT", "BDT/", ""])
def test_malformed_symbol_codes_are_refused_in_vietnamese(cast, code):
    agency = Agency(code=code, name="Cơ quan thử", kind=AgencyKind.DEPARTMENT, unit=cast.province)
    with pytest.raises(ValidationError) as caught:
        agency.full_clean()
    assert "code" in caught.value.message_dict


def test_the_coordinator_of_a_round_is_data(cast):
    assert cast.coordinator.agency == cast.coordinating_agency
    assert cast.coordinator.is_coordinator and not cast.officer.is_coordinator
    assert list(Agency.objects.active().filter(code__in=["BDT", "CAT"]).order_by("code")) == [
        cast.bdt,
        cast.police,
    ]
