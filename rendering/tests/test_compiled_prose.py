"""The compiled report's prose on the demo round: the department's voice, every number traced."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from rendering.builders import compiled_report, outline
from rendering.figures import document_figures
from rendering.narrative import Statement, section_kind, statements
from rendering.phrasing import opening_key
from rendering.spec import Heading, Paragraph
from rounds.models import DataValue, Narrative, Round

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
MONEY = re.compile(r"(\d+(?:[.,]\d+)*)(?: (triệu|tỷ) đồng)?")
SCALES = {"": 1, "triệu": 10**6, "tỷ": 10**9}


@pytest.fixture(scope="module")
def demo_prose(demo_db, django_db_blocker):
    """The 2023 demo round with a proposal from Công an tỉnh, its compiled report's body."""
    with django_db_blocker.unblock():
        round_ = Round.objects.get(period__year=2023, coordinator__code="LĐTBXH")
        proposals = next(s for s in outline(round_) if section_kind(s) == "proposals")
        police = round_.reports.get(agency__code="CAT")
        Narrative.objects.create(
            report=police,
            section=proposals,
            text="- Đề nghị UBND tỉnh quan tâm bố trí kinh phí cho công tác phòng, chống mại dâm.",
        )
        spec = compiled_report(round_)
        compilation = document_figures(round_)
        written = " ".join(
            Narrative.objects.filter(report__round=round_).values_list("text", flat=True)
        )
        sums = {
            value
            for indicator in compilation.indicators
            for value in DataValue.objects.filter(
                report__in=compilation.reports, indicator=indicator
            ).values_list("value", flat=True)
        }
        yield round_, spec, compilation, written, sums, proposals
        Narrative.objects.filter(report=police, section=proposals).delete()


def _sections(spec) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current = ""
    for block in spec.body:
        if isinstance(block, Heading):
            current = block.text
            found[current] = []
        elif isinstance(block, Paragraph) and current:
            found[current].append(block.text)
    return found


def test_no_section_is_empty_and_no_agency_label_paragraph(demo_prose):
    round_, spec, *_ = demo_prose
    sections = _sections(spec)
    leaves = [s for s in outline(round_) if not s.children.exists()]
    assert all(sections[s.title] for s in leaves), [
        s.title for s in leaves if not sections[s.title]
    ]
    paragraphs = [p for texts in sections.values() for p in texts]
    assert not [p for p in paragraphs if re.fullmatch(r"[^.]{2,40}:", p)]
    assert "Ban Dân tộc:" not in paragraphs


def test_section_four_gathers_the_agencies_proposals_by_addressee(demo_prose):
    _, spec, _, _, _, proposals = demo_prose
    texts = _sections(spec)[proposals.title]
    assert any(
        "Đề nghị Ủy ban nhân dân tỉnh: quan tâm bố trí kinh phí cho công tác phòng, chống mại "
        "dâm (kiến nghị của Công an tỉnh)." in t
        for t in texts
    )


def test_no_two_paragraphs_open_with_the_same_words(demo_prose):
    _, spec, *_ = demo_prose
    paragraphs = [b.text for b in spec.body if isinstance(b, Paragraph) and not b.italic]
    keys = [opening_key(p) for p in paragraphs]
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
    assert sum(p.startswith("Năm 2023,") for p in paragraphs) <= 1


def test_each_agency_sentence_is_attributed_and_its_parent_dropped(demo_prose):
    _, spec, *_ = demo_prose
    text = " ".join(b.text for b in spec.body if isinstance(b, Paragraph))
    assert "Ban Dân tộc đã tổ chức 02 hội thi tìm hiểu pháp luật" in text
    assert "theo chỉ đạo của Ủy ban Dân tộc" not in text
    assert "Cổng thông tin điện tử của Ban Dân tộc" in text
    for block in spec.body:
        if isinstance(block, Paragraph) and "02 hội thi" in block.text:
            assert "Ban Dân tộc" in block.text


def test_every_number_in_the_prose_comes_from_the_data_or_the_agency_that_wrote_it(demo_prose):
    round_, spec, compilation, written, sums, _ = demo_prose
    totals = {f.value for f in compilation.totals.values()}
    totals |= {f.value for f in compilation.previous.values()}
    years = {Decimal(round_.period.year + d) for d in (-1, 0, 1)}
    counts = {Decimal(len(compilation.reports)), Decimal(compilation.asked)}
    own = set(NUMBER.findall(written))
    unexplained = []
    for block in spec.body:
        if not isinstance(block, Paragraph):
            continue
        # Comparisons are computed by analytics.comparison; their basis counts agencies.
        text = re.sub(r"\((?:tăng|giảm|tính trên|bằng)[^)]*\)", "", block.text)
        text = re.sub(r"\(tính trên \d+ cơ quan[^)]*\)", "", text)
        for match in MONEY.finditer(text):
            number, scale = match.group(1), SCALES[match.group(2) or ""]
            value = Decimal(number.replace(".", "").replace(",", ".")) * scale
            if number in own or value in totals | sums | years | counts:
                continue
            if number in {"1", "27"}:  # the rate's basis and its value, in the opening
                continue
            unexplained.append(number)
    assert not unexplained, unexplained


def test_a_sentence_two_agencies_wrote_is_kept_once_naming_both():
    sentence = "Phối hợp tổ chức 03 đợt kiểm tra liên ngành các cơ sở kinh doanh dịch vụ."
    found = statements(
        [("Công an tỉnh", f"- {sentence}"), ("Sở Văn hóa, Thể thao và Du lịch", sentence)],
        ["Công an tỉnh", "Sở Văn hóa, Thể thao và Du lịch"],
    )
    assert len(found) == 1
    statement: Statement = found[0]
    assert statement.agencies == ["Công an tỉnh", "Sở Văn hóa, Thể thao và Du lịch"]
    other = statements(
        [("Công an tỉnh", sentence), ("Sở Y tế", sentence.replace("03", "05"))],
        ["Công an tỉnh", "Sở Y tế"],
    )
    assert len(other) == 2  # different numbers are different facts
