import pytest

from tonghop.testing import make_cast


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Accounts hash their passwords; PBKDF2 would cost a second per test for the cast alone."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        # Still reads the passwords of data loaded outside a test, such as the demo's accounts.
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture
def cast(db):
    """The named cast of tonghop.testing: coordinator, BDT officer, police officer, viewer."""
    return make_cast()
