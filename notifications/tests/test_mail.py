"""E-mail on each workflow step, received by a real SMTP server (aiosmtpd) on this machine."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from accounts.testing import aware, login_verified, make_second_coordinator, make_user
from notifications.models import Kind, Notification
from notifications.testing import free_port, html, plain, smtp_mailers
from rounds import actions
from rounds.models import ReportStatus
from rounds.testing import open_seed_round, seed_draft, submitted

COORDINATOR_MAIL = "dieuphoi@ldtbxh.bacgiang.gov.vn"
BDT_MAIL = "bdt@bacgiang.gov.vn"
POLICE_MAIL = "pc@congan.bacgiang.gov.vn"


@pytest.fixture
def people(cast):
    """The cast with addresses, and a coordinator of another agency who must hear nothing."""
    for user, address in [
        (cast.coordinator, COORDINATOR_MAIL),
        (cast.officer, BDT_MAIL),
        (cast.other_officer, POLICE_MAIL),
    ]:
        user.email = address
        user.save()
    outsider = make_second_coordinator(cast)
    outsider.email = "bcd@bacgiang.gov.vn"
    outsider.save()
    return cast


@pytest.fixture
def seed_round(people):
    return open_seed_round(people)


@pytest.fixture
def bdt_report(seed_round, people):
    return seed_round.reports.get(agency=people.bdt)


def report_url(report) -> str:
    return settings.TONGHOP_BASE_URL + reverse("rounds:report_detail", kwargs={"pk": report.pk})


def test_submission_mails_the_coordinating_agencys_reviewers(
    smtp, bdt_report, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = submitted(bdt_report, people.officer)
    (message,) = smtp.messages
    assert message["To"] == COORDINATOR_MAIL
    assert smtp.received.envelopes == [[COORDINATOR_MAIL]]
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    assert message["Subject"] == (
        "[tonghop] Báo cáo đã nộp: Ban Dân tộc – Báo cáo công tác phòng, chống mại dâm năm 2023"
    )
    body = plain(message)
    assert body.startswith("Kính gửi Sở Lao động - Thương binh và Xã hội,")
    assert "Ban Dân tộc đã nộp báo cáo «Báo cáo công tác phòng, chống mại dâm năm 2023»." in body
    # BDT has filed, the police not yet.
    assert "Đến nay đã có 1/2 cơ quan, đơn vị nộp báo cáo." in body
    assert f"Xem và tiếp nhận báo cáo: {report_url(report)}" in body
    assert f'href="{report_url(report)}"' in html(message)


def test_return_mails_the_agencys_officers_with_the_comment(
    smtp, bdt_report, people, django_capture_on_commit_callbacks
):
    second = make_user("bdt2", "officer", people.bdt)
    second.email = "bdt2@bacgiang.gov.vn"
    second.save()
    report = submitted(bdt_report, people.officer)
    comment = "Thiếu số liệu mục II.1 & số buổi tuyên truyền <xã>."
    with django_capture_on_commit_callbacks(execute=True):
        actions.return_report(report, people.coordinator, comment=comment)
    assert sorted(m["To"] for m in smtp.messages) == ["bdt2@bacgiang.gov.vn", BDT_MAIL]
    message = smtp.messages[0]
    assert message["Subject"] == (
        "[tonghop] Báo cáo bị trả lại: Báo cáo công tác phòng, chống mại dâm năm 2023"
    )
    body = plain(message)
    assert "Ý kiến của cơ quan thường trực:\n" + comment in body
    assert "Đề nghị đồng chí chỉnh sửa và nộp lại báo cáo." in body
    assert report_url(report) in body
    assert "Thiếu số liệu mục II.1 &amp; số buổi tuyên truyền &lt;xã&gt;." in html(message)


@pytest.mark.parametrize(
    ("step", "subject", "quoted"),
    [
        ("accept", "[tonghop] Báo cáo đã được tiếp nhận: ", "Ý kiến của cơ quan thường trực:\n"),
        ("reopen", "[tonghop] Báo cáo được mở lại để chỉnh sửa: ", "Lý do mở lại:\n"),
    ],
)
def test_acceptance_and_reopening_mail_the_agency(
    smtp, bdt_report, people, django_capture_on_commit_callbacks, step, subject, quoted
):
    report = submitted(bdt_report, people.officer)
    if step == "accept":
        with django_capture_on_commit_callbacks(execute=True):
            report = actions.accept_report(report, people.coordinator, comment="Số liệu đầy đủ.")
        words = "Số liệu đầy đủ."
    else:
        report = actions.accept_report(report, people.coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            report = actions.reopen_report(report, people.coordinator, reason="Sai số tờ rơi.")
        words = "Sai số tờ rơi."
    (message,) = smtp.messages
    assert message["To"] == BDT_MAIL
    # Folded at 78 columns, the acceptance subject would arrive as "mạidâm" (delivery.Letter).
    assert message["Subject"] == subject + "Báo cáo công tác phòng, chống mại dâm năm 2023"
    assert quoted + words in plain(message)
    assert report_url(report) in plain(message)


def test_reminders_mail_the_agencies_that_have_not_submitted(
    smtp, seed_round, bdt_report, people, django_capture_on_commit_callbacks
):
    submitted(bdt_report, people.officer)
    # Three days before the deadline of 20/12/2023, 17:00; the mail leaves at the end of the block.
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(aware(2023, 12, 17, 9), tick=False),
    ):
        result = actions.send_reminders(seed_round, people.coordinator)
    assert [a.code for a in result.reminded] == ["CAT"]
    (message,) = smtp.messages
    assert message["To"] == POLICE_MAIL
    assert message["Subject"] == (
        "[tonghop] Nhắc nộp báo cáo: Báo cáo công tác phòng, chống mại dâm năm 2023"
    )
    body = plain(message)
    assert body.startswith("Kính gửi Công an tỉnh,")
    assert "Hạn nộp: 17:00 ngày 20/12/2023 (còn 3 ngày)." in body
    police = seed_round.reports.get(agency=people.police)
    assert f"Mở báo cáo: {report_url(police)}" in body


def test_the_reminder_button_mails_through_the_page(
    client, smtp, seed_round, people, django_capture_on_commit_callbacks
):
    login_verified(client, people.coordinator)
    url = reverse("rounds:round_remind", kwargs={"pk": seed_round.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert sorted(m["To"] for m in smtp.messages) == [BDT_MAIL, POLICE_MAIL]


def test_a_rolled_back_action_sends_and_stores_nothing(
    smtp, bdt_report, people, django_capture_on_commit_callbacks
):
    report = submitted(bdt_report, people.officer)
    Notification.objects.all().delete()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        actions.accept_report(report, people.coordinator)
        raise RuntimeError("a later step of the same request fails")
    assert callbacks == []
    assert smtp.messages == []
    assert not Notification.objects.exists()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_failing_mail_server_does_not_break_the_action(
    settings, smtp, bdt_report, people, django_capture_on_commit_callbacks, caplog
):
    settings.MAILERS = smtp_mailers(free_port())  # nothing listens there
    report = submitted(bdt_report, people.officer)
    with (
        caplog.at_level(logging.ERROR, logger="notifications.delivery"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        actions.accept_report(report, people.coordinator)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert Notification.objects.filter(recipient=people.officer, kind=Kind.ACCEPTED).exists()
    (record,) = caplog.records
    assert record.getMessage() == "Không gửi được 1 thư thông báo"
    assert record.exc_info is not None and issubclass(record.exc_info[0], OSError)


def test_mails_carry_no_figure_or_narrative_of_the_report(
    smtp, bdt_report, people, django_capture_on_commit_callbacks
):
    draft = seed_draft(bdt_report, {"leaflets": (987654, "exact")})
    section = bdt_report.round.sections.first()
    draft.narratives = {section.pk: "Đối tượng Nguyễn Thị X, sinh năm 1990, tại nhà nghỉ Y."}
    saved = actions.save_draft(bdt_report, people.officer, draft, version=0)
    with django_capture_on_commit_callbacks(execute=True):
        report = actions.submit_report(saved, people.officer, version=saved.version)
        actions.return_report(report, people.coordinator, comment="Bổ sung số liệu.")
    assert len(smtp.messages) == 2
    for message in smtp.messages:
        for text in (plain(message), html(message), message["Subject"]):
            assert "987654" not in text and "987.654" not in text
            assert "Nguyễn Thị X" not in text and "nhà nghỉ" not in text
    assert Decimal(987654) in bdt_report.values.values_list("value", flat=True)


def test_the_smtp_server_comes_from_the_environment(smtp):
    """EMAIL_HOST and EMAIL_PORT, as `tonghop serve` reads them, reach the server."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tonghop.settings",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "DEFAULT_FROM_EMAIL": "tonghop@bacgiang.gov.vn",
    }
    env.pop("EMAIL_BACKEND", None)
    script = (
        "import django; django.setup()\n"
        "from django.core.mail import EmailMessage\n"
        "EmailMessage('Thử cấu hình', 'Nội dung', None, ['a@bacgiang.gov.vn']).send()\n"
    )
    subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=settings.BASE_DIR)
    (message,) = smtp.messages
    assert message["From"] == "tonghop@bacgiang.gov.vn"
    assert message["Subject"] == "Thử cấu hình"


def test_without_email_host_mail_goes_to_the_console():
    env = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    env.pop("TONGHOP_PRODUCTION", None)
    script = "from tonghop import settings; print(settings.MAILERS['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend"
