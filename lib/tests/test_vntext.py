from __future__ import annotations

from lib.vntext import join_wrapped_lines, normalise, normalise_tones, strip_table_pipes


def test_old_tone_placement_moves_to_main_vowel():
    assert normalise_tones("hoà nhập, Thuỷ, CỘNG HOÀ") == "hòa nhập, Thủy, CỘNG HÒA"


def test_tone_placement_leaves_closed_syllables_and_qu_alone():
    assert normalise_tones("hoàn thành, quý, khoá") == "hoàn thành, quý, khóa"


def test_page_break_inside_a_sentence_is_joined():
    text = "- Phối hợp với các đơn\n\nvị liên quan đẩy mạnh tuyên truyền."
    assert join_wrapped_lines(text) == "- Phối hợp với các đơn vị liên quan đẩy mạnh tuyên truyền."


def test_proper_name_split_by_page_break_after_long_paragraph_is_joined():
    first = (
        "- Năm 2023 tổ chức 02 hội thi tìm hiểu pháp luật cho nhân dân tại các huyện Lục Ngạn, Sơn"
    )
    assert join_wrapped_lines(f"{first}\n\nĐộng thu hút đông người.").endswith(
        "Sơn Động thu hút đông người."
    )


def test_heading_and_title_stay_separate_from_the_body():
    text = "BÁO CÁO\nTỔNG KẾT CÔNG TÁC\nNĂM 2023\nQua 05 năm triển khai\nthực hiện"
    assert join_wrapped_lines(text).split("\n") == [
        "BÁO CÁO",
        "TỔNG KẾT CÔNG TÁC NĂM 2023",
        "Qua 05 năm triển khai thực hiện",
    ]


def test_list_items_are_not_joined():
    assert join_wrapped_lines("- Sở Y tế;\n- Lưu: VT.").split("\n") == ["- Sở Y tế;", "- Lưu: VT."]


def test_number_on_the_line_after_so_is_joined():
    assert join_wrapped_lines("Số:\n2578/KH-UBND") == "Số: 2578/KH-UBND"


def test_pipes_of_a_flattened_header_become_cells():
    assert strip_table_pipes("SỞ Y TẾ | CỘNG HÒA |\n|\nSố: 5/BC") == "SỞ Y TẾ\nCỘNG HÒA\nSố: 5/BC"


def test_normalise_composes_unicode():
    decomposed = "Hòa Bình".replace("ò", "o\u0300")
    assert normalise(decomposed) == "Hòa Bình"
