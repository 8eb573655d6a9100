from __future__ import annotations

import docx
from django.core.management import call_command
from docx.shared import Cm, Pt

from rendering.docx_writer import render_docx
from rendering.docx_writer.template import DEFAULT_TEMPLATE, STYLES, S, build_template
from rendering.testing import agency_report
from rendering.tests.inspect_docx import effective, open_docx


def test_committed_base_template_matches_the_code():
    committed = docx.Document(str(DEFAULT_TEMPLATE))
    for definition in STYLES:
        style = committed.styles[definition.name]
        assert style.font.size == Pt(definition.size), definition.name
        assert bool(style.font.bold) == definition.bold, definition.name
        assert bool(style.font.italic) == definition.italic, definition.name
        assert style.paragraph_format.space_before == Pt(definition.before), definition.name
    built, saved = build_template().sections[0], committed.sections[0]
    for attribute in ("page_width", "page_height", "top_margin", "left_margin", "right_margin"):
        assert getattr(saved, attribute) == getattr(built, attribute)


def test_province_template_from_settings_is_used(settings, tmp_path):
    template = build_template()
    template.sections[0].left_margin = Cm(3.5)
    template.styles[S.BODY].font.size = Pt(13)
    path = tmp_path / "mau-tinh.docx"
    template.save(path)
    settings.TONGHOP_DOCX_TEMPLATE = str(path)
    document = open_docx(render_docx(agency_report()))
    assert round(document.sections[0].left_margin.cm, 2) == 3.5
    opening = next(p for p in document.paragraphs if p.text.startswith("Căn cứ"))
    assert effective(opening, "size") == 13


def test_template_without_nd30_styles_gets_them(tmp_path):
    plain = tmp_path / "trong.docx"
    docx.Document().save(plain)
    document = open_docx(render_docx(agency_report(), template=plain))
    assert document.styles[S.SIGNER_NAME].font.bold
    assert document.tables[0].cell(0, 1).paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_docx_template_command_writes_an_editable_template(tmp_path, capsys):
    target = tmp_path / "mau" / "goc.docx"
    call_command("docx_template", "-o", str(target))
    assert "Đã ghi mẫu văn bản" in capsys.readouterr().out
    assert docx.Document(str(target)).styles[S.BODY].font.size == Pt(14)
