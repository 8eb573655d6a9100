"""Who reaches the import pages: the agency's own officers; the coordinator reads filed reports."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.testing import login_verified
from imports.models import ImportedDocument
from imports.testing import text_to_docx
from rounds import actions
from tonghop.testing import committed, run_queued_tasks

from .test_bad_input import REPORT

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client, cast, bdt_report):
    client.force_login(cast.officer)
    data = {"file": _upload("a.docx", text_to_docx(REPORT))}
    with committed():
        client.post(reverse("imports:upload", args=[bdt_report.pk]), data)
    run_queued_tasks()
    client.logout()
    document = ImportedDocument.objects.get()
    assert document.is_read
    return document


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def _pages(document):
    return {
        "upload": ("get", reverse("imports:upload", args=[document.report_id])),
        "review": ("get", reverse("imports:review", args=[document.pk])),
        "confirm": ("post", reverse("imports:confirm", args=[document.pk])),
        "discard": ("post", reverse("imports:discard", args=[document.pk])),
        "retry": ("post", reverse("imports:retry", args=[document.pk])),
    }


@pytest.mark.parametrize("who", ["other_officer", "coordinator", "viewer", "admin"])
def test_only_the_agencys_officers_reach_a_draft_reports_imports(client, cast, document, who):
    login_verified(client, getattr(cast, who))
    for name, (method, url) in _pages(document).items():
        assert getattr(client, method)(url).status_code == 404, name
    assert ImportedDocument.objects.exists()


def test_guessing_another_documents_id_gives_404(client, cast, document):
    client.force_login(cast.officer)
    missing = reverse("imports:review", args=[document.pk + 1000])
    assert client.get(missing).status_code == 404


def test_other_agency_officer_cannot_upload_into_a_report_of_ours(client, cast, bdt_report):
    client.force_login(cast.other_officer)
    data = {"file": _upload("a.txt", REPORT.encode())}
    response = client.post(reverse("imports:upload", args=[bdt_report.pk]), data)
    assert response.status_code == 404
    assert not ImportedDocument.objects.exists()


def test_anonymous_is_sent_to_login(client, document):
    response = client.get(reverse("imports:review", args=[document.pk]))
    assert response.status_code == 302 and "/tai-khoan/" in response["Location"]


def test_coordinator_reads_a_filed_reports_import_without_changing_it(client, cast, document):
    report = document.report
    actions.save_draft(report, cast.officer, actions.Draft(), version=report.version)
    report.refresh_from_db()
    actions.submit_report(report, cast.officer, version=report.version)
    login_verified(client, cast.coordinator)
    page = client.get(reverse("imports:review", args=[document.pk]))
    assert page.status_code == 200
    assert "Xác nhận, đưa vào bản nháp báo cáo" not in page.content.decode()
    for name in ("confirm", "discard", "upload", "retry"):
        method, url = _pages(document)[name]
        assert getattr(client, method)(url).status_code == 404, name


def test_officer_cannot_upload_into_a_submitted_report(client, cast, document):
    report = document.report
    actions.save_draft(report, cast.officer, actions.Draft(), version=report.version)
    report.refresh_from_db()
    actions.submit_report(report, cast.officer, version=report.version)
    client.force_login(cast.officer)
    page = client.get(reverse("imports:upload", args=[report.pk])).content.decode()
    assert "không nhập thêm số liệu được" in page and 'id="upload-form"' not in page
    data = {"file": _upload("a.txt", REPORT.encode())}
    response = client.post(reverse("imports:upload", args=[report.pk]), data)
    assert response.status_code == 400
    assert ImportedDocument.objects.count() == 1
