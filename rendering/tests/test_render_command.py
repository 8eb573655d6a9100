"""`tonghop render` for each document and format, on the demo province, and its bad input."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from catalogue.models import Period
from rendering.pdf import soffice_binary
from rounds.models import Round


def render(tmp_path, *args) -> bytes:
    target = tmp_path / args[-1]
    call_command("render", *args[:-1], "-o", str(target), stdout=io.StringIO())
    return target.read_bytes()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args",
    [
        ("agency-report", "--agency", "BDT", "--year", "2023", "bdt.docx"),
        ("compiled", "--year", "2023", "--include-drafts", "tong-hop.docx"),
        ("request", "--year", "2023", "cong-van.docx"),
    ],
)
def test_each_document_as_docx(demo_db, tmp_path, args):
    data = render(tmp_path, *args)
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()


@pytest.mark.django_db
def test_compiled_annex_tables_as_xlsx(demo_db, tmp_path):
    workbook = load_workbook(io.BytesIO(render(tmp_path, "compiled", "--year", "2023", "p.xlsx")))
    first = workbook.worksheets[0]
    assert first["A3"].value == "Chỉ tiêu" and first["C3"].value == "Tổng số"
    assert len(workbook.worksheets) == 2


@pytest.mark.django_db
def test_agency_report_as_pdf(demo_db, tmp_path):
    if soffice_binary() is None:
        pytest.skip("LibreOffice is not installed")
    assert render(tmp_path, "agency-report", "--agency", "bdt", "--year", "2023", "a.pdf")[:5] == (
        b"%PDF-"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("agency-report", "--agency", "XYZ", "--year", "2023", "a.docx"), "mang mã “XYZ”"),
        (("agency-report", "--year", "2023", "a.docx"), "--agency"),
        (("compiled", "--year", "2019", "a.docx"), "Không có đợt báo cáo nào của năm 2019"),
        (("compiled", "--year", "2023", "--round", "999999", "a.docx"), "mã 999999"),
        (("request", "--year", "2023", "a.xlsx"), "Không hỗ trợ định dạng tệp “.xlsx”"),
        (("compiled", "--year", "2023", "a.txt"), "“.txt”"),
    ],
)
def test_bad_input_fails_with_a_vietnamese_message(demo_db, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        render(tmp_path, *args)


@pytest.mark.django_db
def test_several_rounds_in_a_year_are_listed(demo_db, tmp_path):
    first = Round.objects.get(period__year=2023, coordinator__code="LĐTBXH")
    half = Period.objects.get_or_create_standard("half", 2023, 2)
    second = Round.objects.create(
        name="Báo cáo 6 tháng cuối năm 2023",
        coordinator=first.coordinator,
        period=half,
        deadline=first.deadline,
    )
    with pytest.raises(CommandError) as error:
        render(tmp_path, "request", "--year", "2023", "a.docx")
    assert f"--round {first.pk}" in str(error.value) and f"--round {second.pk}" in str(error.value)
    assert render(tmp_path, "request", "--year", "2023", "--round", str(first.pk), "a.docx")


@pytest.mark.django_db
def test_missing_libreoffice_is_reported(demo_db, tmp_path, settings):
    settings.TONGHOP_SOFFICE = "/nonexistent/soffice"
    with pytest.raises(CommandError, match="Chưa cài LibreOffice"):
        render(tmp_path, "request", "--year", "2023", "a.pdf")
