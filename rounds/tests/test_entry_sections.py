"""The entry form by the report's outline: which figures each part holds and how many are filled,
the check as one types (the same messages as a save), and who may ask for it."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from accounts.testing import login_verified
from catalogue.models import Indicator
from rounds.sheet import build_sheet
from rounds.testing import open_full_round

# Where the default outline's headings put each group, read off its titles by hand:
# "1. Công tác tham mưu chỉ đạo ..." and "2. Công tác tuyên truyền ..." under part I; the groups
# no heading speaks of go to part I too, as figures of their own.
PART_OF_GROUP = {
    "direction": "I",
    "propaganda": "I",
    "establishments": "I",
    "inspection": "I",
    "suppression": "I",
    "support": "I",
    "targets": "I",
}
INPUTS = ".//*[@class='entry-inputs']//input"
TEXTS_OF_PART = {"I": 3, "II": 3, "III": 1, "IV": 1}  # the heading and its sub-headings


@pytest.fixture
def report(cast):
    return open_full_round(cast).reports.get(agency=cast.bdt)


def _page(client, report):
    response = client.get(reverse("rounds:report_edit", args=[report.pk]))
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def _parts(page) -> dict[str, tuple[str, set[str]]]:
    """Per part's roman label: its count as shown, and the names of its figure fields."""
    found = {}
    for part in page.xpath("//*[@id='entry-parts']/details"):
        title = part.xpath(".//*[@class='part-title']")[0].text_content().strip()
        count = part.xpath(".//*[@data-count]")[0].text_content().strip()
        names = {i.get("name") for i in part.xpath(INPUTS)}
        found[title.split(".")[0]] = (count, names)
    return found


def test_each_part_holds_the_figures_of_its_groups_and_counts_what_is_filled(client, cast, report):
    login_verified(client, cast.officer)
    asked = list(report.round.round_indicators.select_related("indicator__group"))
    localities = report.agency.unit.children_on(report.round.period.end).count()
    cells_by_part = {label: 0 for label in TEXTS_OF_PART}
    for ri in asked:
        cells_by_part[PART_OF_GROUP[ri.indicator.group.code]] += 1 + (
            localities if ri.by_locality else 0
        )
    cells = sum(cells_by_part.values())
    assert cells == Indicator.objects.active().count() + localities

    parts = _parts(_page(client, report))
    assert list(parts) == ["I", "II", "III", "IV"]
    for label, (count, _) in parts.items():
        assert count == f"0/{cells_by_part[label] + TEXTS_OF_PART[label]}"

    sheet = build_sheet(report)
    typed = {"trainings": "5", "leaflets": "43.000", "criminal_cases": "2"}
    data = {"version": report.version, "action": "save"}
    data.update({f"v_{sheet.find(code).field_suffix}": value for code, value in typed.items()})
    strengths = report.round.sections.get(title="Ưu điểm")
    data[f"n_{strengths.pk}"] = "Phối hợp chặt chẽ."
    assert client.post(reverse("rounds:report_edit", args=[report.pk]), data).status_code == 302

    page = _page(client, report)
    parts = _parts(page)
    assert parts["I"][0] == f"3/{cells_by_part['I'] + 3}"
    assert parts["II"][0] == "1/3"
    assert parts["III"][0] == "0/1"
    assert {f"v_{sheet.find(code).field_suffix}" for code in typed} <= parts["I"][1]
    progress = page.xpath("//*[@class='entry-progress']/label")[0].text_content()
    assert " ".join(progress.split()) == f"3/{cells} chỉ tiêu đã nhập"


def _checked(client, report, data) -> dict[str, str]:
    """The live check's answer: each figure's message, by field name (shown ones only)."""
    response = client.post(reverse("rounds:report_check", args=[report.pk]), data)
    assert response.status_code == 200
    page = lxml.html.fragment_fromstring(response.content.decode(), create_parent="div")
    return {
        note.get("data-for"): note.text_content()
        for note in page.xpath("//*[contains(@class, 'field-check') and @hx-swap-oob]")
        if note.get("hidden") is None
    }


