"""axe-core (npm) on the main pages of each role: no serious or critical violation.

One browser per module; each role logs in once and axe runs on its pages in that session. The
script is injected by the test only (the app never serves it); the context bypasses the site's
Content-Security-Policy, which would refuse an injected script.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.testing import totp_for
from imports.models import ImportedDocument
from imports.testing import text_to_docx
from rounds.testing import national_chain, open_seed_round
from rounds.upward import answer_upward
from tonghop.testing import (
    BROWSER_TEST,
    CHROMIUM,
    CHROMIUM_ARGS,
    login_in_browser,
    run_queued_tasks,
)

pytestmark = BROWSER_TEST

AXE = settings.NODE_MODULES / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
MISSING = "/khong-co-trang-nay/"
REPORT_TEXT = (
    "BAN DÂN TỘC\n\nBÁO CÁO\nKết quả công tác phòng, chống mại dâm năm 2023\n\nI. KẾT QUẢ\n"
    "Tổ chức 02 hội thi tìm hiểu pháp luật; lồng ghép 4 hội nghị tập huấn.\n"
)


@pytest.fixture(scope="module")
def chromium():
    """One Chromium for the module; Django allows the ORM around Playwright's event loop."""
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def pages(cast, client):
    """Each role's main pages on the ministry's chain, an entry round and an uploaded document.

    Per role: (username, otp, paths).
    """
    chain = national_chain(cast)
    answer_upward(cast.coordinator, chain["child"], version=chain["answer"].version)
    child, national = chain["child"], chain["national"]
    accepted = child.reports.get(agency=cast.bdt).pk
    entry = open_seed_round(cast).reports.get(agency=cast.bdt)
    client.force_login(cast.officer)
    upload = SimpleUploadedFile("bao-cao.docx", text_to_docx(REPORT_TEXT))
    client.post(reverse("imports:upload", args=[entry.pk]), {"file": upload})
    run_queued_tasks()  # the upload is read in the background
    document = ImportedDocument.objects.get()
    return {
        "officer": (
            cast.officer.username,
            None,
            [
                "/",
                "/dot-bao-cao/",
                f"/bao-cao/{entry.pk}/",
                f"/bao-cao/{entry.pk}/soan/",
                f"/nhap-bao-cao/van-ban/{document.pk}/",
                "/thong-bao/",
            ],
        ),
        "coordinator": (
            cast.coordinator.username,
            totp_for(cast.coordinator),
            [
                "/",
                "/dot-bao-cao/",
                f"/dot-bao-cao/{child.pk}/",
                f"/bao-cao/{accepted}/",
                f"/bao-cao/{chain['answer'].pk}/",
                f"/tong-hop/dot/{child.pk}/",
                "/tong-hop/bang/",
                "/thong-bao/",
            ],
        ),
        "ministry_coordinator": (
            chain["minister"].username,
            totp_for(chain["minister"]),
            ["/", f"/dot-bao-cao/{national.pk}/", f"/tong-hop/dot/{national.pk}/"],
        ),
        "admin": (
            cast.admin.username,
            totp_for(cast.admin),
            ["/", "/dot-bao-cao/", f"/dot-bao-cao/{child.pk}/"],
        ),
        "viewer": (
            cast.viewer.username,
            None,
            ["/", "/tong-hop/", f"/dot-bao-cao/{child.pk}/", MISSING],
        ),
    }


def violations(page, url: str) -> list[str]:
    """axe-core's serious and critical violations on the page at url, one line each."""
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
    return [
        f"{url}: {v['id']} ({v['impact']}) {v['help']}: "
        + "; ".join(node["html"][:120] for node in v["nodes"][:3])
        for v in found
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize(
    "role", ["officer", "coordinator", "ministry_coordinator", "admin", "viewer"]
)
def test_main_pages_of_each_role_pass_axe(live_server, chromium, pages, role):
    username, otp, paths = pages[role]
    page = login_in_browser(chromium, live_server, username, otp=otp, bypass_csp=True)
    page.set_default_timeout(30_000)
    found = [line for path in paths for line in violations(page, live_server.url + path)]
    assert found == [], "\n".join(found)


def test_login_and_error_pages_pass_axe(live_server, chromium):
    page = chromium.new_context(locale="vi-VN", bypass_csp=True).new_page()
    page.set_default_timeout(30_000)
    paths = ["/tai-khoan/dang-nhap/", MISSING]
    found = [line for path in paths for line in violations(page, live_server.url + path)]
    assert found == [], "\n".join(found)
