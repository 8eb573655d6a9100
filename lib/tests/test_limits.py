from lib.limits import MAX_LISTED_PROBLEMS, listed


def test_a_short_list_is_kept_whole():
    problems = [f"Dòng {n}: sai" for n in range(MAX_LISTED_PROBLEMS)]
    assert listed(problems) == problems


def test_a_long_list_keeps_the_first_problems_and_counts_the_rest():
    problems = [f"Dòng {n}: sai" for n in range(1, 300_001)]
    shown = listed(problems)
    assert shown[:MAX_LISTED_PROBLEMS] == problems[:MAX_LISTED_PROBLEMS]
    assert len(shown) == MAX_LISTED_PROBLEMS + 1
    assert shown[-1].startswith("… và 299.950 lỗi khác (tổng cộng 300.000 lỗi)")
