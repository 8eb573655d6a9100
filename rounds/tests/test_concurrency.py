"""Two people saving the same report: the second save is refused, nothing is overwritten."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.test import Client

from accounts.testing import PASSWORD, make_user
from rounds import actions, conflicts
from rounds.models import DataValue, Report
from rounds.sheet import build_sheet
from rounds.testing import open_seed_round

pytestmark = pytest.mark.django_db


def _leaflets(report: Report, value: int) -> actions.Draft:
    cell = build_sheet(report).find("leaflets")
    return actions.Draft(values={cell.key: actions.CellInput(Decimal(value))})


def test_second_session_with_a_stale_version_is_refused(bdt_report, cast):
    colleague = make_user("bdt2", "officer", cast.bdt)
    actions.save_draft(bdt_report, cast.officer, _leaflets(bdt_report, 43000), version=0)
    with pytest.raises(actions.VersionConflict, match="người khác lưu"):
        actions.save_draft(bdt_report, colleague, _leaflets(bdt_report, 99), version=0)
    assert DataValue.objects.get().value == 43000


def test_two_browser_sessions_get_the_conflict_message(bdt_report, cast):
    """The form carries the version it was loaded with; the loser keeps what was typed."""
    colleague = make_user("bdt2", "officer", cast.bdt)
    first, second = Client(), Client()
    first.login(username="bdt", password=PASSWORD)
    second.login(username=colleague.username, password=PASSWORD)
    url = f"/bao-cao/{bdt_report.pk}/soan/"
    cell = build_sheet(bdt_report).find("leaflets")
    field = f"v_{cell.field_suffix}"
    assert first.get(url).status_code == second.get(url).status_code == 200
    base = {"version": "0", "action": "save", f"q_{cell.field_suffix}": "exact"}
    assert first.post(url, {**base, field: "43.000"}).status_code == 302
    response = second.post(url, {**base, field: "50.000"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "vừa được người khác lưu" in page
    assert 'value="50.000"' in page
    assert DataValue.objects.get().value == 43000


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL"
)
def test_concurrent_saves_on_real_threads(cast):
    round_ = open_seed_round(cast)
    report = round_.reports.get(agency=cast.bdt)
    colleague = make_user("bdt2", "officer", cast.bdt)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(user, value):
        try:
            barrier.wait()
            actions.save_draft(report, user, _leaflets(report, value), version=0)
            outcomes.append("saved")
        except actions.VersionConflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(cast.officer, 43000)),
        threading.Thread(target=save, args=(colleague, 50000)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert Report.objects.get(pk=report.pk).version == 1
    assert DataValue.objects.count() == 1


# A stale save merged field by field: see rounds/conflicts.py.

BASE = {"a": "1", "b": "2", "c": "3", "d": "4"}


def test_merge_tells_what_each_person_changed():
    base = {name: conflicts.fingerprint(text) for name, text in BASE.items()}
    stored = {**BASE, "b": "20", "c": "30"}  # the other person changed b and c
    typed = {**BASE, "a": "10", "c": "31"}  # this officer changed a and c
    merged = conflicts.merge(base, stored, typed)
    assert merged == conflicts.Merge(conflicts=["c"], theirs=["b"])


def test_merge_without_a_base_asks_about_every_difference():
    merged = conflicts.merge(None, {**BASE, "b": "20"}, {**BASE, "a": "10"})
    assert merged == conflicts.Merge(conflicts=["a", "b"])


def test_merge_with_the_same_change_on_both_sides_asks_nothing():
    base = {name: conflicts.fingerprint(text) for name, text in BASE.items()}
    assert conflicts.merge(base, {**BASE, "a": "9"}, {**BASE, "a": "9"}) == conflicts.Merge()


def test_a_broken_base_counts_as_none():
    assert conflicts.decode_base("") is None
    assert conflicts.decode_base("[1]") is None
    assert conflicts.decode_base(conflicts.encode_base({"a": "1"})) == {
        "a": conflicts.fingerprint("1")
    }


def _page(client, url) -> dict:
    """What the entry page posts when nothing is changed: every field as the page shows it."""
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    return {**data, "action": "save"}


def _posted(form) -> dict:
    """What the page shown after a refused save posts back (the bound form's data)."""
    return {name: form.data.get(name, "") for name in form.data}


def test_stale_save_shows_both_sides_and_the_choices_are_saved(bdt_report, cast):
    colleague = make_user("bdt2", "officer", cast.bdt)
    first, second = Client(), Client()
    first.force_login(cast.officer)
    second.force_login(colleague)
    url = f"/bao-cao/{bdt_report.pk}/soan/"
    sheet = build_sheet(bdt_report)
    v = {
        code: f"v_{sheet.find(code).field_suffix}"
        for code in ("leaflets", "trainings", "media_news")
    }
    section = bdt_report.round.sections.first()
    narrative = f"n_{section.pk}"
    mine, theirs = _page(first, url), _page(second, url)
    mine.update(
        {v["leaflets"]: "43.000", v["trainings"]: "5", narrative: "Bản của người thứ nhất."}
    )
    assert first.post(url, mine).status_code == 302
    theirs.update(
        {
            v["leaflets"]: "50.000",
            v["media_news"]: "12",
            narrative: "Bản của người thứ hai.",
            "title": "Kết quả năm 2023",
        }
    )
    response = second.post(url, theirs)
    assert response.status_code == 409
    page = response.content.decode()
    assert "vừa được người khác lưu" in page
    assert "cả hai người cùng sửa khác nhau" in page and "1 ô chỉ người kia sửa" in page
    form = response.context["form"]
    assert form.merged.conflicts == sorted([v["leaflets"], narrative])
    assert form.merged.theirs == [v["trainings"]]
    assert form["version"].value() == 1
    # The typed values stay; the field only the other person changed shows their value.
    assert form[v["leaflets"]].value() == "50.000" and form[v["media_news"]].value() == "12"
    assert form[v["trainings"]].value() == "5"
    assert form["title"].value() == "Kết quả năm 2023"
    assert 'class="stored-value">43.000<' in page and "Bản của người thứ nhất." in page
    assert "Giữ số của tôi" in page and "Lấy số đã lưu" in page and "Lấy nội dung đã lưu" in page

    again = _posted(form)
    again.update({f"keep_{v['leaflets']}": "mine", f"keep_{narrative}": "theirs"})
    assert second.post(url, again).status_code == 302
    stored = {dv.indicator.code: dv.value for dv in DataValue.objects.select_related("indicator")}
    assert stored == {"leaflets": 50000, "trainings": 5, "media_news": 12}
    bdt_report.refresh_from_db()
    assert bdt_report.narratives.get(section=section).text == "Bản của người thứ nhất."
    assert bdt_report.title == "Kết quả năm 2023"


def test_saving_again_without_choosing_is_refused_and_keeps_everything(bdt_report, cast):
    colleague = make_user("bdt2", "officer", cast.bdt)
    first, second = Client(), Client()
    first.force_login(cast.officer)
    second.force_login(colleague)
    url = f"/bao-cao/{bdt_report.pk}/soan/"
    leaflets = f"v_{build_sheet(bdt_report).find('leaflets').field_suffix}"
    mine, theirs = _page(first, url), _page(second, url)
    assert first.post(url, {**mine, leaflets: "43.000"}).status_code == 302
    form = second.post(url, {**theirs, leaflets: "50.000"}).context["form"]
    response = second.post(url, _posted(form))
    assert response.status_code == 400
    assert "Chọn giữ bản của bạn hay lấy bản đã lưu." in response.content.decode()
    assert response.context["form"][leaflets].value() == "50.000"
    assert DataValue.objects.get().value == 43000


def test_a_third_save_meanwhile_asks_again(bdt_report, cast):
    """The refreshed version is the one of the conflict page: a later save by someone else is
    a new conflict, never a silent overwrite."""
    colleague = make_user("bdt2", "officer", cast.bdt)
    first, second = Client(), Client()
    first.force_login(cast.officer)
    second.force_login(colleague)
    url = f"/bao-cao/{bdt_report.pk}/soan/"
    leaflets = f"v_{build_sheet(bdt_report).find('leaflets').field_suffix}"
    theirs = _page(second, url)
    assert first.post(url, {**_page(first, url), leaflets: "43.000"}).status_code == 302
    form = second.post(url, {**theirs, leaflets: "50.000"}).context["form"]
    assert first.post(url, {**_page(first, url), leaflets: "44.000"}).status_code == 302
    again = {**_posted(form), f"keep_{leaflets}": "mine"}
    response = second.post(url, again)
    assert response.status_code == 409
    assert 'class="stored-value">44.000<' in response.content.decode()
    assert DataValue.objects.get().value == 44000
