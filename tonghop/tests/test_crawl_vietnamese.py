"""A crawl of every page each role reaches from the navigation: Vietnamese, and nothing from elsewhere.

Each role logs in and follows the links of every page it reaches (same host, GET only), from the
home page and the navigation, up to PAGE_LIMIT pages. Pages of one view with other ids are the
same page in other data: at most SAME_VIEW_LIMIT of them are read; the others (up to
LINK_CHECK_LIMIT) are only fetched, for their links. Every page must answer
without a server error, show no English interface word, load scripts, styles and images only
from the app itself, and every error page it meets must be the site's own Vietnamese page. A page
shows only links its reader may open: a link followed to a 403 or 404 is a dead link.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from accounts.testing import login_verified, make_cast
from rounds.models import Report
from rounds.testing import national_chain, open_seed_round, submitted
from rounds.upward import answer_upward

PAGE_LIMIT = 150
SAME_VIEW_LIMIT = 3
# Pages past those limits: fetched only to check that their links open, up to this many.
LINK_CHECK_LIMIT = 200
HOST = "testserver"
# English words of Django's and the packages' interfaces; matched as whole words, case-sensitive.
ENGLISH = [
    "Select an option",
    "Not Found",
    "Page not found",
    "Forbidden",
    "Server Error",
    "Bad Request",
    "Submit",
    "Save",
    "Delete",
    "Search",
    "Previous",
    "Next",
    "Cancel",
    "Close",
    "Add",
    "Change",
    "History",
    "Filter",
    "Home",
    "Welcome",
    "View site",
    "Log in",
    "Log out",
    "Logout",
    "Password",
    "Username",
    "Skip to main content",
    "Toggle",
    "Show counts",
    "Model name",
    "This field is required",
    "Enter a valid",
    "device",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    "Identity",
    "Timestamps",
    "Throttling",
]
ENGLISH_WORDS = re.compile(r"\b(?:" + "|".join(map(re.escape, ENGLISH)) + r")\b")
# Downloads (documents generated on request, files) and the JSON API: not pages to read.
SKIPPED_VIEWS = {
    "rendering:report_document",
    "rendering:round_document",
    "imports:xlsx_template",
    "accounts:logout",
    "admin:logout",
    "admin:otp_totp_totpdevice_qrcode",
    "admin:jsi18n",
}
# Attributes whose text a person reads or hears.
READ_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}
ASSET_ATTRIBUTES = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src"}


class Page(HTMLParser):
    """The text a person reads, the links to follow and the assets the page loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.assets: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"script", "style", "template"}:
            self._hidden += 1
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag in ASSET_ATTRIBUTES and attributes.get(ASSET_ATTRIBUTES[tag]):
            self.assets.append(attributes[ASSET_ATTRIBUTES[tag]])
        self.text += [value for name, value in attrs if name in READ_ATTRIBUTES and value]
        if tag in {"input", "button"} and attributes.get("type") in {"submit", "button", "reset"}:
            self.text.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"}:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


@dataclass
class Crawl:
    visited: dict[str, int] = field(default_factory=dict)  # path -> status
    linked_from: dict[str, str] = field(default_factory=dict)  # path -> the first page linking it
    problems: list[str] = field(default_factory=list)


def view_of(url: str) -> tuple[str, tuple[str, ...]] | None:
    """The view a same-host URL reaches and its query's parameter names; None if none does."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return ("", ())  # a page that does not exist: its error page is checked too
    name = match.view_name if match.url_name else parts.path
    return name, tuple(sorted({key for key, _ in parse_qsl(parts.query)}))


def check_page(path: str, response, crawl: Crawl) -> Page | None:
    if response.status_code >= 500:
        crawl.problems.append(f"{path}: {response.status_code}")
        return None
    if "text/html" not in response.get("Content-Type", ""):
        return None
    page = Page()
    page.feed(response.content.decode())
    text = " ".join(" ".join(page.text).split())
    for word in sorted(set(ENGLISH_WORDS.findall(text))):
        crawl.problems.append(f"{path}: English “{word}”")
    for asset in page.assets:
        if urlsplit(urljoin(f"http://{HOST}{path}", asset)).netloc != HOST:
            crawl.problems.append(f"{path}: loads {asset}")
    if response.status_code >= 400 and 'class="error-page"' not in response.content.decode():
        crawl.problems.append(f"{path}: {response.status_code} without the site's error page")
    return page


def crawl(client: Client, start: list[str]) -> Crawl:
    result = Crawl()
    queue = list(start)
    per_view: Counter = Counter()
    checked = 0  # pages past the limits, fetched only to check that their links open
    while queue:
        path = queue.pop(0)
        view = view_of(path)
        if path in result.visited or view is None or view[0] in SKIPPED_VIEWS:
            continue
        read = per_view[view] < SAME_VIEW_LIMIT and per_view.total() < PAGE_LIMIT
        if read:
            per_view[view] += 1
        elif view[0].startswith("admin:") or checked >= LINK_CHECK_LIMIT:
            continue  # Django's admin links its own pages
        else:
            checked += 1
        response = client.get(path)
        result.visited[path] = response.status_code
        if response.status_code in {403, 404} and path in result.linked_from:
            origin = result.linked_from[path]
            result.problems.append(f"{origin}: links {path}, which answers {response.status_code}")
        page = check_page(path, response, result) if read else links_of(response)
        if response.status_code in {301, 302} and response["Location"].startswith("/"):
            queue.append(response["Location"])
        for href in page.links if page else []:
            parts = urlsplit(urljoin(f"http://{HOST}{path}", href))
            if parts.netloc == HOST and parts.scheme in {"http", "https"}:
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                result.linked_from.setdefault(target, path)
                queue.append(target)
    return result


def links_of(response) -> Page | None:
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    page = Page()
    page.feed(response.content.decode())
    return page


@pytest.fixture(scope="module")
def people(django_db_setup, django_db_blocker):
    """The named cast in the ministry's chain, with reports in several states."""
    with django_db_blocker.unblock():
        cast = make_cast()
        chain = national_chain(cast)
        cast.admin.is_staff = cast.admin.is_superuser = True
        cast.admin.save()
        # The coordinator's answer to the ministry, carried and still a draft: its own report,
        # whose carried figures' lineage it may not open yet (links to it would be dead).
        answer_upward(cast.coordinator, chain["child"], version=chain["answer"].version)
        later = open_seed_round(cast)
        submitted(Report.objects.get(round=later, agency=cast.bdt), cast.officer)
        yield {
            "admin": cast.admin,
            "coordinator": cast.coordinator,
            "officer": cast.officer,
            "other_officer": cast.other_officer,
            "viewer": cast.viewer,
            "ministry_coordinator": chain["minister"],
        }
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


START = ["/", "/khong-co-trang-nay/", "/api/docs"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role",
    ["admin", "coordinator", "officer", "other_officer", "viewer", "ministry_coordinator"],
)
def test_every_page_a_role_reaches_is_vietnamese_and_local(people, role):
    client = Client(raise_request_exception=False)
    login_verified(client, people[role])
    start = [*START, "/quan-tri/"] if role == "admin" else START
    result = crawl(client, start)
    assert len(result.visited) >= 10, result.visited
    assert result.problems == [], "\n".join(result.problems)


@pytest.mark.django_db
def test_a_visitor_sees_the_login_and_error_pages_in_vietnamese(people):
    result = crawl(Client(raise_request_exception=False), [*START, "/quan-tri/"])
    assert any("dang-nhap" in path for path in result.visited)
    assert result.problems == [], "\n".join(result.problems)
