from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from documents.references import find_references, parse_reference
from lib.vntext import normalise

SEED = Path(__file__).resolve().parents[2].parent / "shared/corpus/seed"
LABELS = SEED / "bc-pcmd-2023-ban-dan-toc-bac-giang.labels.json"


def _seed():
    if not LABELS.exists():
        pytest.skip(
            f"shared corpus not found at {SEED} (expected ../shared/corpus beside the project)"
        )
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    return labels, normalise((SEED / labels["file"]).read_text(encoding="utf-8"))


def test_every_seed_reference_is_read_as_written():
    labels, text = _seed()
    found = {}
    for ref in find_references(text):
        found.setdefault((ref.number, ref.symbol), ref)
    for gold in labels["referenced_documents"]:
        ref = found[(gold["number"], gold["symbol"])]
        assert ref.kind == gold["kind"]
        assert (ref.date.isoformat() if ref.date else None) == gold["date"]
        assert ref.issuer == gold["issuer"]


def test_misspelt_symbols_are_kept():
    ref = parse_reference("Công văn số 3579/LĐTĐ & XH-PCTNXH ngày 01/12/2023 của Sở Lao động")
    assert (ref.kind_code, ref.number, ref.symbol) == ("CV", "3579", "LĐTĐ & XH-PCTNXH")
    assert parse_reference("Kế hoạch số 21/KHBCĐ ngày 07/02/2023").symbol == "KHBCĐ"


def test_party_symbol_and_wordy_date():
    ref = parse_reference("Kết luận số 80-KL/TW ngày 20/6/2020 của Ban Bí thư về việc tiếp tục")
    assert (ref.kind_code, ref.number, ref.symbol, ref.issuer) == (
        "KL",
        "80",
        "KL/TW",
        "Ban Bí thư",
    )
    ref = parse_reference(
        "Quyết định số 1629/QĐ-TTg ngày 28 tháng 9 năm 2021 của Thủ tướng Chính phủ về việc"
    )
    assert ref.date == dt.date(2021, 9, 28)
    assert ref.issuer == "Thủ tướng Chính phủ"


def test_normative_symbol_with_year_and_stray_space():
    ref = parse_reference("theo Nghị định số 144/2021/NĐ-CP ngày 31/12/2021 của Chính phủ")
    assert (ref.kind, ref.number, ref.symbol) == ("Nghị định", "144", "2021/NĐ-CP")
    ref = parse_reference("Công văn 5109/BLĐTBXH- PCTNXH ngày 5/12/2023")
    assert ref.symbol == "BLĐTBXH- PCTNXH"
    assert ref.key() == "5109/blđtbxh-pctnxh"


def test_dispatch_named_only_as_van_ban_takes_its_kind_from_the_symbol():
    assert parse_reference("văn bản số 12/UBND-VX ngày 3/1/2024").kind == "Công văn"
    assert parse_reference("văn bản số 12/KH-UBND ngày 3/1/2024").kind == "Kế hoạch"


def test_issuer_is_the_agency_that_issued_it_when_there_is_no_cua():
    ref = parse_reference("; Ban Dân tộc ban hành Kế hoạch số 50/KH-BDT ngày 31/01/2023 Công tác")
    assert ref.issuer == "Ban Dân tộc"


def test_a_document_named_by_its_number_alone_is_a_reference_without_symbol():
    refs = find_references("UBND thành phố vừa ban hành Kế hoạch số 06 về kiểm tra các cơ sở.")
    assert [(r.kind, r.number, r.as_dict()["symbol"], r.issuer) for r in refs] == [
        ("Kế hoạch", "06", None, "UBND thành phố")
    ]
    assert refs[0].key() == "06/"
    # With its symbol it is the usual reference, read once.
    refs = find_references("Thực hiện Kế hoạch số 06/KH-UBND ngày 2/3/2025 của UBND tỉnh")
    assert [(r.number, r.symbol) for r in refs] == [("06", "KH-UBND")]
    # A number after "số" with no kind before it, or a kind with a year, names no document.
    assert find_references("nhà số 12 đường Lê Lợi; kế hoạch năm 2025; Kế hoạch 2026") == []


def test_a_law_named_between_its_kind_and_its_number_is_read():
    refs = find_references(
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Căn cứ Pháp lệnh Phòng, "
        "chống mại dâm số 10/2003/PL-UBTVQH11 ngày 17 tháng 3 năm 2003 của Ủy ban Thường vụ "
        "Quốc hội; Kế hoạch thực hiện Quyết định số 12/QĐ-UBND"
    )
    assert [(r.kind, r.number, r.symbol) for r in refs] == [
        ("Pháp lệnh", "10", "2003/PL-UBTVQH11"),
        ("Quyết định", "12", "QĐ-UBND"),
    ]
    assert refs[0].issuer == "Ủy ban Thường vụ Quốc hội"


def test_periods_and_plain_numbers_are_not_references():
    assert parse_reference("kế hoạch 2021-2025 và 10/10 huyện") is None
    assert find_references("") == []


@given(st.text())
def test_reference_parser_never_raises(text):
    find_references(text)
    parse_reference(text)
