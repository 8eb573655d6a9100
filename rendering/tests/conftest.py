import pytest

from tonghop.testing import demo_loaded


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The demo province (Bắc Giang 2022-2023) for the module, flushed after."""
    with demo_loaded(django_db_blocker):
        yield
