"""Figures written in prose the way press items and reviews write them (made-up sentences)."""

from __future__ import annotations

from imports.extraction import extract_text
from imports.extraction.privacy import redact


def _figures(text: str) -> list[tuple]:
    return [(f["value"], f["qualifier"], f["unit"]) for f in extract_text(text)["figures"]]


def test_an_estimate_is_about_whether_its_word_stands_before_a_verb_a_colon_or_after():
    got = extract_text(
        "Số người nghiện ước tính là 3.120 người; số người bán dâm ước tính: 840 người; "
        "tỷ lệ xã lành mạnh ước đạt 95%; có 210 cơ sở kinh doanh (ước tính) trên địa bàn."
    )["figures"]
    assert [(f["value"], f["qualifier"], f["qualifier_word"], f["unit"]) for f in got] == [
        (3120, "about", "ước tính", "người"),
        (840, "about", "ước tính", "người"),
        (95, "about", "ước", "%"),
        (210, "about", "ước tính", "cơ sở kinh doanh"),
    ]


def test_a_qualifier_governs_every_member_of_the_list_it_opens():
    assert _figures(
        "Tuyên truyền tới ít nhất 4.200 hộ, 1.800 người và 60.000 học sinh; "
        "khoảng 11.000 người bán dâm, trong đó 3.150 người có hồ sơ quản lý; "
        "phát hiện 12 vụ, 30 đối tượng."
    ) == [
        (4200, "more_than", "hộ"),
        (1800, "more_than", "người"),
        (60000, "more_than", "học sinh"),
        (11000, "about", "người bán dâm"),
        (3150, "exact", "người"),
        (12, "exact", "vụ"),
        (30, "exact", "đối tượng"),
    ]


def test_a_range_is_one_figure_and_its_scale_word_scales_the_lower_end_only_when_short():
    assert _figures(
        "Giá mỗi lần từ 300.000 đến 1,5 triệu đồng; mức vay từ 20 đến 50 triệu đồng; "
        "mức phạt từ 500 nghìn đến 1,5 triệu đồng."
    ) == [
        (300_000, "exact", "đồng"),
        (20_000_000, "exact", "đồng"),
        (500_000, "exact", "đồng"),
    ]


def test_small_counts_in_words_count_but_the_year_and_some_do_not():
    assert _figures(
        "Công an bắt giữ ba đối tượng; hội thi trao năm giải; kiểm tra hai cơ sở. "
        "Một số cơ sở chưa chấp hành; trong năm giải quyết 04 vụ; đầu năm người dân phản ánh; "
        "cuối năm cơ sở đóng cửa."
    ) == [
        (3, "exact", "đối tượng"),
        (5, "exact", "giải"),
        (2, "exact", "cơ sở"),
        (4, "exact", "vụ"),
    ]


def test_vague_quantities_are_their_round_number_about():
    text = (
        "Thu hút hàng trăm lượt người; thu giữ hàng chục kg; phát hàng nghìn tờ rơi; "
        "hàng chục nghìn lượt người xem; vài chục người; mấy trăm hộ."
    )
    assert _figures(text) == [
        (100, "about", "lượt người"),
        (10, "about", "kg"),
        (1000, "about", "tờ rơi"),
        (10000, "about", "lượt người"),
    ]


def test_a_measure_glued_to_its_number_is_its_unit():
    assert _figures("Thu giữ 12.500g ma túy, 3,5kg pháo nổ và 20ha cây thuốc phiện.") == [
        (12500, "exact", "g"),
        (3.5, "exact", "kg"),
        (20, "exact", "ha"),
    ]


def test_a_footnote_mark_on_the_unit_does_not_cut_it():
    assert _figures("Kiểm tra 75 cơ sở¹ trong năm 2024² và 12 cơ sở2 khác.") == [
        (75, "exact", "cơ sở"),
        (12, "exact", "cơ sở"),
    ]


def test_the_age_of_one_person_is_flagged_masked_and_never_a_figure():
    text = (
        "Bắt giữ Nguyễn Văn A (45 tuổi) và N.V.B, 32 tuổi; giải cứu Lò Thị Cúc (nữ, 15 tuổi); "
        "một đối tượng nam, 51 tuổi, trú tại thôn 3; cùng 03 nạn nhân mới 17 tuổi."
    )
    result = extract_text(text)
    assert [(f["value"], f["unit"]) for f in result["figures"]] == [(3, "nạn nhân"), (17, "tuổi")]
    warning = next(w for w in result["warnings"] if "tuổi của một người" in w)
    personal = ("45", "32", "15", "51", "Nguyễn", "N.V.B", "Cúc")
    assert not any(s in warning for s in personal)
    kept, _ = redact(text)
    assert not any(s in kept for s in personal)
    assert "03 nạn nhân mới 17 tuổi" in kept


