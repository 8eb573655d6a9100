from __future__ import annotations

from imports.extraction import document as document_module
from imports.extraction import extract_text
from imports.extraction.indicators import IndicatorMatcher

CATALOGUE = [
    {
        "code": "TT_TO_ROI",
        "name": "Tờ rơi, tờ gấp phát hành",
        "unit": "tờ",
        "value_type": "int",
        "aggregation": "sum",
        "group": "Tuyên truyền",
        "breakdowns": [],
        "synonyms": ["tờ rơi", "tờ gấp"],
    },
    {
        "code": "KT_LUOT_CO_SO",
        "name": "Lượt cơ sở được kiểm tra",
        "unit": "lượt cơ sở",
        "value_type": "int",
        "aggregation": "sum",
        "group": "Kiểm tra",
        "breakdowns": [],
        "synonyms": ["lượt cơ sở", "kiểm tra cơ sở"],
    },
    {
        "code": "KT_TIEN_PHAT",
        "name": "Tiền phạt vi phạm hành chính",
        "unit": "đồng",
        "value_type": "money",
        "aggregation": "sum",
        "group": "Kiểm tra",
        "breakdowns": [],
        "synonyms": ["xử phạt", "tiền phạt"],
    },
]


def test_figures_are_mapped_to_catalogue_codes(monkeypatch):
    monkeypatch.setattr(document_module, "default_catalogue", lambda: CATALOGUE)
    text = (
        "Phát hành 43.000 tờ rơi. Kiểm tra 21 lượt cơ sở, xử phạt với tổng số tiền 45 triệu đồng."
    )
    got = {f["value"]: (f["indicator"], f["confidence"]) for f in extract_text(text)["figures"]}
    assert got[43000][0] == "TT_TO_ROI"
    assert got[21][0] == "KT_LUOT_CO_SO"
    assert got[45_000_000][0] == "KT_TIEN_PHAT"
    assert all(0 < conf <= 1 for _, conf in got.values())


def test_an_officers_remembered_phrase_wins(monkeypatch):
    monkeypatch.setattr(document_module, "default_catalogue", lambda: CATALOGUE)
    got = extract_text("In 500 tờ rơi song ngữ.", synonyms={"tờ rơi song ngữ": "TT_SONG_NGU"})
    assert (got["figures"][0]["indicator"], got["figures"][0]["confidence"]) == (
        "TT_SONG_NGU",
        0.95,
    )


def test_no_match_gives_null_and_zero():
    matcher = IndicatorMatcher(CATALOGUE)
    assert matcher.match("cây", "trồng 20 cây xanh") == (None, 0.0)
