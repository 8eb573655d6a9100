"""The in-app list: one's own notifications only, newest first, marked read one by one or all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.testing import login_verified
from notifications.models import Kind, Notification
from rounds import actions
from rounds.testing import open_seed_round, submitted

LIST = reverse("notifications:list")


def notify(user, text: str, minutes_ago: int = 0, kind: str = Kind.SUBMITTED) -> Notification:
    return Notification.objects.create(
        recipient=user,
        kind=kind,
        text=text,
        link="/dot-bao-cao/",
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
    )


@pytest.fixture
def inbox(cast):
    """Two notifications of the coordinator's and one of the officer's."""
    return {
        "old": notify(cast.coordinator, "Ban Dân tộc đã nộp báo cáo «Năm 2022».", 60),
        "new": notify(cast.coordinator, "Công an tỉnh đã nộp báo cáo «Năm 2023».", 5),
        "officers": notify(cast.officer, "Báo cáo «Năm 2023» bị trả lại.", 1, Kind.RETURNED),
    }


def test_the_workflow_fills_the_lists_of_the_people_concerned(cast):
    round_ = open_seed_round(cast)
    report = submitted(round_.reports.get(agency=cast.bdt), cast.officer)
    actions.return_report(report, cast.coordinator, comment="Bổ sung số liệu.")
    actions.send_reminders(round_, cast.coordinator)
    name = "Báo cáo công tác phòng, chống mại dâm năm 2023"
    link = reverse("rounds:report_detail", kwargs={"pk": report.pk})
    assert list(
        Notification.objects.values_list("recipient__username", "kind", "text", "link")
    ) == [
        (
            "congan",
            Kind.REMINDER,
            f"Sở Lao động - Thương binh và Xã hội nhắc nộp báo cáo «{name}».",
            reverse(
                "rounds:report_detail", kwargs={"pk": round_.reports.get(agency=cast.police).pk}
            ),
        ),
        (
            "bdt",
            Kind.REMINDER,
            f"Sở Lao động - Thương binh và Xã hội nhắc nộp báo cáo «{name}».",
            link,
        ),
        (
            "bdt",
            Kind.RETURNED,
            f"Sở Lao động - Thương binh và Xã hội đã trả lại báo cáo «{name}» của Ban Dân tộc.",
            link,
        ),
        ("dieuphoi", Kind.SUBMITTED, f"Ban Dân tộc đã nộp báo cáo «{name}».", link),
    ]


def test_the_list_shows_ones_own_newest_first_unread_in_bold(client, cast, inbox):
    inbox["old"].read_at = timezone.now()
    inbox["old"].save()
    login_verified(client, cast.coordinator)
    page = client.get(LIST).content.decode()
    assert page.index("Công an tỉnh đã nộp") < page.index("Ban Dân tộc đã nộp")
    assert f'id="thong-bao-{inbox["new"].pk}" class="unread"' in page
    assert f'id="thong-bao-{inbox["old"].pk}" class="read"' in page
    assert "bị trả lại" not in page  # the officer's
    assert page.count("Đánh dấu đã đọc</button>") == 1


def test_marking_one_read_touches_only_that_one(client, cast, inbox):
    login_verified(client, cast.coordinator)
    url = reverse("notifications:mark_read", kwargs={"pk": inbox["new"].pk})
    assert client.post(url).status_code == 302
    read = set(Notification.objects.filter(read_at__isnull=False).values_list("pk", flat=True))
    assert read == {inbox["new"].pk}


def test_another_users_notification_cannot_be_marked(client, cast, inbox):
    login_verified(client, cast.coordinator)
    url = reverse("notifications:mark_read", kwargs={"pk": inbox["officers"].pk})
    assert client.post(url).status_code == 404
    assert not Notification.objects.filter(read_at__isnull=False).exists()


def test_marking_all_read_marks_only_ones_own(client, cast, inbox):
    login_verified(client, cast.coordinator)
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "Đã đánh dấu 2 thông báo là đã đọc." in response.content.decode()
    assert list(Notification.objects.unread()) == [inbox["officers"]]


def test_marking_needs_a_post_with_the_csrf_token(cast, inbox):
    client = Client(enforce_csrf_checks=True)
    login_verified(client, cast.coordinator)
    url = reverse("notifications:mark_read", kwargs={"pk": inbox["new"].pk})
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert not Notification.objects.filter(read_at__isnull=False).exists()


def test_the_bell_counts_unread_in_one_query(cast, inbox, django_assert_num_queries):
    for n in range(20):
        notify(cast.coordinator, f"Thông báo {n}")
    request = RequestFactory().get("/")
    request.user = cast.coordinator
    with django_assert_num_queries(1):
        bell = render_to_string("notifications/_bell.html", request=request)
    assert 'aria-label="Thông báo: 22 chưa đọc"' in bell
    assert ">22</span>" in bell
    Notification.objects.filter(recipient=cast.coordinator).mark_read()
    assert "</span>" not in render_to_string("notifications/_bell.html", request=request)


def test_a_page_without_the_bell_pays_no_query_for_it(cast, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = cast.coordinator
    with django_assert_num_queries(0):
        render_to_string("notifications/email/notice.txt", {"notice": None}, request=request)


def test_the_list_costs_the_same_queries_for_few_or_many(client, cast):
    login_verified(client, cast.coordinator)
    counts = []
    for many in (2, 40):
        Notification.objects.all().delete()
        for n in range(many):
            notify(cast.coordinator, f"Thông báo {n}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