def test_the_ages_of_a_group_stay_figures():
    assert _figures(
        "Tuyên truyền cho trẻ em từ 14 - 16 tuổi, học sinh từ 15 tuổi trở lên; "
        "tuổi bình quân của nạn nhân là 21 tuổi."
    ) == [(14, "exact", "tuổi"), (15, "more_than", "tuổi"), (21, "exact", "tuổi")]


def test_the_years_of_a_programme_reviewed_stay_a_duration_as_the_corpus_labels_them():
    # shared/corpus real/01 labels "Qua 05 năm" and "sau 10 năm" as duration figures.
    assert _figures("Qua 05 năm triển khai; sau 10 năm thi hành Pháp lệnh.") == [
        (5, "exact", "năm"),
        (10, "exact", "năm"),
    ]


def test_press_prose_times_addresses_plates_phones_and_people_are_no_figures():
    assert _figures(
        "Khoảng 22h30 ngày 10/5, tổ công tác kiểm tra khách sạn (239 Lê Văn Sỹ, phường Tân Định) "
        "và nhà nghỉ tại số 12 đường Lý Thái Tổ, phát hiện 6 cặp nam nữ mua bán dâm. "
        "Lúc 20 giờ 45 phút, lực lượng chức năng bắt giữ Nguyễn Văn An (SN 1990) và "
        "Trần Thị Bình (45 tuổi), thu giữ 25 triệu đồng và xe ô tô biển số 99A-123.45. "
        "Bài đăng lúc 09:15. Mọi tin báo xin gọi 0912.345.678. "
        "Công an phường Hà Giang 1 phối hợp kiểm tra 8 cơ sở."
    ) == [
        (6, "exact", "cặp"),
        (25000000, "exact", "đồng"),
        (8, "exact", "cơ sở"),
    ]


def test_press_prose_counts_fines_sentences_and_vague_quantities():
    assert _figures(
        "Hội đồng xét xử tuyên phạt bị cáo 3 năm tù, phạt bổ sung 15 triệu đồng; "
        "hai đồng phạm nhận 18 tháng tù. Quán thuê 7 nữ nhân viên, thu của mỗi khách "
        "từ 500.000 đồng đến 1,5 triệu đồng, làm rõ hàng chục lượt môi giới; "
        "trước đó, địa phương đã đưa ra kiểm điểm 2 đối tượng."
    ) == [
        (3, "exact", "năm"),
        (15000000, "exact", "đồng"),
        (2, "exact", "đồng phạm"),
        (18, "exact", "tháng"),
        (7, "exact", "nhân viên"),
        (500000, "exact", "đồng"),
        (10, "about", "lượt"),
        (2, "exact", "đối tượng"),
    ]


def test_guests_counted_in_words_are_a_count_and_hotels_stay_hotels():
    got = extract_text("Bắt quả tang hai khách mua dâm tại một khách sạn; kiểm tra 12 khách sạn.")
    assert [(f["value"], f["unit"]) for f in got["figures"]] == [(2, "khách"), (12, "khách sạn")]


def test_months_opening_a_headline_or_sentence_then_the_work_are_the_period():
    headline = "6 THÁNG BẮT GIỮ 340 VỤ VỀ MẠI DÂM\n\nTrong 9 tháng, đã kiểm tra 12 cơ sở."
    assert [(f["value"], f["unit"]) for f in extract_text(headline)["figures"]] == [
        (340, "VỤ"),
        (12, "cơ sở"),
    ]
    term = "Học viên được cai nghiện trong 6 tháng, sau đó về địa phương."
    assert [(f["value"], f["unit"]) for f in extract_text(term)["figures"]] == [(6, "tháng")]


def test_a_hamlet_named_by_its_number_is_no_count():
    got = extract_text("Khu phố 6 chưa được cấp phát tờ rơi; thôn 2 có 3 cơ sở; xã có 4 thôn.")
    assert [(f["value"], f["unit"]) for f in got["figures"]] == [(3, "cơ sở"), (4, "thôn")]
