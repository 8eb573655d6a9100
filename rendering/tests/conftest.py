import io

import pytest
from django.core.management import call_command

from analytics.units import ensure_unit_map


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The demo province (Bắc Giang 2022-2023), loaded once per module and flushed after."""
    with django_db_blocker.unblock():
        call_command("demo", stdout=io.StringIO())
        # Built once here: a test's rollback would otherwise throw the map away every time.
        ensure_unit_map()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
