from __future__ import annotations

from catalogue.defaults import default_indicators
from imports.extraction import document as document_module
from imports.extraction import extract_text
from imports.extraction.indicators import IndicatorMatcher, noun_phrase

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
    found = matcher.match("cây", "trồng 20", "cây xanh")
    assert (found.code, found.confidence) == (None, 0.0)


SEED_INDICATORS = [
    "contests",
    "contest_participants",
    "propaganda_sessions",
    "media_features",
    "media_articles",
    "media_news",
    "leaflets",
    "trainings",
    "propaganda_districts",
    "trainings",
    "respected_persons_reached",
]


def test_every_seed_figure_maps_to_its_indicator_in_the_real_catalogue(seed):
    text, _ = seed
    got = [(f["quote"], f["indicator"]) for f in extract_text(text)["figures"]]
    assert [code for _, code in got] == SEED_INDICATORS, got


def test_the_longest_phrase_of_the_counted_noun_wins_over_the_words_around_it():
    matcher = IndicatorMatcher(default_indicators())
    found = matcher.match("hội nghị", "Phối hợp tổ chức lồng ghép", "hội nghị tập huấn tại 4 huyện")
    assert (found.code, found.phrase) == ("trainings", "hội nghị tập huấn")


def test_a_place_count_after_a_training_is_not_a_training():
    got = extract_text("Tổ chức 3 hội nghị tập huấn tại 3 huyện.")["figures"]
    assert [f["indicator"] for f in got] == ["trainings", "propaganda_districts"]


def test_a_bare_repeated_noun_takes_the_kind_named_before_it_in_the_sentence():
    text = "Tổ chức 2 hội nghị tập huấn tại huyện Yên Thế và 01 hội nghị tại thành phố Bắc Giang."
    assert [f["indicator"] for f in extract_text(text)["figures"]] == ["trainings", "trainings"]


def test_a_bare_noun_in_a_new_sentence_keeps_its_own_kind():
    text = "Tổ chức 2 hội nghị tập huấn. Ngoài ra, tổ chức 3 hội nghị tại các xã."
    got = [f["indicator"] for f in extract_text(text)["figures"]]
    assert got == ["trainings", "propaganda_sessions"]


def test_noun_phrase_stops_at_places_and_purposes():
    assert noun_phrase("hội thi tìm hiểu pháp luật tại huyện Lục Ngạn") == (
        "hội thi tìm hiểu pháp luật"
    )
    assert noun_phrase("tin qua Đài Phát thanh") == "tin"


def test_a_label_that_is_an_indicators_name_is_that_indicators():
    """Every name of the catalogue, as a table row's label, goes to its own indicator, though
    a shorter phrase of another starts it ("Người bán dâm có hồ sơ quản lý": "người bán dâm")."""
    indicators = list(default_indicators())
    matcher = IndicatorMatcher(indicators)
    got = {ind["code"]: matcher.match(ind["unit"], "", ind["name"]).code for ind in indicators}
    assert got == {ind["code"]: ind["code"] for ind in indicators}


def test_a_name_longer_than_the_noun_phrase_wins_in_a_table_row():
    text = (
        "BÁO CÁO\nKết quả\n\nI. KẾT QUẢ\n"
        "| Chỉ tiêu | Đơn vị tính | Tổng số |\n"
        "| Người bán dâm có hồ sơ quản lý tại địa phương | người | 12 |\n"
        "| Lượt người có uy tín được tập huấn, cung cấp thông tin | lượt người | 40 |\n"
        "| Lượt người dự hội nghị | lượt người | 300 |\n"
    )
    got = [(f["value"], f["indicator"]) for f in extract_text(text)["figures"]]
    assert got == [
        (12, "sex_workers_recorded"),
        (40, "respected_persons_reached"),
        (300, "propaganda_attendance"),
    ]


def test_an_indicators_name_wins_over_another_ones_synonym_of_the_same_words():
    catalogue = [
        {"code": "B", "name": "Cuộc kiểm tra", "unit": "lượt", "synonyms": ["lượt kiểm tra"]},
        {"code": "A", "name": "Lượt kiểm tra", "unit": "lượt", "synonyms": []},
    ]
    assert IndicatorMatcher(catalogue).match("lượt", "", "lượt kiểm tra").code == "A"
