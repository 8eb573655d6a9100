import pytest

from tonghop.testing import make_cast


@pytest.fixture
def cast(db):
    """The named cast of tonghop.testing: coordinator, BDT officer, police officer, viewer."""
    return make_cast()
