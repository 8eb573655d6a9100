import pytest

from accounts.testing import make_cast
from tonghop.testing import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Accounts hash their passwords; PBKDF2 would cost a second per test for the cast alone."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        # Still reads the passwords of data loaded outside a test, such as the demo's accounts.
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(scope="session", autouse=True)
def anchoring_on_demand():
    """Tests anchor the audit trail when they ask to, not as a side effect of a commit."""
    from audit.anchors import Schedule

    Schedule.next_check = float("inf")


@pytest.fixture(autouse=True)
def audit_anchors(settings, tmp_path):
    """Each test's anchors go to a file of its own, signed with a fixed key: the test
    database starts empty, and a shared file would hold anchors of databases long gone."""
    settings.TONGHOP_AUDIT_ANCHOR_FILE = tmp_path / "audit-anchors.jsonl"
    settings.TONGHOP_AUDIT_KEY = "test-audit-key"
    return settings.TONGHOP_AUDIT_ANCHOR_FILE


@pytest.fixture
def cast(db):
    """The named cast of accounts.testing: coordinator, BDT officer, police officer, viewer."""
    return make_cast()


@pytest.fixture
def browser(monkeypatch):
    """Debian's Chromium through Playwright's sync API."""
    # Playwright's sync API runs an event loop; Django must allow ORM calls around it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
