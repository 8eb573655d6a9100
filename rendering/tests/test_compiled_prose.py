"""The compiled report's prose on the demo round: the department's voice, every number traced."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rendering.builders import compiled_report, outline
from rendering.figures import document_figures
from rendering.narrative import (
    CONNECTORS,
    THEME_LEADS,
    Statement,
    proposal_paragraphs,
    section_kind,
    statements,
    theme_paragraphs,
)
from rendering.phrasing import CONTINUATIONS, Openings, opening_key, sentence_chunks
from rendering.spec import Heading, Paragraph
from rounds.models import DataValue, Narrative, Round

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
MONEY = re.compile(r"(\d+(?:[.,]\d+)*)(?: (triệu|tỷ) đồng)?")
SCALES = {"": 1, "triệu": 10**6, "tỷ": 10**9}


@pytest.fixture(scope="module")
def demo_prose(demo_db, django_db_blocker):
    """The 2023 demo round (its agencies wrote proposals), its compiled report's body."""
    with django_db_blocker.unblock():
        round_ = Round.objects.get(period__year=2023, coordinator__code="LĐTBXH")
        proposals = next(s for s in outline(round_) if section_kind(s) == "proposals")
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
    # The same proposal from two agencies is made once, in both their names.
    assert any(
        "Đề nghị Ủy ban nhân dân tỉnh: chỉ đạo các sở, ngành liên quan tăng cường phối hợp kiểm "
        "tra liên ngành đối với các cơ sở kinh doanh dịch vụ dễ bị lợi dụng hoạt động mại dâm "
        "(kiến nghị của Công an tỉnh và Sở Văn hóa, Thể thao và Du lịch)." in t
        for t in texts
    )
    assert any(t.startswith("Đề nghị Bộ Công an: hướng dẫn thu thập chứng cứ") for t in texts)


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


def _agency_names(round_) -> list[str]:
    return [report.agency.name for report in round_.reports.select_related("agency")]


def test_a_theme_lead_only_goes_before_a_sentence_whose_subject_is_its_agency(demo_prose):
    round_, spec, *_ = demo_prose
    leads = [lead for theme in THEME_LEADS.values() for lead in theme if lead]
    paragraphs = [b.text for b in spec.body if isinstance(b, Paragraph)]
    led = [(lead, p) for p in paragraphs for lead in leads if p.startswith(lead)]
    assert led
    names = _agency_names(round_)
    assert all(p[len(lead) :].startswith(tuple(names)) for lead, p in led), led
    # The sentence with an opening of its own, and the assessment, open their paragraphs.
    assert any(p.startswith("Thực hiện Kế hoạch số 4311/KH-UBND") for p in paragraphs)
    assert any(
        p.startswith("Công tác phòng, chống mại dâm được lãnh đạo Ban Dân tộc quan tâm")
        for p in paragraphs
    )


def test_a_section_first_agency_paragraph_takes_no_connector(demo_prose):
    round_, spec, *_ = demo_prose
    for title, texts in _sections(spec).items():
        # The department's own line ends with a colon when the agencies' paragraphs follow it.
        first = next((t for t in texts if not t.endswith(":")), "")
        assert not first.startswith(CONNECTORS), (title, first)
    directions = next(s for s in outline(round_) if section_kind(s) == "directions")
    assert _sections(spec)[directions.title][1].startswith(
        "Trong tuyên truyền, phổ biến, giáo dục pháp luật, Ban Dân tộc triển khai"
    )


def test_connectors_wait_for_a_paragraph_before_them():
    said = statements(
        [("Ban Dân tộc", "Triển khai thực hiện Kế hoạch tuyên truyền phổ biến pháp luật.")],
        ["Ban Dân tộc"],
    )
    openings = Openings()
    for lead in THEME_LEADS["propaganda"]:
        openings.take(lead + "x")
    assert theme_paragraphs(said, "directions", openings) == [
        "Ban Dân tộc triển khai thực hiện Kế hoạch tuyên truyền phổ biến pháp luật."
    ]


def test_figure_sentences_hold_at_most_three_figures(demo_prose):
    _, spec, *_ = demo_prose
    propaganda = next(b.text for b in spec.body if isinstance(b, Paragraph) and "238" in b.text)
    sentences = re.split(r"\.\s+(?=[A-ZĐ])", propaganda)
    assert len(sentences) == 4
    assert [s.split(", ", 1)[0] for s in sentences[1:]] == [
        c.strip(", ") for c in CONTINUATIONS[:3]
    ]
    assert all(s.count(";") + s.count(" và ") <= 2 for s in sentences), sentences
    # Every figure of the group is still there, once.
    for figure in ("238", "7.150", "56.000", "140", "4 huyện"):
        assert propaganda.count(figure) == 1
    assert [len(c) for c in sentence_chunks(list("abcdefg"))] == [3, 2, 2]
    assert [len(c) for c in sentence_chunks(list("ab"))] == [2]
    assert [len(c) for c in sentence_chunks(list("x" * 20))] == [4] * 5


def test_the_narratives_are_digested_once_per_report(demo_prose):
    round_, *_ = demo_prose
    with CaptureQueriesContext(connection) as queries:
        compiled_report(round_)
    table = Narrative._meta.db_table
    reads = [q["sql"] for q in queries if f'FROM "{table}"' in q["sql"]]
    assert len(reads) == 1, reads


def test_proposals_keep_a_whole_addressee_and_answer_those_made_to_the_compiler():
    compiler = "Sở Lao động - Thương binh và Xã hội"
    found = statements(
        [
            (
                "Sở Văn hóa, Thể thao và Du lịch",
                "Đề nghị Ủy ban nhân dân các huyện, thành phố bố trí kinh phí cho đội kiểm tra.",
            ),
            ("Sở Y tế", f"Đề nghị {compiler} bố trí kinh phí hỗ trợ y tế cho người bán dâm."),
        ],
        ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"],
    )
    paragraphs = proposal_paragraphs(found, Openings(), compiler)
    assert paragraphs[0] == (
        "Đề nghị Ủy ban nhân dân các huyện, thành phố: bố trí kinh phí cho đội kiểm tra "
        "(kiến nghị của Sở Văn hóa, Thể thao và Du lịch)."
    )
    assert paragraphs[1] == (
        "Đối với kiến nghị của Sở Y tế về việc bố trí kinh phí hỗ trợ y tế cho người bán dâm, "
        f"{compiler} sẽ xem xét, giải quyết theo thẩm quyền."
    )