def test_the_live_check_gives_the_messages_of_a_save(client, cast, report):
    login_verified(client, cast.officer)
    sheet = build_sheet(report)
    name = {cell.indicator.code: f"v_{cell.field_suffix}" for cell in sheet.cells if cell.is_total}
    url = reverse("rounds:report_edit", args=[report.pk])

    # Text that cannot be read as a number: the save refuses the form field by field.
    unreadable = {"leaflets": "43,000", "trainings": "năm", "contests": "1.2.3,4,5"}
    data = {"version": report.version, "action": "save"}
    data |= {name[code]: text for code, text in unreadable.items()}
    saved = client.post(url, data)
    assert saved.status_code == 400
    errors = saved.context["form"].errors
    assert _checked(client, report, data) == {
        name[code]: " ".join(errors[name[code]]) for code in unreadable
    }

    # Figures read but out of their type's range: the save names each one in its refusal.
    out_of_range = {"contests": "2,5", "fines_amount": "1,5", "plan_issued_pct": "150"}
    data = {"version": report.version, "action": "save"}
    data |= {name[code]: text for code, text in out_of_range.items()}
    saved = client.post(url, data)
    assert saved.status_code == 400
    assert sorted(_checked(client, report, data).values()) == sorted(
        saved.context["problem"].details
    )

    # A rule across figures: the submission is refused with the same sentence.
    data = {"version": report.version, "action": "submit"}
    data |= {name["propaganda_sessions"]: "20", name["propaganda_attendance"]: "10"}
    refused = client.post(url, data)
    assert refused.status_code == 400
    rule = [i.message for i in refused.context["problem"].findings.errors]
    assert _checked(client, report, data) == {name["propaganda_attendance"]: rule[0]}
    assert len(rule) == 1


def test_another_agencys_officer_cannot_run_the_check(client, cast, report):
    login_verified(client, cast.other_officer)
    url = reverse("rounds:report_check", args=[report.pk])
    assert client.post(url, {"version": report.version}).status_code == 404


DETAILED_OUTLINE = """I. Kết quả thực hiện
  1. Công tác chỉ đạo, triển khai
  2. Công tác tuyên truyền
  3. Công tác kiểm tra, xử lý vi phạm hành chính
  4. Đấu tranh, triệt phá tụ điểm
  5. Hỗ trợ người bán dâm hòa nhập cộng đồng
II. Kiến nghị"""
# Read off the titles above by hand: the first heading whose title speaks of the group.
LEAF_OF_GROUP = {
    "direction": "1. Công tác chỉ đạo, triển khai",
    "propaganda": "2. Công tác tuyên truyền",
    "establishments": "3. Công tác kiểm tra, xử lý vi phạm hành chính",
    "inspection": "3. Công tác kiểm tra, xử lý vi phạm hành chính",
    "suppression": "4. Đấu tranh, triệt phá tụ điểm",
    "support": "5. Hỗ trợ người bán dâm hòa nhập cộng đồng",
    "targets": "Mục tiêu Chương trình giai đoạn 2021-2025 (Quyết định 1629/QĐ-TTg)",
}


def test_a_detailed_outline_puts_each_group_under_its_own_heading(client, cast):
    report = open_full_round(cast, by_locality=(), outline=DETAILED_OUTLINE).reports.get(
        agency=cast.bdt
    )
    login_verified(client, cast.officer)
    expected: dict[str, set[str]] = {}
    for ri in report.round.round_indicators.select_related("indicator__group"):
        place = report.agency.unit_id
        field = f"v_{ri.indicator_id}_{place}"
        expected.setdefault(LEAF_OF_GROUP[ri.indicator.group.code], set()).add(field)
    page = _page(client, report)
    shown = {
        leaf.xpath(".//h3")[0].text_content().strip(): {i.get("name") for i in leaf.xpath(INPUTS)}
        for leaf in page.xpath("//*[@id='entry-parts']//section[@class='entry-leaf']")
    }
    assert {title: names for title, names in shown.items() if names} == expected
    assert _parts(page)["II"] == ("0/1", set())
