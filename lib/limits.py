"""Bounds on what one request may make the server read or answer, whatever path it takes."""

from __future__ import annotations

from collections.abc import Sequence

from lib.vnformat import format_number

# A province's report has a few thousand cells (indicators by locality); a table of figures
# sent as .xlsx or CSV far beyond that is no report.
MAX_TABLE_ROWS = 20_000
# An answer lists this many problems and counts the rest, so a bad file of 300,000 rows gets a
# short answer, not one the size of the file.
MAX_LISTED_PROBLEMS = 50


def listed(problems: Sequence[str]) -> list[str]:
    """The first MAX_LISTED_PROBLEMS problems, and a last line counting the others."""
    if len(problems) <= MAX_LISTED_PROBLEMS:
        return list(problems)
    rest = len(problems) - MAX_LISTED_PROBLEMS
    return [
        *problems[:MAX_LISTED_PROBLEMS],
        f"… và {format_number(rest)} lỗi khác (tổng cộng {format_number(len(problems))} lỗi); "
        "hãy sửa các lỗi trên rồi gửi lại để xem tiếp.",
    ]
